/// The coordination factor of keyword-style queries (2–3 clauses): OR with a strong bonus when
/// all clauses match. Shared by scoring and pruning bounds so both compute the same numbers.
struct Coordination {
    /// Per clause, its idf mass.
    let masses: [Double]
    let totalMass: Double
    let allMask: UInt64
    /// Factor when every clause matches.
    let allTerms: Double

    /// The factor of every mask, when it applies (at most 3 clauses: 8 masks).
    private let table: [Double]

    /// Strength of the coordination of longer queries (4+ clauses; 0: plain BM25F).
    let long: Double

    init(masses: [Double], allTerms: Double, long: Double = 0) {
        self.masses = masses
        totalMass = masses.reduce(0, +)
        allMask = masses.count >= 64 ? ~0 : (1 << UInt64(masses.count)) - 1
        let (total, all) = (totalMass, allMask)
        let keyword = masses.count > 1 && masses.count <= 3
        table =
            keyword ? (0..<(1 << masses.count)).map { Self.compute(UInt64($0), masses, total, all, allTerms, 0) } : []
        self.allTerms = allTerms
        self.long = min(1, max(0, long.isFinite ? long : 0))
    }

    /// Whether the factor applies: keyword-style queries, and longer ones with `long` > 0
    /// (otherwise longer, question-like queries are plain BM25F).
    var applies: Bool { masses.count > 1 && (masses.count <= 3 || long > 0) }

    /// The factor for the matched clauses `m` (1 when it does not apply); grows with `m`.
    @inline(__always)
    func factor(_ m: UInt64) -> Double {
        guard applies else { return 1 }
        let i = Int(truncatingIfNeeded: m & allMask)
        return i < table.count ? table[i] : Self.compute(m, masses, totalMass, allMask, allTerms, long)
    }

    private static func compute(
        _ m: UInt64, _ masses: [Double], _ totalMass: Double, _ allMask: UInt64, _ allTerms: Double, _ long: Double
    ) -> Double {
        var matched = 0.0
        for i in masses.indices where m & (1 << UInt64(i)) != 0 { matched += masses[i] }
        let coord = totalMass > 0 ? matched / totalMass : 1
        if masses.count > 3 { return 1 - long + long * coord * coord }
        return (0.25 + 0.75 * coord * coord) * (m & allMask == allMask ? max(1, allTerms) : 1.0)
    }
}

/// Term-at-a-time scoring with MaxScore pruning, for relevance-sorted OR queries of words (no
/// phrases, no required clauses, no facets).
///
/// The query's posting lists are scored in decreasing order of the upper bound of their
/// contribution (idf × weight × (k1 + 1): BM25 saturation stays below k1 + 1). Before each list,
/// if the best final score a document found only in the remaining lists could reach — their
/// bounds summed, times the largest coordination factor of their clauses and the largest keyword
/// prior — is below the k-th best score already certain (partial scores only grow), the
/// remaining lists are non-essential: they still add to the documents already found, but bring
/// no new candidates. Candidates keep their exact scores (same lists, same order as without
/// pruning), so the top-k is unchanged; only the count of matches becomes a lower bound.
///
/// With the proximity bonus (added to the best 100 before the final top k is taken), the test
/// is against the k-th best score, with the bound raised by the largest bonus: a document left
/// out scores at most the bound, so even with the bonus it stays below k better ones; and every
/// document that could reach the final top k scores above the bound, so it is a candidate and
/// every document ranked before it is one too: the best 100 that matter are the same.
struct MaxScoreScoring {
    /// One posting list to score.
    struct List {
        var info: TermInfo
        var weight: Double
        var field: Int?
        /// Coordination bit, or -1 for the exact-form bonus.
        var bit: Int
        var clause: Int
        var k1: Double
        /// 1 with BM25F (one saturation); with per-field saturation, the sum of the weights of
        /// the fields the list is scored on (each saturates below k1 + 1); plus the `fieldOwn`
        /// weights of those fields.
        var fieldScale: Double
        var upperBound: Double { weight * (k1 + 1) * fieldScale * (1 + 1e-5) + 1e-9 }
    }

    /// Lists in scoring order (decreasing bound, then query order).
    let lists: [List]
    /// `suffixBounds[j]`: the best final score of a document found only in `lists[j...]`.
    let suffixBounds: [Double]

    /// Whether this path applies to the query (otherwise the clause-by-clause path scores it).
    static func eligible(_ plan: QueryPlan, _ request: SearchRequest) -> Bool {
        guard request.sort == .relevance, request.facets.isEmpty, !plan.positive.isEmpty, plan.positive.count <= 64
        else { return false }
        for c in plan.positive {
            guard c.occur == .should else { return false }
            for a in c.alts where !a.phrase.isEmpty { return false }
        }
        for (_, weights) in request.keywordBoosts {
            for (_, w) in weights where !(w.isFinite && w > 0) { return false }
        }
        return true
    }

    /// The lists of `plan`'s clauses in `segment`.
    init(
        segment: Segment, plan: QueryPlan, request: SearchRequest, coordination: Coordination,
        ranking: RankingParameters,
        schema: IndexSchema
    ) throws(IndexError) {
        let k1 = ranking.k1
        let boosts = ranking.boosts(schema)
        let own = ranking.ownWeights(schema)
        // BM25F saturates below k1 + 1 (per-field saturation: below the searched fields' boosts
        // times k1 + 1), and each field's own score (fieldOwn) below its weight times k1 + 1.
        func scale(_ field: Int?) -> Double {
            let ownScale = field.map { $0 < own.count ? own[$0] : 0 } ?? own.reduce(0, +)
            guard ranking.perFieldSaturation else { return 1 + ownScale }
            if let field { return (field < boosts.count ? max(0, boosts[field]) : 0) + ownScale }
            return boosts.reduce(0) { $0 + max(0, $1) } + ownScale
        }
        var lists: [List] = []
        for (ci, c) in plan.positive.prefix(64).enumerated() {
            for t in c.alts {
                for e in t.expansions {
                    guard let info = try segment.lookup(e.term) else { continue }
                    lists.append(
                        List(
                            info: info, weight: e.idf * e.weight, field: t.field, bit: ci, clause: ci, k1: k1,
                            fieldScale: scale(t.field)))
                }
                if ranking.exactForm > 0, let key = t.exactKey, let info = try segment.lookup(key),
                    let main = t.expansions.first
                {
                    lists.append(
                        List(
                            info: info, weight: ranking.exactForm * main.idf, field: t.field, bit: -1, clause: ci,
                            k1: k1, fieldScale: scale(t.field)))
                }
            }
        }
        let order = lists.indices.sorted { (-lists[$0].upperBound, $0) < (-lists[$1].upperBound, $1) }
        self.lists = order.map { lists[$0] }
        var maxPrior = 1.0
        for (_, weights) in request.keywordBoosts {
            for (_, w) in weights where w > 1 { maxPrior *= w }
        }
        var bounds = [Double](repeating: 0, count: self.lists.count + 1)
        var sum = 0.0
        var clauses: UInt64 = 0
        for j in self.lists.indices.reversed() {
            sum += self.lists[j].upperBound
            clauses |= 1 << UInt64(self.lists[j].clause)
            bounds[j] = sum * coordination.factor(clauses) * maxPrior * (1 + 1e-6)
        }
        suffixBounds = bounds
    }

    /// Scores the lists into `scorer`'s scratch; with `pruning`, the remaining lists become
    /// non-essential as soon as `enoughAbove(bound)` says k documents already score above their
    /// bound.
    /// With `count`, the documents the non-essential lists match but do not score are recorded,
    /// for an exact total (counting them is cheaper than scoring and ranking them).
    func run(
        _ scorer: inout SegmentScorer, pruning: Bool, count: Bool, enoughAbove: (Double) -> Bool
    ) throws(IndexError) {
        var restricted = false
        for (j, l) in lists.enumerated() {
            if pruning, !restricted, j > 0, enoughAbove(suffixBounds[j]) { restricted = true }
            try scorer.scan(l.info, weight: l.weight, field: l.field, bit: l.bit, onlyTouched: restricted, count: count)
        }
    }
}
