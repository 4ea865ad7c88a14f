/// Matches of one segment: count, best candidates, facet counts.
struct SegmentResult {
    var total = 0
    /// Counting stopped at the caller's limit: `total` is a lower bound.
    var totalIsLowerBound = false
    var top: [Candidate] = []
    var facets: [String: [String: Int]] = [:]
}

extension IndexReader {
    /// Scores, filters and ranks one segment's documents.
    ///
    /// Relevance-sorted OR queries of words without facets are scored by ``MaxScoreScoring``,
    /// with `pruning`: same top-k, same scores. `total` stays exact: the matches pruning leaves
    /// out are counted (not scored), list after list — unless `exactTotal` is false (callers
    /// that do not report it): then they are scored document at a time with block-max pruning
    /// (``BlockMaxCursor``: blocks that cannot reach the top k are not decoded) and `total`
    /// counts only the candidates.
    ///
    /// `floor`: the k-th best final score of the segments searched before (relevance order), or
    /// -∞. A document whose best final score is below it cannot enter the top k of the whole
    /// index, so pruning starts from it rather than from nothing in each segment (the harvest's
    /// index has a segment per 20,000 records); the top k of the index is the same.
    /// `countLimit`: matches counted apart from the pruned scoring are counted up to this number
    /// only (`totalIsLowerBound` then set).
    func searchSegment(
        _ seg: Segment, plan: QueryPlan, request: SearchRequest, scratch: Scratch, k: Int,
        pruning: Bool = true, exactTotal: Bool = true, floor: Double = -.infinity, countLimit: Int = .max
    ) throws(IndexError) -> SegmentResult {
        scratch.prepare(seg.docCount)
        defer { scratch.reset() }
        var scorer = SegmentScorer(
            segment: seg, boosts: ranking.boosts(schema), own: ranking.ownWeights(schema), scratch: scratch,
            ranking: ranking)
        var mustMask: UInt64 = 0
        var masses: [Double] = []
        let coordinated = plan.positive.count - plan.synonymClauses
        for (ci, c) in plan.positive.prefix(64).enumerated() {
            if c.occur == .must { mustMask |= 1 << UInt64(ci) }
            if ci < coordinated { masses.append(c.alts.map(\.mass).max() ?? 0) }
        }
        let coordination = Coordination(masses: masses, allTerms: ranking.allTerms, long: ranking.longCoordination)
        var excluded = Set<Int>()
        for t in plan.negative { excluded.formUnion(try scorer.matching(t)) }
        for (kind, value) in plan.keywordNot { excluded.formUnion(try scorer.keywordDocs(kind, value)) }
        var allowed: Set<Int>?
        for (kind, values) in plan.keywordMust {
            var u = Set<Int>()
            for v in values { u.formUnion(try scorer.keywordDocs(kind, v)) }
            allowed = allowed.map { $0.intersection(u) } ?? u
        }
        var priors = SegmentPriors.none
        if request.sort == .relevance, !request.keywordBoosts.isEmpty {
            let s = scorer
            priors = try seg.priorCache.priors(request.keywordBoosts) { () throws(IndexError) in
                try SegmentPriors(boosts: request.keywordBoosts) { (kind, value) throws(IndexError) in
                    try s.keywordDocs(kind, value)
                }
            }
        }
        let prior = priors.prior
        let proximityClauses = plan.positive.prefix(64).enumerated().compactMap { (ci, c) -> (String, Double, Int)? in
            // Very frequent words (in about half the documents or more) are left out: walking their long
            // posting lists costs more than their proximity is worth.
            guard c.alts.count == 1, let e = c.alts[0].expansions.first, e.weight >= 1, e.idf > 0.7,
                c.alts[0].phrase.isEmpty
            else { return nil }
            return (e.term, e.idf, ci)
        }
        let proximityTerms = proximityClauses.map { ($0.0, $0.1) }
        // The proximity bonus goes to every document that can reach the top k with it: those whose
        // score plus the largest bonus their words allow reaches the k-th best score.
        let proximityOn = proximityTerms.count >= 2 && request.sort == .relevance && ranking.proximity > 0 && k > 0
        let filters = (allowed: allowed, excluded: excluded, prior: prior)
        var maxBonus = 0.0  // the largest proximity bonus (words adjacent in order)
        if proximityOn {
            for i in 0..<(proximityTerms.count - 1) {
                maxBonus += ranking.proximity * (proximityTerms[i].1 + proximityTerms[i + 1].1)
            }
        }
        let margin = maxBonus * (1 + 1e-6)
        // A pair's bonus needs both its words in the document: the most a document whose
        // clauses are among `m` can get. A clause's bit says its word is in the document only
        // when the clause searches every field and every field counts (a positive boost): a
        // word limited to the title (`title:plan`) can be in the body, close to the next
        // word, without its bit — such a pair is bounded whatever the mask.
        let bitsSayPresence = ranking.boosts(schema).allSatisfy { $0 > 0 && $0.isFinite }
        func presence(_ ci: Int) -> UInt64 {
            bitsSayPresence && plan.positive[ci].alts[0].field == nil ? 1 << UInt64(ci) : 0
        }
        // Per proximity word, the bit its presence sets (the bonus skips absent words' cursors).
        let proximityPresence = proximityClauses.map { presence($0.2) }
        var pairs: [(mask: UInt64, bonus: Double)] = []
        if proximityOn {
            for i in 0..<(proximityClauses.count - 1) {
                let m = presence(proximityClauses[i].2) | presence(proximityClauses[i + 1].2)
                pairs.append((m, ranking.proximity * (proximityClauses[i].1 + proximityClauses[i + 1].1) * (1 + 1e-6)))
            }
        }
        let marginFor = { (m: UInt64) -> Double in
            var b = 0.0
            for p in pairs where m & p.mask == p.mask { b += p.bonus }
            return b
        }
        // The documents that can still reach the top k, when pruning dropped the others (only
        // without a total to count).
        var survivors: [Int32]?
        // The exact total when counted apart from the pruned scoring.
        var counted: Int?
        // A score k documents reach with their proximity bonus (the document-at-a-time pass),
        // and the bonuses it computed.
        var finalTheta = -Double.infinity
        var bonuses = KnownBonuses()
        var countStopped = false
        // Phrases (a synonym's several words) are matched document at a time, only for the
        // candidates that can reach the top k, when no total or a bounded one is wanted (the
        // server's); the term-at-a-time path takes words only. An exact total matches every
        // document holding the phrase anyway: the clause-by-clause path does it once (ogp-search).
        let documentAtATime = pruning && k > 0 && (!exactTotal || MaxScoreScoring.countable(ranking, schema))
        let phrasesPruned = documentAtATime && (!exactTotal || countLimit < .max)
        if MaxScoreScoring.eligible(plan, request, phrases: phrasesPruned) {
            // The bounds use the largest prior a document of this segment really has (ogp-serve
            // and ogp-search boost commitments ×3, plans ×3, publications ×2: multiplying every
            // weight bounded scores 18× too high, and a segment of datasets was not pruned at all).
            let maxScore = try MaxScoreScoring(
                segment: seg, plan: plan, request: request, coordination: coordination, ranking: ranking,
                schema: schema,
                maxPrior: priors.maxPrior, merge: documentAtATime,
                segmentIndex: segments.firstIndex { $0 === seg })
            // The final top k comes from the documents' scores plus a proximity bonus of at most
            // `maxBonus`: once k documents score above a document's best score plus `maxBonus`,
            // that document can be in neither (see ``MaxScoreScoring``).
            let current = { (d: Int) -> Double? in
                let m = scratch.masks[d]
                guard m != 0, !seg.isDeleted(d), request.includeHidden || !seg.hidden(d) else { return nil }
                if plan.since > 0 && seg.date(d) < plan.since { return nil }
                if let allowed = filters.allowed, !allowed.contains(d) { return nil }
                if !filters.excluded.isEmpty, filters.excluded.contains(d) { return nil }
                let score = scratch.score(d) * coordination.factor(m)
                return filters.prior.isEmpty ? score : score * (filters.prior[d] ?? 1)
            }
            if documentAtATime {
                // Document at a time: blocks that cannot reach the top k are not even decoded.
                // With proximity, the k-th best is taken on final scores: a document entering
                // the k best gets its bonus there (the bound every candidate is held to already
                // counts its largest bonus), so the threshold is as high as the bonuses make it.
                var bonus: ((Int) throws(IndexError) -> Double)?
                if proximityOn {
                    var proximity = try ProximityScorer(
                        segment: seg, terms: proximityTerms.map { (term: $0.0, idf: $0.1) }, ranking: ranking,
                        presence: proximityPresence)
                    bonus = { d throws(IndexError) in
                        scratch.proximityBonuses += 1
                        let b = try proximity.bonus(d, mask: scratch.masks[d])
                        bonuses.set(d, b)
                        return b
                    }
                }
                // Each window of documents bounded by the largest prior in it (few documents have one).
                let run = try maxScore.runDocumentAtATime(
                    scorer, k: k, margin: marginFor, floor: floor, current: current, bonus: bonus,
                    priors: priors.bounds)
                survivors = run.survivors
                finalTheta = run.theta
                if exactTotal {
                    let c = try maxScore.countMatches(scorer, limit: countLimit) { d in
                        if seg.isDeleted(d) || (!request.includeHidden && seg.hidden(d)) { return false }
                        if plan.since > 0 && seg.date(d) < plan.since { return false }
                        if let allowed = filters.allowed, !allowed.contains(d) { return false }
                        return filters.excluded.isEmpty || !filters.excluded.contains(d)
                    }
                    counted = c.count
                    countStopped = !c.complete
                }
            } else {
                survivors = try maxScore.run(
                    &scorer, pruning: pruning && k > 0, count: exactTotal, k: k, margin: margin,
                    enoughAbove: { bound in
                        enoughAbove(
                            bound + margin, seg, request: request, plan: plan, scratch: scratch, filters: filters,
                            coordination: coordination, keep: k)
                    },
                    current: current)
            }
        } else {
            // A phrase the query repeats (« données~2 » × 50) is matched once, its score added
            // once per copy with every copy's clause bit: the same integer sums as matching each.
            let clauses = Array(plan.positive.prefix(64))
            var copied = Set<Int>()  // clause << 16 | alternative, of the later copies
            for (ci, c) in clauses.enumerated() {
                for (ai, alt) in c.alts.enumerated() {
                    guard !alt.phrase.isEmpty else {
                        try scorer.score(alt, bit: ci)
                        continue
                    }
                    guard !copied.contains(ci << 16 | ai) else { continue }
                    var mask: UInt64 = 1 << UInt64(ci)
                    var copies: Int64 = 1
                    for cj in ci..<clauses.count {
                        for (aj, other) in clauses[cj].alts.enumerated()
                        where (cj, aj) > (ci, ai) && other.field == alt.field
                            && other.phrase.elementsEqual(alt.phrase, by: { $0 == $1 })
                        {
                            mask |= 1 << UInt64(cj)
                            copies += 1
                            copied.insert(cj << 16 | aj)
                        }
                    }
                    try scorer.scorePhrase(alt, mask: mask, copies: copies)
                }
            }
        }
        var result = SegmentResult()
        var top = TopK(k: k, byDate: request.sort == .date)
        var pool: [(candidate: Candidate, mask: UInt64)] = []
        try exhaustive(
            seg, plan: plan, request: request, scratch: scratch, filters: filters,
            mustMask: mustMask, coordination: coordination, exactTotal: exactTotal && counted == nil,
            only: exactTotal && counted == nil ? nil : survivors,
            top: &top, result: &result, pool: proximityOn ? marginFor : nil, into: &pool)
        if let counted { result.total = counted }
        result.totalIsLowerBound = countStopped
        var cands = top.sorted()
        if proximityOn {
            // The documents that can reach the top k with their largest bonus get theirs (the
            // top k without bonuses among them).
            // Best bound first, in growing batches, until the k-th best score with bonus is above
            // every bound left (their positions are not read).
            let theta = max(floor, cands.count >= k ? cands[k - 1].score : -Double.infinity, finalTheta)
            var near = pool.compactMap { p -> (Candidate, Double)? in
                let bound = p.candidate.score + marginFor(p.mask)
                return bound >= theta ? (p.candidate, bound) : nil
            }
            // (The order does not change the result: a document is left out only when its bound
            // is below k scores with bonus already found.)
            var best = TopK(k: k, byDate: false)
            var batch = max(k, 32)
            while !near.isEmpty {
                if best.isFull, let w = best.worst { near.removeAll { $0.1 < w.score } }
                var part: [Candidate]
                if near.count <= batch {
                    part = near.map(\.0)
                    near.removeAll()
                } else {
                    // The `batch` best bounds (ties included), without sorting them all.
                    var heap = MinHeap(capacity: batch)
                    for c in near { _ = heap.insert(c.1) }
                    let cut = heap.min
                    part = near.filter { $0.1 >= cut }.map(\.0)
                    near.removeAll { $0.1 >= cut }
                }
                try proximityBonus(
                    seg, terms: proximityTerms, presence: proximityPresence, candidates: &part, known: bonuses,
                    scratch: scratch)
                for c in part { best.insert(score: c.score, date: c.date, segment: 0, doc: c.doc) }
                batch *= 2
            }
            cands = best.sorted()
        }
        result.top = cands
        return result
    }

    /// Whether at least `keep` documents already score above `bound` (scores only grow as lists
    /// are added, so the final `keep`-th best score will be above it too).
    private func enoughAbove(
        _ bound: Double, _ seg: Segment, request: SearchRequest, plan: QueryPlan, scratch: Scratch,
        filters: (allowed: Set<Int>?, excluded: Set<Int>, prior: [Int: Double]), coordination: Coordination, keep: Int
    ) -> Bool {
        guard scratch.touchedCount >= keep else { return false }
        var above = 0
        for i in 0..<scratch.touchedCount {
            let d = Int(scratch.touched[i])
            let m = scratch.masks[d]
            guard m != 0 else { continue }
            var score = scratch.score(d) * coordination.factor(m)
            if !filters.prior.isEmpty { score *= filters.prior[d] ?? 1 }
            if score <= bound || seg.isDeleted(d) || (!request.includeHidden && seg.hidden(d)) { continue }
            if plan.since > 0 && seg.date(d) < plan.since { continue }
            if let allowed = filters.allowed, !allowed.contains(d) { continue }
            if !filters.excluded.isEmpty, filters.excluded.contains(d) { continue }
            above += 1
            if above >= keep { return true }
        }
        return false
    }

    /// Scores every candidate (term-at-a-time, already accumulated in `scratch`), counts the
    /// matches and their facets (only those that can rank without `exactTotal`), and keeps the
    /// best in `top`. With `only`, just those documents (the others cannot reach the top k).
    private func exhaustive(
        _ seg: Segment, plan: QueryPlan, request: SearchRequest, scratch: Scratch,
        filters: (allowed: Set<Int>?, excluded: Set<Int>, prior: [Int: Double]),
        mustMask: UInt64, coordination: Coordination, exactTotal: Bool, only: [Int32]?, top: inout TopK,
        result: inout SegmentResult, pool margin: ((UInt64) -> Double)? = nil,
        into pool: inout [(candidate: Candidate, mask: UInt64)]
    ) throws(IndexError) {
        let (allowed, excluded, prior) = filters
        // Without words, every document (or every allowed one) is a candidate.
        let all: [Int] = plan.positive.isEmpty ? allowed.map { $0.sorted() } ?? Array(0..<seg.docCount) : []
        let wantFacets = !request.facets.isEmpty
        var facetCounter = wantFacets ? try FacetCounter(seg, kinds: Set(request.facets)) : nil
        // Without a total or facets to report, documents that cannot rank are not checked further.
        let rejectEarly = !exactTotal && !wantFacets && request.sort == .relevance
        let touched = only.map { ($0, $0.count) } ?? (nil, scratch.touchedCount)
        for i in 0..<(plan.positive.isEmpty ? all.count : touched.1) {
            let d = plan.positive.isEmpty ? all[i] : Int(touched.0?[i] ?? scratch.touched[i])
            var score = 0.0
            if !plan.positive.isEmpty {
                let m = scratch.masks[d]
                if m == 0 || m & mustMask != mustMask { continue }
                score = scratch.score(d)
                // Keyword-style queries (≤ 3 clauses): OR with a strong bonus when all match.
                // Longer, question-like queries: plain BM25F, or a mild coordination.
                if coordination.applies { score *= coordination.factor(m) }
                if !prior.isEmpty { score *= prior[d] ?? 1 }
                if rejectEarly, top.isFull, let w = top.worst, score + (margin?(m) ?? 0) < w.score { continue }
            }
            if seg.isDeleted(d) || (!request.includeHidden && seg.hidden(d)) { continue }
            if plan.since > 0 && seg.date(d) < plan.since { continue }
            if let allowed, !allowed.contains(d) { continue }
            if !excluded.isEmpty, excluded.contains(d) { continue }
            result.total += 1
            try facetCounter?.add(seg, document: d)
            if let margin, !plan.positive.isEmpty {
                let m = scratch.masks[d]
                // Candidates for the proximity bonus (the k-th best only rises: a superset).
                if !top.isFull || score + margin(m) >= (top.worst?.score ?? -.infinity) {
                    pool.append((Candidate(score: score, date: seg.date(d), segment: 0, doc: d), m))
                }
            }
            top.insert(score: score, date: seg.date(d), segment: 0, doc: d)
        }
        // Matches that pruning left out of the candidates: counted only.
        for i in 0..<scratch.countedCount {
            let d = Int(scratch.counted[i])
            if seg.isDeleted(d) || (!request.includeHidden && seg.hidden(d)) { continue }
            if plan.since > 0 && seg.date(d) < plan.since { continue }
            if let allowed, !allowed.contains(d) { continue }
            if !excluded.isEmpty, excluded.contains(d) { continue }
            result.total += 1
        }
        if let facetCounter { result.facets = try facetCounter.resolve(seg) }
    }

    /// Adds the proximity bonus (``ProximityScorer``) to candidates, those in `known` as given.
    private func proximityBonus(
        _ seg: Segment, terms: [(String, Double)], presence: [UInt64], candidates: inout [Candidate],
        known: KnownBonuses, scratch: Scratch
    ) throws(IndexError) {
        let order = candidates.indices.filter { known[candidates[$0].doc] == nil }
            .sorted { candidates[$0].doc < candidates[$1].doc }
        for ci in candidates.indices { if let b = known[candidates[ci].doc] { candidates[ci].score += b } }
        guard !order.isEmpty else { return }
        scratch.proximityBonuses += order.count
        var proximity = try ProximityScorer(
            segment: seg, terms: terms.map { (term: $0.0, idf: $0.1) }, ranking: ranking, presence: presence)
        for ci in order {
            let d = candidates[ci].doc
            candidates[ci].score += try proximity.bonus(d, mask: scratch.masks[d])
        }
    }
}
