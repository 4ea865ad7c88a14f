import OGPCore

/// The stored documents of a segment being built, encoded as they arrive into the blocks of
/// the stored-fields file (``StoredFieldsWriter``): the builder keeps each document's encoding,
/// never the document itself (its strings were most of the builder's memory). The blocks are
/// compressed when the segment is written, with a dictionary trained on all of them.
///
/// A chunk's builder (``SegmentBuilder/add(contentsOf:parallelism:)``) keeps each document's
/// encoding apart (`perDocument`); they go into its segment's blocks, in order, when the chunk
/// is absorbed, so blocks close where they would have closed for documents added one by one.
struct StoredBlocks {
    let perDocument: Bool
    /// Per-document mode: the encodings, one after the other, and where each ends.
    private(set) var encodings = ByteBuffer()
    private(set) var ends: [Int] = []
    /// Block mode: the open block (varint length + encoding per document), its first document
    /// and each document's bytes in it.
    private var open = ByteBuffer()
    private var openFirst = 0
    private var openSizes: [Int] = []
    private var documents = 0
    private var closed: [(first: Int, raw: [UInt8], sizes: [Int])] = []

    init(perDocument: Bool) {
        self.perDocument = perDocument
    }

    /// Appends a document's encoding.
    mutating func append(_ doc: IndexDocument) {
        if perDocument {
            StoredCodec.encode(doc, into: &encodings)
            ends.append(encodings.count)
        } else {
            var one = ByteBuffer()
            StoredCodec.encode(doc, into: &one)
            appendEncoding(one.bytes[...])
        }
    }

    /// Appends the documents a per-document `other` holds, in order.
    mutating func append(documentsOf other: StoredBlocks) {
        var start = 0
        for end in other.ends {
            appendEncoding(other.encodings.bytes[start..<end])
            start = end
        }
    }

    /// Appends a document's ``StoredCodec`` encoding as it is (a merge copies a segment's
    /// stored documents without decoding them).
    mutating func append(encoding bytes: UnsafeRawBufferPointer) {
        if perDocument {
            encodings.bytes.append(contentsOf: bytes)
            ends.append(encodings.count)
        } else {
            let before = open.count
            open.varint(bytes.count)
            open.bytes.append(contentsOf: bytes)
            openSizes.append(open.count - before)
            documents += 1
            if open.count >= StoredFieldsWriter.blockBytes { closeBlock() }
        }
    }

    private mutating func appendEncoding(_ bytes: ArraySlice<UInt8>) {
        let before = open.count
        open.varint(bytes.count)
        open.append(bytes)
        openSizes.append(open.count - before)
        documents += 1
        if open.count >= StoredFieldsWriter.blockBytes { closeBlock() }
    }

    private mutating func closeBlock() {
        guard open.count > 0 else { return }
        closed.append((openFirst, open.bytes, openSizes))
        open = ByteBuffer()
        openSizes = []
        openFirst = documents
    }

    /// The `.sto` file (see ``StoredFieldsWriter``).
    mutating func file(name: String, compression: StoredCompression = .standard) throws(IndexError) -> [UInt8] {
        closeBlock()
        return try StoredFieldsWriter.bytes(rawBlocks: closed, documents: documents, file: name, compression: compression)
    }
}
