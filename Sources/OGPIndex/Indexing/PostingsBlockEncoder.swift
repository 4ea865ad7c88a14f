/// Re-encodes terms' postings, accumulated as varints while the segment is built, into the
/// block format (``PostingsBlock``), one term after the other into one buffer.
///
/// Why one encoder per run of terms: most terms are in one or two documents, and encoding each
/// into arrays of its own cost about ten allocations per term (a million and a half terms on the
/// data.gouv.fr export); here the scratch space and the output are reused, and the segment
/// writer copies a run's output into the postings file at once.
struct PostingsBlockEncoder {
    let fields: Int
    /// Each term's document stream, then its positions stream, one term after the other.
    private(set) var out: [UInt8] = []
    private var docs = [UInt32](repeating: 0, count: PostingsBlock.size)
    private var tfs: [UInt32]
    private var positions = ByteBuffer()
    private var byField: [[Int]]
    private var maxTf: [Int]
    private var minLen: [Int]
    /// One document's entries: field, tf.
    private var entries: [(field: Int, tf: Int)] = []

    init(fields: Int) {
        self.fields = fields
        tfs = [UInt32](repeating: 0, count: PostingsBlock.size * max(1, fields))
        byField = [[Int]](repeating: [], count: fields)
        maxTf = [Int](repeating: 0, count: fields)
        minLen = [Int](repeating: Int.max, count: fields)
    }

    /// Empties the output (the scratch space is kept).
    mutating func removeAll() {
        out.removeAll(keepingCapacity: true)
    }

    /// Appends one term's postings to ``out``: its document stream, then its positions stream;
    /// returns their lengths. `v` are the term's accumulated varints (doc gap; then, unless
    /// `docsOnly`, the number of field entries and per entry field id and tf), `p` its positions
    /// (tf varints per entry; a field given twice in one document has two runs of deltas there,
    /// merged into one), ignored unless `positional`. `lengths` are the documents' field
    /// lengths (document × ``fields`` + field).
    mutating func append(
        varints v: UnsafeRawBufferPointer, positions p: UnsafeRawBufferPointer, df: Int, docsOnly: Bool,
        positional: Bool, lengths: [UInt32]
    ) throws(IndexError) -> (docs: Int, positions: Int) {
        let size = PostingsBlock.size
        let fields = self.fields
        let blocks = PostingsBlock.blockCount(df)
        let entrySize = PostingsBlock.skipEntrySize(fields: fields, docsOnly: docsOnly, positional: positional)
        let tableSize = blocks > 1 ? blocks * entrySize : 0
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: tableSize))
        positions.bytes.removeAll(keepingCapacity: true)
        var c = ByteCursor(v, file: "postings buffer")
        var pc = ByteCursor(p, file: "positions buffer")
        var doc = -1
        for b in 0..<blocks {
            let n = min(size, df - b * size)
            let blockStart = out.count - start
            let posStart = positions.count
            for f in 0..<fields {
                maxTf[f] = 0
                minLen[f] = Int.max
            }
            if !docsOnly {
                // Only the block's `n` documents per field are read: most terms are in one
                // document, for which clearing all 128 slots per field was 256 writes.
                for f in 0..<fields {
                    for j in 0..<n { tfs[f * size + j] = 0 }
                }
            }
            for j in 0..<n {
                let gap = try c.int()
                guard gap > 0 else { throw .corrupt("non-increasing doc ids", file: c.file, offset: c.offset) }
                doc += gap
                docs[j] = UInt32(gap - 1)
                guard !docsOnly else { continue }
                entries.removeAll(keepingCapacity: true)
                // Whether the entries' fields strictly increase (one run per field, in field
                // order: nearly always), and their positions count.
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
                    // Each field's deltas already start from 0, in field order: the bytes are
                    // the new stream's as they are.
                    let from = pc.offset
                    try pc.skipVarints(positionCount)
                    positions.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[from..<pc.offset]))
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
                        positions.varint(q - last)
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
            guard out.count - start <= Int(UInt32.max), positions.count <= Int(UInt32.max) else {
                throw IndexError(.invalidInput, "postings of one term over 4 GB: commit more often")
            }
            var e = start + b * entrySize
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
                out[e + 1] = UInt8(minLen[f] == Int.max ? 255 : PostingsBlock.lengthCode(minLen[f]))
                e += 2
            }
        }
        let docsLength = out.count - start
        out.append(contentsOf: positions.bytes)
        return (docsLength, positions.count)
    }
}
