import OGPCore

/// The stored-fields file (`.sto`, format 5): every document whole (``StoredCodec``), in blocks
/// of about 16 KB compressed with zstd and a dictionary trained on the segment's documents.
///
/// ```
/// header "OGPS" · documents u32 · blocks u32 · dictionary length u32 ·
/// per block: offset u64 · compressed length u32 · raw length u32 · first document u32 ·
/// dictionary · blocks (each: per document, varint length · StoredCodec bytes)
/// ```
///
/// Format 4 had 64 KB zlib blocks: showing a hit inflated 64 KB (0.18 ms, 43 % of a search's
/// CPU in ogp-serve). On the data.gouv.fr export, 16 KB zstd blocks with the dictionary take
/// 26.5 MB where the 64 KB zlib blocks took 30.6 MB, and read in a tenth of the time.
/// How a segment's stored blocks are compressed.
enum StoredCompression: Sendable {
    /// With a dictionary trained on the segment's documents (``Zstd/level``).
    case standard
    /// Fast and without a dictionary: the segments of a build that merges them into one at its
    /// end (``IndexWriter/interimFlushes``), whose merge compresses the documents again.
    case interim
}

enum StoredFieldsWriter {
    /// Uncompressed size at which a block is closed.
    static let blockBytes = 16 * 1024
    /// Fixed part before the block table.
    static let tableOffset = FileFormat.headerSize + 12

    /// The file's content for `docs`, in document order.
    /// - Throws: ``IndexError`` `.io` when zstd cannot compress a block (out of memory).
    static func bytes(_ docs: [IndexDocument], file: String) throws(IndexError) -> [UInt8] {
        var rawBlocks: [(first: Int, raw: [UInt8], sizes: [Int])] = []
        var raw = ByteBuffer()
        var sizes: [Int] = []  // each document's bytes in the block (the dictionary's samples)
        var first = 0
        for (i, d) in docs.enumerated() {
            var one = ByteBuffer()
            StoredCodec.encode(d, into: &one)
            let before = raw.count
            raw.varint(one.count)
            raw.append(one.bytes)
            sizes.append(raw.count - before)
            if raw.count >= blockBytes || i == docs.count - 1 {
                rawBlocks.append((first, raw.bytes, sizes))
                raw = ByteBuffer()
                sizes.removeAll()
                first = i + 1
            }
        }
        return try bytes(rawBlocks: rawBlocks, documents: docs.count, file: file)
    }

    /// The file's content for blocks already cut (each: its first document, its bytes, and each
    /// document's bytes in it), as ``bytes(_:file:)`` cuts them.
    static func bytes(
        rawBlocks: [(first: Int, raw: [UInt8], sizes: [Int])], documents: Int, file: String,
        compression: StoredCompression = .standard
    ) throws(IndexError) -> [UInt8] {
        let dictionary = compression == .interim ? [] : Zstd.trainDictionary(blocks: rawBlocks.map { ($0.raw, $0.sizes) })
        let compressor = ZstdCompressor(
            dictionary: dictionary, level: compression == .interim ? Zstd.interimLevel : Zstd.level)
        // Compressed on every core (a large part of writing a segment).
        let compressed = ParallelMap.map(rawBlocks, minimum: 2) { b in compressor.compress(b.raw) }
        var blocks: [(first: Int, raw: Int, data: [UInt8])] = []
        for (b, data) in zip(rawBlocks, compressed) {
            guard let data else { throw IndexError.io("zstd could not compress a stored block", file: file) }
            blocks.append((b.first, b.raw.count, data))
        }
        return bytes(compressedBlocks: blocks, dictionary: dictionary, documents: documents)
    }

    /// The file's content for blocks already compressed with `dictionary` (each: its first
    /// document, its raw size, its compressed bytes).
    static func bytes(
        compressedBlocks blocks: [(first: Int, raw: Int, data: [UInt8])], dictionary: [UInt8], documents: Int
    ) -> [UInt8] {
        var out = ByteBuffer()
        out.bytes.reserveCapacity(tableOffset + 20 * blocks.count + dictionary.count + blocks.reduce(0) { $0 + $1.data.count })
        out.append(head(compressedBlocks: blocks, dictionary: dictionary, documents: documents))
        for b in blocks { out.append(b.data) }
        return out.bytes
    }

    /// The file's content before its blocks: header, block table, dictionary.
    static func head(
        compressedBlocks blocks: [(first: Int, raw: Int, data: [UInt8])], dictionary: [UInt8], documents: Int
    ) -> [UInt8] {
        var out = ByteBuffer()
        out.header("OGPS")
        out.u32(UInt32(documents))
        out.u32(UInt32(blocks.count))
        out.u32(UInt32(dictionary.count))
        var at = tableOffset + 20 * blocks.count + dictionary.count
        for b in blocks {
            out.u64(UInt64(at))
            out.u32(UInt32(b.data.count))
            out.u32(UInt32(b.raw))
            out.u32(UInt32(b.first))
            at += b.data.count
        }
        out.append(dictionary)
        return out.bytes
    }
}

/// Reads one segment's stored-fields file: the block table and dictionary parsed at open, a
/// document by decompressing its block (or taking it from the reader's ``StoredBlockCache``).
final class StoredFieldsReader: Sendable {
    private let file: MappedFile
    let name: String
    private let blockCount: Int
    private let decompressor: ZstdDecompressor
    /// Identifies this segment's blocks in a cache shared by several segments.
    let cacheKey: Int

    init(file: MappedFile, name: String, docCount: Int, cacheKey: Int) throws(IndexError) {
        self.file = file
        self.name = name
        self.cacheKey = cacheKey
        var c = file.cursor()
        try c.header("OGPS")
        guard Int(try c.u32()) == docCount else {
            throw .corrupt("stored document count", file: name, offset: FileFormat.headerSize)
        }
        blockCount = Int(try c.u32())
        let dictionaryLength = Int(try c.u32())
        let dictionaryStart = StoredFieldsWriter.tableOffset + 20 * blockCount
        guard blockCount > 0 || docCount == 0, dictionaryLength >= 0,
            dictionaryStart + dictionaryLength <= file.bytes.count
        else {
            // A damaged count is a checksum mismatch (which says to rebuild) before it is a
            // truncated table.
            try file.checksums.verify(0..<min(file.bytes.count, StoredFieldsWriter.tableOffset))
            throw .corrupt("stored block table truncated", file: name, offset: StoredFieldsWriter.tableOffset)
        }
        try file.checksums.verify(0..<(dictionaryStart + dictionaryLength))
        decompressor = ZstdDecompressor(
            dictionary: UnsafeRawBufferPointer(rebasing: file.bytes[dictionaryStart..<(dictionaryStart + dictionaryLength)]))
    }

    /// Document `d` (in 0..<docCount) whole, or without its keywords (`keywords: false`).
    func document(_ d: Int, cache: StoredBlockCache?, keywords: Bool = true) throws(IndexError) -> IndexDocument {
        try withDocumentBytes(d, cache: cache) { buf, range throws(IndexError) -> IndexDocument in
            var one = ByteCursor(buf, offset: range.lowerBound, end: range.upperBound, file: name)
            return try StoredCodec.decode(&one, keywords: keywords)
        }
    }

    /// Calls `body` with the decompressed block holding document `d` and the range of the
    /// document's ``StoredCodec`` bytes in it.
    func withDocumentBytes<R>(
        _ d: Int, cache: StoredBlockCache?, _ body: (UnsafeRawBufferPointer, Range<Int>) throws(IndexError) -> R
    ) throws(IndexError) -> R {
        let table = StoredFieldsWriter.tableOffset
        let c = file.cursor()
        guard blockCount > 0 else { throw .corrupt("no stored blocks", file: name, offset: table) }
        var lo = 0
        var hi = blockCount - 1
        while lo < hi {  // last block whose first doc <= d
            let mid = (lo + hi + 1) / 2
            if Int(try c.u32(at: table + 20 * mid + 16, index: 0)) <= d { lo = mid } else { hi = mid - 1 }
        }
        let first = Int(try c.u32(at: table + 20 * lo + 16, index: 0))
        let data = try block(lo, cache: cache)
        var skip = d - first
        return try withBytes(data) { buf throws(IndexError) -> R in
            var r = ByteCursor(buf, file: name)
            while skip > 0 {
                try r.skip(try r.int())
                skip -= 1
            }
            let len = try r.int()
            guard len <= buf.count - r.offset else { throw .corrupt("stored document past its block", file: name, offset: r.offset) }
            return try body(buf, r.offset..<(r.offset + len))
        }
    }

    /// Block `b` decompressed, from the cache when it holds it.
    private func block(_ b: Int, cache: StoredBlockCache?) throws(IndexError) -> [UInt8] {
        if let hit = cache?.get(segment: cacheKey, block: b) { return hit }
        var c = file.cursor(offset: StoredFieldsWriter.tableOffset + 20 * b)
        let off = try c.offset64()
        let comp = Int(try c.u32())
        let raw = Int(try c.u32())
        c.offset = off
        try file.checksums.verify(off..<(off + max(0, comp)))
        let data = try decompressor.decompress(try c.bytes(comp), size: raw, file: name, offset: off)
        cache?.put(segment: cacheKey, block: b, data)
        return data
    }
}
