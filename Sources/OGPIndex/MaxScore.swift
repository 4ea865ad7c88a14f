/// The coordination factor of keyword-style queries (2–3 clauses): OR with a strong bonus when
/// all clauses match. Shared by the exhaustive and the pruned paths so both compute the same
/// numbers.
struct Coordination {
    /// Per clause, its idf mass.
    let masses: [Double]
    let totalMass: Double
    let allMask: UInt64

    init(masses: [Double]) {
        self.masses = masses
        totalMass = masses.reduce(0, +)
        allMask = masses.count >= 64 ? ~0 : (1 << UInt64(masses.count)) - 1
    }

    /// Whether the factor applies (longer, question-like queries are plain BM25F).
    var applies: Bool { masses.count > 1 && masses.count <= 3 }

    /// The factor for the matched clauses `m` (1 when it does not apply).
    @inline(__always)
    func factor(_ m: UInt64) -> Double {
        guard applies else { return 1 }
        var matched = 0.0
        for i in masses.indices where m & (1 << UInt64(i)) != 0 { matched += masses[i] }
        let coord = totalMass > 0 ? matched / totalMass : 1
        return (0.25 + 0.75 * coord * coord) * (m & allMask == allMask ? 2.0 : 1.0)
    }
}

/// Document-at-a-time top-k with MaxScore dynamic pruning, for relevance-sorted OR queries of
/// words (no phrases, no required clauses) when no facets and no exact total are needed.
///
/// Lists are ordered by the upper bound of their contribution. Once the k-th best score exceeds
/// the best final score a document matching only the lowest-bound lists could reach (their
/// bounds summed, times the largest coordination factor of their clauses and the largest
/// keyword prior), those lists become non-essential: only documents from the other lists are
/// candidates, and non-essential lists are merely advanced to them. Every candidate gets its
/// exact score (contributions summed in the exhaustive path's order, in `Float`), so the top-k
/// equals the exhaustive one; documents left out could not have entered it.
struct MaxScoreSearch {
    /// Posting lists in the exhaustive path's scoring order.
    var lists: [ImpactCursor]
    let coordination: Coordination
    /// Upper bound of any document's keyword prior.
    let maxPrior: Double

    /// The lists of `plan`'s positive clauses in `segment`, in the exhaustive scoring order:
    /// per clause, per alternative, its expansions then its exact-form bonus.
    init(segment: Segment, plan: QueryPlan, request: SearchRequest, boosts: [Double], coordination: Coordination) throws(IndexError) {
        var lists: [ImpactCursor] = []
        for (ci, c) in plan.positive.prefix(64).enumerated() {
            for t in c.alts {
                for e in t.expansions {
                    guard let info = try segment.lookup(e.term) else { continue }
                    lists.append(ImpactCursor(segment: segment, info: info, boosts: boosts, field: t.field, weight: e.idf * e.weight, bit: ci, clause: ci))
                }
                if let key = t.exactKey, let info = try segment.lookup(key), let main = t.expansions.first {
                    lists.append(ImpactCursor(segment: segment, info: info, boosts: boosts, field: t.field, weight: 0.3 * main.idf, bit: -1, clause: ci))
                }
            }
        }
        self.lists = lists
        self.coordination = coordination
        var maxPrior = 1.0
        for (_, weights) in request.keywordBoosts {
            for (_, w) in weights where w > 1 { maxPrior *= w }
        }
        self.maxPrior = maxPrior
    }

    /// Whether the pruned path gives the same results as the exhaustive one for this query.
    static func eligible(_ plan: QueryPlan, _ request: SearchRequest) -> Bool {
        guard request.sort == .relevance, request.facets.isEmpty, !plan.positive.isEmpty, plan.positive.count <= 64 else { return false }
        for c in plan.positive {
            guard c.occur == .should else { return false }
            for a in c.alts where !a.phrase.isEmpty { return false }
        }
        for (_, weights) in request.keywordBoosts {
            for (_, w) in weights where !(w.isFinite && w > 0) { return false }
        }
        return true
    }

    /// Runs the search; `admit` applies deletions and filters, `prior` the keyword priors.
    mutating func top(
        keep: Int, admit: (Int) -> Bool, prior: [Int: Double], date: (Int) -> Int32
    ) throws(IndexError) -> TopK {
        var top = TopK(k: keep, byDate: false)
        let n = lists.count
        guard n > 0, keep > 0 else { return top }
        let order = lists.indices.sorted { (lists[$0].upperBound, $0) < (lists[$1].upperBound, $1) }
        // bounds[j]: the best final score of a document found only in lists order[0..<j].
        var bounds = [0.0]
        var sum = 0.0
        var clauses: UInt64 = 0
        for j in 0..<n {
            let l = lists[order[j]]
            sum += l.upperBound
            clauses |= 1 << UInt64(l.clause)
            bounds.append(sum * coordination.factor(clauses) * maxPrior * (1 + 1e-6))
        }
        var essential = [Bool](repeating: true, count: n)
        var firstEssential = 0
        for i in 0..<n { try lists[i].next() }
        var contrib = [Float](repeating: 0, count: n)
        while true {
            if top.isFull, let worst = top.worst?.score {
                while firstEssential < n && bounds[firstEssential + 1] < worst {
                    essential[order[firstEssential]] = false
                    firstEssential += 1
                }
                if firstEssential == n { break }
            }
            var doc = Int.max
            for i in 0..<n where essential[i] && lists[i].doc < doc { doc = lists[i].doc }
            if doc == Int.max { break }
            let admitted = admit(doc)
            var mask: UInt64 = 0
            for i in 0..<n {
                contrib[i] = 0
                if essential[i] {
                    guard lists[i].doc == doc else { continue }
                    if admitted { contrib[i] = lists[i].score }
                    try lists[i].next()
                } else if admitted {
                    try lists[i].advance(to: doc)
                    if lists[i].doc == doc { contrib[i] = lists[i].score }
                }
                if contrib[i] > 0, lists[i].bit >= 0 { mask |= 1 << UInt64(lists[i].bit) }
            }
            guard admitted, mask != 0 else { continue }
            var raw: Float = 0
            for i in 0..<n where contrib[i] > 0 { raw += contrib[i] }
            var score = Double(raw) * coordination.factor(mask)
            if !prior.isEmpty { score *= prior[doc] ?? 1 }
            top.insert(score: score, date: date(doc), segment: 0, doc: doc)
        }
        return top
    }
}
