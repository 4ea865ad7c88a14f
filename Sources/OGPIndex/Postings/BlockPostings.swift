/// One term's postings in a segment, in the block format (see ``PostingsBlock``): its skip
/// table and random access to its blocks. Every read is bounds-checked: corrupt bytes throw
/// ``IndexError`` `.corrupt`, they never read outside the mapping.
struct BlockPostings {
    let base: UnsafeRawBufferPointer
    /// The term's document stream.
    let start: Int
    let end: Int
    /// The term's positions stream.
    let positionsStart: Int
    let positionsEnd: Int
    let df: Int
    let blocks: Int
    let fields: Int
    let docsOnly: Bool
    let docCount: Int
    let file: String
    private let entrySize: Int
    /// Checks the stream's chunks as blocks are decoded (nil: the caller checked them).
    private var checksums: ChunkVerifier?

    /// - Throws: ``IndexError`` `.corrupt` when the skip table fails its checksum or does not
    ///   fit. Each block is checked when it is first decoded (a pruned search decodes few of a
    ///   long list's blocks, and a cold search reads no more than it uses).
    init(segment: Segment, info: TermInfo, docsOnly: Bool) throws(IndexError) {
        try self.init(
            base: segment.pst.bytes, offset: info.offset, length: info.length, positionsLength: info.positionsLength,
            df: info.df, fields: segment.fieldCount, docsOnly: docsOnly, docCount: segment.docCount,
            file: segment.pst.name)
        // The skip table now (bounds and block offsets are read from it); a single block whole.
        try segment.pst.checksums.verify(start..<(blocks > 1 ? start + blocks * entrySize : end))
        checksums = segment.pst.checksums
    }

    /// The postings at `offset` of `base` (`length` bytes of documents, then the positions).
    init(
        base: UnsafeRawBufferPointer, offset: Int, length: Int, positionsLength: Int, df: Int, fields: Int,
        docsOnly: Bool, docCount: Int, file: String
    ) throws(IndexError) {
        self.base = base
        start = offset
        end = offset + length
        positionsStart = end
        positionsEnd = end + positionsLength
        self.df = df
        blocks = PostingsBlock.blockCount(df)
        self.fields = fields
        self.docsOnly = docsOnly
        self.docCount = docCount
        self.file = file
        // Terms with positions have some (every occurrence has one).
        entrySize = PostingsBlock.skipEntrySize(fields: fields, docsOnly: docsOnly, positional: positionsLength > 0)
        guard offset >= 0, end <= base.count, positionsEnd <= base.count, df > 0 else {
            throw .corrupt("postings out of bounds", file: file, offset: offset)
        }
        guard blocks <= 1 || start + blocks * entrySize <= end else {
            throw .corrupt("skip table truncated", file: file, offset: start)
        }
    }

    @inline(__always)
    private func u32(_ o: Int) -> Int { Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt32.self))) }

    /// The last document of block `b` (the segment's last document for a single block).
    @inline(__always)
    func lastDoc(_ b: Int) -> Int { blocks > 1 ? u32(start + b * entrySize) : docCount - 1 }

    /// The document before block `b`'s first (-1 for the first block).
    @inline(__always)
    func docBefore(_ b: Int) -> Int { b == 0 ? -1 : lastDoc(b - 1) }

    /// The largest tf in field `f` of block `b` and the smallest length of that field there
    /// (nil when unknown: a single block, or a tf too large for the table).
    @inline(__always)
    func impact(_ b: Int, field f: Int) -> (tf: Int, length: Int)? {
        guard blocks > 1, !docsOnly else { return nil }
        let o = start + (b + 1) * entrySize - 2 * (fields - f)
        let tf = Int(base[o])
        return tf == 255 ? nil : (tf, PostingsBlock.length(code: Int(base[o + 1])))
    }

    /// Where block `b`'s positions start.
    func positionsOffset(_ b: Int) throws(IndexError) -> Int {
        let o = blocks > 1 && positionsEnd > positionsStart ? positionsStart + u32(start + b * entrySize + 8) : positionsStart
        guard o <= positionsEnd else { throw .corrupt("positions offset out of range", file: file, offset: start) }
        return o
    }

    /// Decodes block `b`: its documents into `docs`, and unless `tfs` is nil (or the term is
    /// docs-only) each document's tf in field `f` into `tfs[f × 128 + j]`. Returns the
    /// number of documents in the block.
    @inline(__always)
    func decode(
        _ b: Int, docs: UnsafeMutablePointer<UInt32>, tfs: UnsafeMutablePointer<UInt32>?
    ) throws(IndexError) -> Int {
        let (n, at) = try decodeDocs(b, into: docs)
        if let tfs, !docsOnly { try decodeTfs(count: n, at: at, into: tfs) }
        return n
    }

    /// Decodes block `b`'s documents into `docs`; returns their number and where the block's
    /// frequencies start (for ``decodeTfs(count:at:into:)``, when a document needs them).
    @inline(__always)
    func decodeDocs(_ b: Int, into docs: UnsafeMutablePointer<UInt32>) throws(IndexError) -> (count: Int, tfs: Int) {
        let n = min(PostingsBlock.size, df - b * PostingsBlock.size)
        var o = blocks > 1 ? start + u32(start + b * entrySize + 4) : start
        guard n > 0, o >= start, o < end else { throw .corrupt("block offset out of range", file: file, offset: start) }
        if let checksums, blocks > 1 {
            // The block's bytes: to the next block's start (the stream's end for the last, or
            // when the table's offsets are out of order).
            let next = b + 1 < blocks ? start + u32(start + (b + 1) * entrySize + 4) : end
            try checksums.verify(o..<(next > o && next <= end ? next : end))
        }
        let w = Int(base[o])
        o += 1
        let bytes = BitPacking.byteCount(n, width: w)
        guard w <= 32, o + bytes <= end else { throw .corrupt("bad block of documents", file: file, offset: o) }
        BitPacking.unpack(base, offset: o, end: end, count: n, width: w, into: docs)
        var d = docBefore(b)
        for j in 0..<n {
            // No overflow: at most 128 gaps of 32 bits from a 32-bit start (checked below).
            d = d &+ Int(docs[j]) &+ 1
            docs[j] = UInt32(truncatingIfNeeded: d)
        }
        guard d < docCount else { throw .corrupt("doc \(d) out of range", file: file, offset: o) }
        return (n, o + bytes)
    }

    /// Decodes the frequencies of a block of `count` documents, starting at `at`.
    @inline(__always)
    func decodeTfs(count n: Int, at: Int, into tfs: UnsafeMutablePointer<UInt32>) throws(IndexError) {
        var o = at
        for f in 0..<fields {
            guard o < end else { throw .corrupt("bad block of frequencies", file: file, offset: o) }
            let w = Int(base[o])
            o += 1
            let bytes = BitPacking.byteCount(n, width: w)
            guard w <= 32, o + bytes <= end else { throw .corrupt("bad block of frequencies", file: file, offset: o) }
            BitPacking.unpack(base, offset: o, end: end, count: n, width: w, into: tfs + f * PostingsBlock.size)
            o += bytes
        }
    }

    /// Decodes the frequencies of the `j`-th document only (into `tfs[f × 128 + j]`), for a
    /// block of `count` documents whose frequencies start at `at`.
    @inline(__always)
    func decodeTfs(count n: Int, at: Int, index j: Int, into tfs: UnsafeMutablePointer<UInt32>) throws(IndexError) {
        var o = at
        for f in 0..<fields {
            guard o < end else { throw .corrupt("bad block of frequencies", file: file, offset: o) }
            let w = Int(base[o])
            o += 1
            let bytes = BitPacking.byteCount(n, width: w)
            guard w <= 32, o + bytes <= end else { throw .corrupt("bad block of frequencies", file: file, offset: o) }
            tfs[f * PostingsBlock.size + j] = BitPacking.value(base, offset: o, index: j, width: w)
            o += bytes
        }
    }

    /// The first block at or after `b` whose last document is ≥ `target` (`blocks` if none).
    @inline(__always)
    func block(from b: Int, reaching target: Int) -> Int {
        var b = b
        while b < blocks && lastDoc(b) < target { b += 1 }
        return b
    }
}
