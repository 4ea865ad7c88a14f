/// ``SegmentScorer/blockScore(_:_:doc:fields:weight:)`` for the standard ranking (one BM25F
/// saturation plus, for keyword-style queries, the title's own score; norms coded in 2 bytes), the block-max loop's score per
/// posting: the same operations in the same order, so the same `Double`s, without the general
/// formula's branches per field and the reads through its arrays.
struct PlainScore {
    /// Whether the segment and ranking are the standard ones (otherwise use `blockScore`).
    let applies: Bool
    private let boosts: UnsafeMutablePointer<Double>
    private let codes: UnsafeMutablePointer<UInt16>
    private let values: UnsafeMutablePointer<Float>
    private let docCount: Int
    private let k1: Double
    private let delta: Double
    /// Per field, the weight of its own saturated score (`own`), when any is not 0.
    private let hasOwn: Bool
    private let own: UnsafeMutablePointer<Double>

    init(_ scorer: SegmentScorer) {
        let norms = scorer.segment.lengthNorms
        applies =
            !scorer.perField && !scorer.hasCaps && norms.coded && scorer.boosts.count >= scorer.segment.fieldCount
            && scorer.own.count == scorer.boosts.count
        boosts = .allocate(capacity: max(1, scorer.boosts.count))
        for (f, b) in scorer.boosts.enumerated() { boosts[f] = b }
        hasOwn = scorer.hasOwn
        own = .allocate(capacity: max(1, scorer.own.count))
        for (f, w) in scorer.own.enumerated() { own[f] = w }
        codes = norms.codes
        values = norms.values
        docCount = scorer.segment.docCount
        k1 = scorer.k1
        delta = scorer.delta
    }

    func deallocate() {
        boosts.deallocate()
        own.deallocate()
    }

    /// The score `weight` × BM25F of the document `doc` at `j` in a decoded block, nil when no
    /// searched field holds the term (as `blockScore`).
    @inline(__always)
    func callAsFunction(
        _ tfs: UnsafeMutablePointer<UInt32>, _ j: Int, doc: Int, fields: Range<Int>, weight: Double
    ) -> Double? {
        var tfw = 0.0
        var ownSum = 0.0
        var f = fields.lowerBound
        while f < fields.upperBound {
            let tf = tfs[f &* PostingsBlock.size &+ j]
            if tf > 0 {
                let x = Double(tf) * Double(values[Int(codes[f &* docCount &+ doc])])
                tfw += boosts[f] * x
                if hasOwn { ownSum += own[f] * x * (k1 + 1) / (x + k1) }
            }
            f += 1
        }
        // `ownSum` is 0 unless a field's own score is on (the general formula adds it the same way).
        return tfw > 0 ? weight * (tfw * (k1 + 1) / (tfw + k1) + ownSum + delta) : nil
    }
}
