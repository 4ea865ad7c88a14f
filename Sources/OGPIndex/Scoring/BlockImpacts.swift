/// Each block's best score of a list, from the skip table's maxima (block-max bounds).
extension MaxScoreScoring {
    /// Per block, the largest BM25F value (before the list's weight) a document of the block can
    /// get, from the skip table's maxima (largest tf and smallest length per field: BM25 grows
    /// with the one and falls with the other); `.infinity` for a block whose tf is too large for
    /// the table. Empty for a single block or when no bound holds.
    static func blockImpacts(
        _ segment: Segment, _ info: TermInfo, field: Int?, boosts: [Double], ranking: RankingParameters,
        schema: IndexSchema
    ) throws(IndexError) -> [Double] {
        // b per field (``RankingParameters/fieldB``), as the norms the scan reads were made with.
        try blockImpacts(
            segment, info, field: field, boosts: boosts, b: ranking.lengthNormalisation(schema),
            own: ranking.ownWeights(schema), ranking: ranking)
    }

    /// ``blockImpacts(_:_:field:boosts:ranking:schema:)`` with the fields' `b` and own weights
    /// given (``RankingParameters/lengthNormalisation(_:)``, ``RankingParameters/ownWeights(_:)``:
    /// made once per query and segment, not once per list).
    static func blockImpacts(
        _ segment: Segment, _ info: TermInfo, field: Int?, boosts: [Double], b bs: [Double], own: [Double],
        ranking: RankingParameters
    ) throws(IndexError) -> [Double] {
        let k1 = ranking.k1
        guard info.df > PostingsBlock.size, bs.allSatisfy({ $0 >= 0 && $0 <= 1 }), k1 >= 0,
            boosts.count == segment.fieldCount, bs.count == boosts.count, own.count == boosts.count
        else {
            return []
        }
        let fields = field.map { $0..<($0 + 1) } ?? 0..<segment.fieldCount
        guard fields.upperBound <= segment.fieldCount else { return [] }
        for f in fields where !(boosts[f] >= 0) { return [] }
        let postings = try BlockPostings(segment: segment, info: info, docsOnly: false)
        var out = [Double](repeating: .infinity, count: postings.blocks)
        blocks: for blk in 0..<postings.blocks {
            var tfw = 0.0
            var sat = 0.0
            var ownSum = 0.0
            for f in fields {
                guard let (tf, length) = postings.impact(blk, field: f) else { continue blocks }
                guard tf > 0 else { continue }
                let den = 1 - bs[f] + bs[f] * Double(length) / segment.avgLengths[f]
                guard den > 0 else { continue blocks }
                let x = Double(tf) / den
                tfw += boosts[f] * x
                sat += boosts[f] * x * (k1 + 1) / (x + k1)
                ownSum += own[f] * x * (k1 + 1) / (x + k1)
            }
            let main = ranking.perFieldSaturation ? sat : tfw > 0 ? tfw * (k1 + 1) / (tfw + k1) : 0
            let best = main + ownSum + ranking.delta
            if best.isFinite { out[blk] = best }
        }
        return out
    }
}
