/// The block postings format (segment format 4), after Lucene's and Tantivy's.
///
/// A term's postings are two streams. The document stream holds, when the term has more than
/// one block, a skip table (one fixed-size entry per block), then the blocks of
/// ``size`` documents (the last one shorter):
///
/// ```
/// skip entry:  last doc (u32) · block offset from the term's start (u32) ·
///              positions offset from the positions' start (u32)       [terms with positions]
///              per field: largest tf (u8, 255: unbounded) · smallest field length, coded
///              down (u8, see ``lengthCode(_:)``)                        [not for docs-only terms]
/// block:       width (u8) · doc gaps − 1, bit-packed
///              per field: width (u8) · the field's tf of each document (0: absent), bit-packed
///                                                                      [not for docs-only terms]
/// ```
///
/// The skip entry's field maxima bound the score of any document of the block for any ranking
/// parameters (BM25's length norm only falls as the length grows, and grows with tf): block-max
/// pruning skips blocks, and decodes only those that can still matter. The positions stream
/// holds per document, per field present (in field order), tf varint position deltas; it is
/// read only for phrases and proximity, from the block's positions offset.
enum PostingsBlock {
    /// Documents per block.
    static let size = 128

    /// Bytes of a skip entry.
    static func skipEntrySize(fields: Int, docsOnly: Bool, positional: Bool) -> Int {
        8 + (positional ? 4 : 0) + (docsOnly ? 0 : 2 * fields)
    }

    /// The field length a length code stands for: exact below 64, then 16 steps per doubling
    /// (Lucene's norms are coded the same way). Increasing, so a code rounds a length down and
    /// the bound it gives stays an upper one.
    static func length(code: Int) -> Int {
        guard code >= 64 else { return code }
        let e = (code - 64) >> 4
        return (16 + (code - 64) & 15) << (e + 2)
    }

    /// The largest code whose length is ≤ `length`.
    static func lengthCode(_ length: Int) -> Int {
        var lo = 0
        var hi = 255
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Self.length(code: mid) <= length { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Number of blocks of a term with `df` documents.
    static func blockCount(_ df: Int) -> Int { (df + size - 1) / size }

    /// Re-encodes one term's postings, accumulated as varints (doc gap; then, unless
    /// `docsOnly`, the number of field entries and per entry field id and tf), into the block
    /// format. `positions` is the term's positions stream (tf varints per entry), used only to
    /// rewritten per document in field order (a field given twice in one document has two
    /// runs of deltas there, merged into one); empty and ignored unless `positional`. `lengths`
    /// are the documents' field lengths (document × `fields` + field).
    static func encode(
        varints v: UnsafeRawBufferPointer, positions p: UnsafeRawBufferPointer, df: Int, docsOnly: Bool,
        positional: Bool, fields: Int, lengths: [UInt32]
    ) throws(IndexError) -> (docs: [UInt8], positions: [UInt8]) {
        let blocks = blockCount(df)
        let entrySize = skipEntrySize(fields: fields, docsOnly: docsOnly, positional: positional)
        let tableSize = blocks > 1 ? blocks * entrySize : 0
        var out = [UInt8](repeating: 0, count: tableSize)
        out.reserveCapacity(tableSize + v.count)
        var docs = [UInt32](repeating: 0, count: size)
        var tfs = [UInt32](repeating: 0, count: size * max(1, fields))
        var newPositions = ByteBuffer()
        newPositions.bytes.reserveCapacity(positional ? p.count : 0)
        var byField = [[Int]](repeating: [], count: positional ? fields : 0)
        var maxTf = [Int](repeating: 0, count: fields)
        var minLen = [Int](repeating: Int.max, count: fields)
        // One document's entries: field, tf.
        var entries: [(field: Int, tf: Int)] = []
        do {
            do {
                var c = ByteCursor(v, file: "postings buffer")
                var pc = ByteCursor(p, file: "positions buffer")
                var doc = -1
                for b in 0..<blocks {
                    let n = min(size, df - b * size)
                    let blockStart = out.count
                    let posStart = newPositions.count
                    for f in 0..<fields {
                        maxTf[f] = 0
                        minLen[f] = Int.max
                    }
                    for i in 0..<tfs.count { tfs[i] = 0 }
                    for j in 0..<n {
                        let gap = try c.int()
                        guard gap > 0 else { throw .corrupt("non-increasing doc ids", file: c.file, offset: c.offset) }
                        doc += gap
                        docs[j] = UInt32(gap - 1)
                        guard !docsOnly else { continue }
                        entries.removeAll(keepingCapacity: true)
                        // Whether the entries' fields strictly increase (one run per field, in
                        // field order: nearly always), and their positions count.
                        var ordered = true
                        var positionCount = 0
                        for _ in 0..<(try c.int()) {
                            let f = try c.int()
                            let tf = try c.int()
                            guard f < fields else { throw .corrupt("field id \(f)", file: c.file, offset: c.offset) }
                            guard tf <= Int(UInt32.max) - Int(tfs[f * size + j]) else {
                                throw .corrupt("term frequency", file: c.file, offset: c.offset)
                            }
                            if let last = entries.last, last.field >= f { ordered = false }
                            entries.append((f, tf))
                            positionCount += tf
                            tfs[f * size + j] += UInt32(tf)
                            maxTf[f] = max(maxTf[f], Int(tfs[f * size + j]))
                            let len = doc * fields + f < lengths.count ? Int(lengths[doc * fields + f]) : 0
                            minLen[f] = min(minLen[f], len)
                        }
                        guard positional else { continue }
                        if ordered {
                            // Each field's deltas already start from 0, in field order: the
                            // bytes are the new stream's as they are.
                            let from = pc.offset
                            try pc.skipVarints(positionCount)
                            newPositions.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[from..<pc.offset]))
                            continue
                        }
                        for (f, tf) in entries {
                            var at = 0
                            for _ in 0..<tf {
                                at += try pc.int()
                                byField[f].append(at)
                            }
                        }
                        for f in 0..<fields where !byField[f].isEmpty {
                            var last = 0
                            for q in byField[f] {
                                newPositions.varint(q - last)
                                last = q
                            }
                            byField[f].removeAll(keepingCapacity: true)
                        }
                    }
                    docs.withUnsafeBufferPointer { d in
                        let slice = UnsafeBufferPointer(rebasing: d[0..<n])
                        let w = BitPacking.width(slice)
                        out.append(UInt8(w))
                        BitPacking.pack(slice, width: w, into: &out)
                    }
                    if !docsOnly {
                        tfs.withUnsafeBufferPointer { t in
                            for f in 0..<fields {
                                let slice = UnsafeBufferPointer(rebasing: t[(f * size)..<(f * size + n)])
                                let w = BitPacking.width(slice)
                                out.append(UInt8(w))
                                BitPacking.pack(slice, width: w, into: &out)
                            }
                        }
                    }
                    guard tableSize > 0 else { continue }
                    guard out.count <= Int(UInt32.max), newPositions.count <= Int(UInt32.max) else {
                        throw IndexError(.invalidInput, "postings of one term over 4 GB: commit more often")
                    }
                    var e = b * entrySize
                    func put32(_ x: Int) {
                        let u = UInt32(truncatingIfNeeded: x)
                        for k in 0..<4 { out[e + k] = UInt8(truncatingIfNeeded: u >> UInt32(8 * k)) }
                        e += 4
                    }
                    put32(doc)
                    put32(blockStart)
                    if positional { put32(posStart) }
                    guard !docsOnly else { continue }
                    for f in 0..<fields {
                        // Saturated so the bound stays an upper one: tf up, length down.
                        out[e] = UInt8(min(maxTf[f], 255))
                        out[e + 1] = UInt8(minLen[f] == Int.max ? 255 : lengthCode(minLen[f]))
                        e += 2
                    }
                }
            }
        }
        return (out, newPositions.bytes)
    }
}
