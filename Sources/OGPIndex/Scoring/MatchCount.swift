/// The exact number of matches beside a top k pruned document at a time: the clause lists'
/// documents and frequencies are decoded (no scoring, no length norm read) into a bitmap.
extension MaxScoreScoring {
    /// Whether a document holding a clause's term in a searched field surely scores above 0
    /// (what makes it a match): boosts finite and not negative, b within [0, 1] (length norms
    /// positive). Otherwise totals are counted by the list-after-list scan.
    static func countable(_ ranking: RankingParameters, _ schema: IndexSchema) -> Bool {
        ranking.boosts(schema).allSatisfy { $0.isFinite && $0 >= 0 }
            && ranking.lengthNormalisation(schema).allSatisfy { $0 >= 0 && $0 <= 1 }
    }

    /// The documents some clause list matches (its term in a searched field of positive boost)
    /// that `accept` lets through, counted up to `limit`: once `limit` are found, counting stops
    /// (`complete` false; the longest lists are read first, so a broad query stops early).
    func countMatches(
        _ scorer: SegmentScorer, limit: Int = .max, accept: (Int) -> Bool
    ) throws(IndexError) -> (count: Int, complete: Bool) {
        guard limit > 0 else { return (0, false) }
        let scratch = scorer.scratch
        let bits = scratch.bitmap
        let docs = scratch.blockDocs
        let tfs = scratch.blockTfs(fields: scorer.segment.fieldCount)
        var low = Int.max
        var high = -1
        var total = 0
        // Every bit set here is cleared before returning (the bitmap is shared scratch).
        defer {
            if high >= 0 { for w in low...high { bits[w] = 0 } }
        }
        for l in lists.sorted(by: { $0.info.df > $1.info.df }) where l.maskBit != 0 && l.phrase < 0 {
            guard let fields = scorer.searched(l.field) else { continue }
            let positive = fields.filter { scorer.boosts[$0] > 0 }
            guard !positive.isEmpty else { continue }
            let postings = try BlockPostings(segment: scorer.segment, info: l.info, docsOnly: false)
            for b in 0..<postings.blocks {
                let n = try postings.decode(b, docs: docs, tfs: tfs)
                for j in 0..<n {
                    var hit = false
                    for f in positive where tfs[f &* PostingsBlock.size &+ j] > 0 {
                        hit = true
                        break
                    }
                    guard hit else { continue }
                    let d = Int(docs[j])
                    let w = d >> 6
                    let bit: UInt64 = 1 << UInt64(d & 63)
                    guard bits[w] & bit == 0 else { continue }
                    bits[w] |= bit
                    low = min(low, w)
                    high = max(high, w)
                    if accept(d) { total += 1 }
                }
                if total >= limit { return (total, false) }
            }
        }
        // Phrases last: a document holding one is a match only once its positions say so,
        // and most are matched by the words' lists already.
        for l in lists where l.phrase >= 0 {
            guard var matcher = try PhraseMatcher(segment: scorer.segment, text: phrases[l.phrase]) else { continue }
            while let d = try matcher.next() {
                let w = d >> 6
                let bit: UInt64 = 1 << UInt64(d & 63)
                guard bits[w] & bit == 0, !matcher.hits.isEmpty else { continue }
                bits[w] |= bit
                low = min(low, w)
                high = max(high, w)
                if accept(d) {
                    total += 1
                    if total >= limit { return (total, false) }
                }
            }
        }
        return (total, true)
    }
}
