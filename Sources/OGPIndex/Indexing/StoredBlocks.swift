import OGPCore

/// The stored documents of a segment being built, compressed as they arrive: the builder keeps
/// compressed blocks, never the documents' text (which was most of its memory).
///
/// A chunk's builder (``SegmentBuilder/add(contentsOf:parallelism:)``) keeps each document's
/// encoding instead (`perDocument`); they go into its segment's blocks, in order, when the
/// chunk is absorbed, so blocks close where they would have closed for documents added one by
/// one.
struct StoredBlocks {
    /// Uncompressed size at which a block is closed. 64 KB blocks: a fifth smaller than 16 KB
    /// ones, and showing a hit inflates 64 KB (about 0.2 ms).
    static let blockBytes = 64 * 1024
    /// Closed blocks compressed together, on every core (deflate is a large part of building).
    static let compressBatch = 16

    let perDocument: Bool
    /// Per-document mode: the encodings, one after the other, and where each ends.
    private(set) var encodings = ByteBuffer()
    private(set) var ends: [Int] = []
    /// Block mode: the open block (varint length + encoding per document) and its first document.
    private var open = ByteBuffer()
    private var openFirst = 0
    private var documents = 0
    private var closed: [(first: Int, raw: [UInt8])] = []
    private(set) var blocks: [(first: Int, raw: Int, data: [UInt8])] = []

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

    private mutating func appendEncoding(_ bytes: ArraySlice<UInt8>) {
        open.varint(bytes.count)
        open.append(bytes)
        documents += 1
        if open.count >= Self.blockBytes { closeBlock() }
    }

    private mutating func closeBlock() {
        guard open.count > 0 else { return }
        closed.append((openFirst, open.bytes))
        open = ByteBuffer()
        openFirst = documents
        if closed.count >= Self.compressBatch { compressClosed() }
    }

    private mutating func compressClosed() {
        blocks += ParallelMap.map(closed, minimum: 2) { b in (first: b.first, raw: b.raw.count, data: Zlib.compress(b.raw)) }
        closed.removeAll()
    }

    /// The `.sto` file: header, document and block counts, a table of blocks (offset, compressed
    /// and raw sizes, first document), then the zlib blocks.
    mutating func file() -> [UInt8] {
        closeBlock()
        compressClosed()
        var out = ByteBuffer()
        out.header("OGPS")
        out.u32(UInt32(documents))
        out.u32(UInt32(blocks.count))
        var at = FileFormat.headerSize + 8 + 20 * blocks.count
        for b in blocks {
            out.u64(UInt64(at))
            out.u32(UInt32(b.data.count))
            out.u32(UInt32(b.raw))
            out.u32(UInt32(b.first))
            at += b.data.count
        }
        for b in blocks { out.append(b.data) }
        return out.bytes
    }
}
