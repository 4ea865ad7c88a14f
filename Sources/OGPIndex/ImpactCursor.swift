/// A forward cursor over one term's documents that computes, at the document it stands on, the
/// term's weighted BM25F contribution — exactly as ``SegmentScorer`` does term-at-a-time (same
/// operations, same order, same `Float` rounding) — and an upper bound of that contribution.
///
/// It reads only the documents' field counts, never the positions run, and skips the documents
/// it passes over in ``advance(to:)`` without touching their length norms.
struct ImpactCursor {
    private var c: ByteCursor
    private var remaining: Int
    private let norms: UnsafeMutablePointer<Float>
    private let boosts: [Double]
    private let field: Int?
    private let docCount: Int
    /// idf × expansion weight (or the exact-form bonus weight).
    let weight: Double
    /// Clause coordination bit, or -1 for the exact-form bonus (scores without matching).
    let bit: Int
    /// The clause this list belongs to (for coordination bounds), even when `bit` is -1.
    let clause: Int
    /// The current document, `Int.max` once exhausted.
    private(set) var doc = -1
    /// The contribution at `doc` (0 when no searched field matched there).
    private(set) var score: Float = 0

    init(segment: Segment, info: TermInfo, boosts: [Double], field: Int?, weight: Double, bit: Int, clause: Int) {
        c = ByteCursor(segment.pst.bytes, offset: info.offset, end: info.offset + info.length, file: segment.pst.name)
        remaining = info.df
        norms = segment.lengthNorms
        self.boosts = boosts
        self.field = field
        docCount = segment.docCount
        self.weight = weight
        self.bit = bit
        self.clause = clause
    }

    /// An upper bound of any contribution: BM25 saturation stays below `k1 + 1`. Padded so that
    /// `Float` rounding of the real contribution can never exceed it.
    var upperBound: Double { weight * (Scoring.k1 + 1) * (1 + 1e-5) + 1e-9 }

    /// Moves to the next document and computes its contribution.
    @inline(__always)
    mutating func next() throws(IndexError) {
        guard remaining > 0 else {
            doc = Int.max
            return
        }
        remaining -= 1
        try step(try c.int())
    }

    /// Moves to the first document ≥ `target` (`Int.max` at the end), skipping the others'
    /// field counts without scoring them.
    mutating func advance(to target: Int) throws(IndexError) {
        while doc < target {
            guard remaining > 0 else {
                doc = Int.max
                return
            }
            remaining -= 1
            let delta = try c.int()
            if doc + delta >= target {
                try step(delta)
                return
            }
            guard delta > 0 else { throw .corrupt("non-increasing doc ids", file: c.file, offset: c.offset) }
            doc += delta
            let n = try c.int()
            for _ in 0..<n {
                _ = try c.varint()
                _ = try c.varint()
            }
        }
    }

    /// Reads the document at `doc + delta` and its contribution (as `SegmentScorer.scan`).
    @inline(__always)
    private mutating func step(_ delta: Int) throws(IndexError) {
        doc += delta
        guard delta > 0, doc < docCount else { throw .corrupt("doc \(doc) out of range", file: c.file, offset: c.offset) }
        let nf = boosts.count
        let entries = try c.int()
        var tfw = 0.0
        for _ in 0..<entries {
            let f = try c.int()
            let tf = try c.int()
            if f < nf && (field == nil || field == f) {
                tfw += boosts[f] * Double(tf) * Double(norms[doc * nf + f])
            }
        }
        let k1 = Scoring.k1
        score = tfw > 0 ? Float(weight * tfw * (k1 + 1) / (tfw + k1)) : 0
    }
}
