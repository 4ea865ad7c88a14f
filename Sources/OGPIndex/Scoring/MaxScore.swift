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
        /// ``RankingParameters/delta`` (added to every match's saturated frequency).
        var delta: Double
        /// Per block, the largest BM25F value (before `weight`) of its documents, from the skip
        /// table (`.infinity` when unknown); empty for a single block or when no bound holds.
        var blockImpacts: [Double]
        /// The largest BM25F value (before `weight`) of any block; nil when unknown.
        var impact: Double?
        /// The phrase this list stands for (its index in ``MaxScoreScoring/phrases``), or -1 for a
        /// term. A phrase's list is its rarest term's: its blocks and their bounds (a phrase
        /// occurs in a field at most as often as each of its terms, and BM25F grows with the
        /// frequency), its documents the only ones that can hold the phrase; whether one does,
        /// and its score, come from a ``PhraseMatcher``.
        var phrase = -1
        /// The bits this list sets in a document's clause mask (none for the exact-form bonus;
        /// several when it stands for the same list of several clauses).
        var maskBit: UInt64
        /// How many identical lists (same term or phrase, field and weight) this one stands for:
        /// a clause repeated (« données » × 50) is read once and its score added that many
        /// times, the same integer sum (``Scratch/fixed(_:)``) as reading each.
        var copies: Int64 = 1
        /// At least 0: a list with a negative weight (an idf below 0) only lowers scores.
        var upperBound: Double { bound(impact) }

        init(
            info: TermInfo, weight: Double, field: Int?, bit: Int, clause: Int, k1: Double, fieldScale: Double,
            delta: Double = 0, blockImpacts: [Double]
        ) {
            self.delta = delta
            self.info = info
            self.weight = weight
            self.field = field
            self.bit = bit
            maskBit = bit >= 0 ? 1 << UInt64(bit) : 0
            self.clause = clause
            self.k1 = k1
            self.fieldScale = fieldScale
            self.blockImpacts = blockImpacts
            let best = blockImpacts.max()
            impact = best.flatMap { $0.isFinite ? $0 : nil }
        }

        /// The most a document of block `b` can add (the list's bound for a single block).
        @inline(__always)
        func blockBound(_ b: Int) -> Double {
            b < blockImpacts.count ? bound(blockImpacts[b]) : upperBound
        }

        @inline(__always)
        private func bound(_ impact: Double?) -> Double {
            (max(0, weight * min(impact ?? .infinity, (k1 + 1) * fieldScale + delta) * (1 + 1e-5)) + 1e-9) * Double(copies)
        }
    }

    /// Lists in scoring order (decreasing bound, then query order).
    let lists: [List]
    /// `suffixBounds[j]`: the best final score of a document found only in `lists[j...]`.
    let suffixBounds: [Double]
    /// `suffixSums[j]`: the most `lists[j...]` can add to a document's accumulated score, and
    /// `suffixClauses[j]` the clauses they can add to its mask.
    let suffixSums: [Double]
    let suffixClauses: [UInt64]
    let coordination: Coordination
    let maxPrior: Double
    /// The phrases of the lists that stand for one (``List/phrase``).
    let phrases: [PlannedText]

    /// Whether this path applies to the query (otherwise the clause-by-clause path scores it).
    /// `phrases`: whether phrase alternatives can be scored (only document at a time:
    /// ``runDocumentAtATime(_:k:margin:floor:current:bonus:priors:)`` and ``countMatches``;
    /// the term-at-a-time ``run`` takes words only).
    static func eligible(_ plan: QueryPlan, _ request: SearchRequest, phrases: Bool = false) -> Bool {
        guard request.sort == .relevance, request.facets.isEmpty, !plan.positive.isEmpty, plan.positive.count <= 64
        else { return false }
        for c in plan.positive {
            guard c.occur == .should else { return false }
            for a in c.alts where !a.phrase.isEmpty && !phrases { return false }
        }
        for (_, weights) in request.keywordBoosts {
            for (_, w) in weights where !(w.isFinite && w > 0) { return false }
        }
        return true
    }

    /// The lists of `plan`'s clauses in `segment`. `maxPrior`: the largest keyword-boost factor
    /// of a document of this segment, when the caller knows it (otherwise every boost above 1
    /// multiplied, a bound that is far too high when the boosted values are absent).
    /// `merge`: identical lists (same term or phrase, field and weight: a repeated clause) are
    /// read once (``List/copies``); only for the document-at-a-time path and the count.
    init(
        segment: Segment, plan: QueryPlan, request: SearchRequest, coordination: Coordination,
        ranking: RankingParameters,
        schema: IndexSchema, maxPrior knownMaxPrior: Double? = nil, merge: Bool = false, segmentIndex: Int? = nil
    ) throws(IndexError) {
        let k1 = ranking.k1
        let boosts = ranking.boosts(schema)
        let own = ranking.ownWeights(schema)
        let bs = ranking.lengthNormalisation(schema)
        // BM25F saturates below k1 + 1 (per-field saturation: below the searched fields' boosts
        // times k1 + 1), and each field's own score (fieldOwn) below its weight times k1 + 1.
        func scale(_ field: Int?) -> Double {
            let ownScale = field.map { $0 < own.count ? own[$0] : 0 } ?? own.reduce(0, +)
            guard ranking.perFieldSaturation else { return 1 + ownScale }
            if let field { return (field < boosts.count ? max(0, boosts[field]) : 0) + ownScale }
            return boosts.reduce(0) { $0 + max(0, $1) } + ownScale
        }
        // The postings of every term of the query, in the order the loop below reads them:
        // those the plan found in this segment (`segmentIndex`: its place among the reader's
        // segments, ``Expansion/infos``), and the others (a phrase's terms, a word's exact form)
        // looked up at once (the expansions lie side by side in the dictionary: one search for
        // them all, not one each).
        var found: [TermInfo?] = []
        var wanted: [String] = []
        var wantedAt: [Int] = []
        func want(_ term: String) {
            wantedAt.append(found.count)
            wanted.append(term)
            found.append(nil)
        }
        for c in plan.positive.prefix(64) {
            for t in c.alts {
                for e in t.expansions {
                    if let si = segmentIndex, si < e.infos.count { found.append(e.infos[si]) } else { want(e.term) }
                }
                for p in t.phrase { want(p.term) }
                if ranking.exactForm > 0, let key = t.exactKey { want(key) }
            }
        }
        for (i, info) in try segment.lookup(wanted).enumerated() { found[wantedAt[i]] = info }
        var next = 0
        var lists: [List] = []
        var phrases: [PlannedText] = []
        for (ci, c) in plan.positive.prefix(64).enumerated() {
            for t in c.alts {
                let expansionsAt = next
                let phraseAt = expansionsAt + t.expansions.count
                let exactAt = phraseAt + t.phrase.count
                next = exactAt + (ranking.exactForm > 0 && t.exactKey != nil ? 1 : 0)
                if !t.phrase.isEmpty {
                    // The rarest term's list (none when a term is in no document: no match here).
                    var rarest: TermInfo?
                    var missing = false
                    for i in t.phrase.indices {
                        guard let info = found[phraseAt + i] else {
                            missing = true
                            break
                        }
                        if rarest.map({ info.df < $0.df }) ?? true { rarest = info }
                    }
                    guard !missing, let info = rarest else { continue }
                    var l = List(
                        info: info, weight: t.phrase.reduce(0) { $0 + $1.idf }, field: t.field, bit: ci, clause: ci,
                        k1: k1, fieldScale: scale(t.field),
                        blockImpacts: try Self.blockImpacts(
                            segment, info, field: t.field, boosts: boosts, b: bs, own: own, ranking: ranking))
                    l.phrase = phrases.count
                    phrases.append(t)
                    lists.append(l)
                    continue
                }
                for (i, e) in t.expansions.enumerated() {
                    guard let info = found[expansionsAt + i] else { continue }
                    lists.append(
                        List(
                            info: info, weight: e.idf * e.weight, field: t.field, bit: e.matchesClause ? ci : -1,
                            clause: ci, k1: k1,
                            fieldScale: scale(t.field), delta: ranking.delta,
                            blockImpacts: try Self.blockImpacts(
                                segment, info, field: t.field, boosts: boosts, b: bs, own: own, ranking: ranking)))
                }
                if ranking.exactForm > 0, t.exactKey != nil, let info = found[exactAt], let main = t.expansions.first {
                    let field = t.exactField ?? t.field
                    lists.append(
                        List(
                            info: info, weight: ranking.exactForm * main.idf, field: field, bit: -1, clause: ci,
                            k1: k1, fieldScale: scale(field), delta: ranking.delta,
                            blockImpacts: try Self.blockImpacts(
                                segment, info, field: field, boosts: boosts, b: bs, own: own, ranking: ranking)))
                }
            }
        }
        if merge { lists = Self.merged(lists, phrases) }
        let order = lists.indices.sorted { (-lists[$0].upperBound, $0) < (-lists[$1].upperBound, $1) }
        self.lists = order.map { lists[$0] }
        var maxPrior = 1.0
        if let knownMaxPrior {
            maxPrior = max(1, knownMaxPrior)
        } else {
            for (_, weights) in request.keywordBoosts {
                for (_, w) in weights where w > 1 { maxPrior *= w }
            }
        }
        var bounds = [Double](repeating: 0, count: self.lists.count + 1)
        var sums = bounds
        var clauseSets = [UInt64](repeating: 0, count: self.lists.count + 1)
        var sum = 0.0
        var clauses: UInt64 = 0
        for j in self.lists.indices.reversed() {
            sum += self.lists[j].upperBound
            clauses |= self.lists[j].maskBit
            bounds[j] = sum * coordination.factor(clauses) * maxPrior * (1 + 1e-6)
            sums[j] = sum
            clauseSets[j] = clauses
        }
        suffixBounds = bounds
        suffixSums = sums
        suffixClauses = clauseSets
        self.coordination = coordination
        self.maxPrior = maxPrior
        self.phrases = phrases
    }

    /// Scores the lists into `scorer`'s scratch; with `pruning`, the remaining lists become
    /// non-essential as soon as `enoughAbove(bound)` says k documents already score above their
    /// bound.
    /// With `count`, the documents the non-essential lists match but do not score are recorded,
    /// for an exact total (counting them is cheaper than scoring and ranking them). Without it,
    /// the non-essential lists are read only for the candidates that can still reach the top
    /// `k`: a candidate whose accumulated score plus what the remaining lists can add (with
    /// `margin`, the proximity bonus) stays below the k-th best `current` score is dropped (it
    /// keeps a lower score than its own, below k better ones), and only the blocks holding a
    /// kept candidate are decoded. `current(d)` is the final score accumulated so far of a
    /// document the filters let through (nil otherwise). Returns the candidates kept, when
    /// some were dropped: the only documents that can still reach the top k.
    func run(
        _ scorer: inout SegmentScorer, pruning: Bool, count: Bool, k: Int, margin: Double,
        enoughAbove: (Double) -> Bool, current: (Int) -> Double?
    ) throws(IndexError) -> [Int32]? {
        let scratch = scorer.scratch
        var restricted = false
        var candidates: [Int32]?
        var prefix = 0.0
        var prefixClauses: UInt64 = 0
        for (j, l) in lists.enumerated() {
            // No document can score above the bound yet while the lists read so far cannot add
            // up to it: the pass over the candidates is spared.
            let reachable = prefix * coordination.factor(prefixClauses) * maxPrior * (1 + 1e-6) > suffixBounds[j] + margin
            if pruning, !restricted, j > 0, reachable, enoughAbove(suffixBounds[j]) { restricted = true }
            prefix += l.upperBound
            prefixClauses |= l.maskBit
            // Finding a candidate in a list costs several times decoding a posting: the
            // candidates' way only when they are few beside the list (a rare word's documents
            // against a frequent word's list); otherwise the whole list, for the touched ones.
            let few = (candidates?.count ?? scratch.touchedCount) * 3 < l.info.df
            guard restricted, !count, k > 0, few else {
                try scorer.scan(
                    l.info, weight: l.weight, field: l.field, bit: l.bit, onlyTouched: restricted, count: count)
                continue
            }
            // The first time, every document scored so far (read in place, not copied); they are
            // filtered before they are sorted (most cannot reach the top k), and filtering keeps
            // the order after that.
            let touched = UnsafeBufferPointer(start: scratch.touched, count: scratch.touchedCount)
            let rest = suffixSums[j]
            let clauses = suffixClauses[j]
            func canReach(_ c: Int32, _ theta: Double) -> Bool {
                let d = Int(c)
                let bound =
                    (scratch.score(d) + rest) * coordination.factor(scratch.masks[d] | clauses) * maxPrior
                    * (1 + 1e-5)
                return bound + margin >= theta
            }
            var kept: [Int32]
            if let pool = candidates {
                let theta = kthBest(k, of: pool, scratch, current)
                kept = pool.filter { canReach($0, theta) }
            } else {
                let theta = kthBest(k, of: touched, scratch, current)
                kept = touched.filter { canReach($0, theta) }
            }
            if candidates == nil { kept.sort() }
            candidates = kept
            try scorer.scan(l.info, weight: l.weight, field: l.field, bit: l.bit, candidates: kept)
        }
        return candidates
    }

    /// The `k`-th best `current` score of `docs` (−∞ when fewer than `k` have one).
    func kthBest(
        _ k: Int, of docs: some Collection<Int32>, _ scratch: Scratch, _ current: (Int) -> Double?
    ) -> Double {
        var heap = MinHeap(capacity: k)  // the best k, smallest at the root
        for c in docs {
            let d = Int(c)
            // `current` (filters, prior) only for documents whose score can enter the heap.
            if heap.count == k,
                scratch.score(d) * coordination.factor(scratch.masks[d]) * maxPrior * (1 + 1e-6) <= heap.min
            {
                continue
            }
            guard let s = current(d) else { continue }
            _ = heap.insert(s)
        }
        return heap.count < k ? -.infinity : heap.min
    }
}
