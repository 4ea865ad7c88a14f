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
    /// that `accept` lets through.
    func countMatches(_ scorer: SegmentScorer, accept: (Int) -> Bool) throws(IndexError) -> Int {
        let scratch = scorer.scratch
        let bits = scratch.bitmap
        let docs = scratch.blockDocs
        let tfs = scratch.blockTfs(fields: scorer.segment.fieldCount)
        var low = Int.max
        var high = -1
        for l in lists where l.bit >= 0 {
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
                    let w = Int(docs[j]) >> 6
                    bits[w] |= 1 << UInt64(docs[j] & 63)
                    low = min(low, w)
                    high = max(high, w)
                }
            }
        }
        guard high >= 0 else { return 0 }
        var total = 0
        for w in low...high {
            var x = bits[w]
            bits[w] = 0
            while x != 0 {
                if accept(w << 6 | x.trailingZeroBitCount) { total += 1 }
                x &= x - 1
            }
        }
        return total
    }
}
