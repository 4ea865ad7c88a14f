import Foundation
import OGPAnalysis

/// A query word resolved to index terms.
struct Expansion: Sendable {
    var term: String
    var weight: Double
    var idf: Double
    /// Whether a document holding the term counts its clause as matched (coordination, proximity
    /// bounds); family members only add to the score.
    var matchesClause = true
    /// The term's postings in each of the reader's segments (in their order), as the plan found
    /// them while weighing the term; empty when it did not (each segment then looks it up).
    /// The segments' searches read them here instead of looking every term up again.
    var infos: [TermInfo?] = []
}

/// One text alternative of a clause: a word (with typo/prefix expansions) or a phrase.
struct PlannedText: Sendable {
    var field: Int?
    /// Single word: the stem and its expansions.
    var expansions: [Expansion] = []
    /// Exact-form key for the exact-wording bonus (nil when it equals the stem).
    var exactKey: String?
    /// The field the exact-form bonus is counted in (nil: every field searched).
    var exactField: Int?
    /// Phrase: terms with their relative positions.
    var phrase: [(term: String, offset: Int, idf: Double)] = []
    /// Coordination weight (idf mass).
    var mass: Double = 0
    /// A single interrogative word or question verb (``QuestionWords``).
    var question = false
}

/// The analysed query, shared by all segments (statistics are index-wide).
struct QueryPlan: Sendable {
    var positive: [(occur: Occur, alts: [PlannedText])] = []
    var negative: [PlannedText] = []
    var keywordMust: [String: Set<String>] = [:]
    var keywordNot: [(String, String)] = []
    var since: Int32 = 0
    var didYouMean: String?
    /// Stems and exact forms to highlight.
    var highlightTerms = Set<String>()
    /// Trailing clauses of `positive` added by synonyms of several-word expressions: they add
    /// to the score but take no part in coordination.
    var synonymClauses = 0
    /// Whether the query has words but none that an index holds (only stop words or
    /// punctuation: « le la les », « !!! »): it matches nothing, where a query with no words at
    /// all lists every document.
    var nothingSearchable = false
    var totalMass: Double {
        positive.filter { $0.occur != .mustNot }.reduce(0) { $0 + ($1.alts.map(\.mass).max() ?? 0) }
    }
}

extension IndexReader {
    func df(_ term: String) throws(IndexError) -> Int {
        var n = 0
        for s in segments { n += try s.lookup(term)?.df ?? 0 }
        return n
    }

    /// ``df(_:)`` and the term's postings in each segment (``Expansion/infos``).
    func infos(_ term: String) throws(IndexError) -> (df: Int, infos: [TermInfo?]) {
        var n = 0
        var out: [TermInfo?] = []
        out.reserveCapacity(segments.count)
        for s in segments {
            let info = try s.lookup(term)
            n += info?.df ?? 0
            out.append(info)
        }
        return (n, out)
    }

    /// ``df(_:)`` of each of `terms`, each segment's dictionary searched once for them all
    /// (``Segment/lookup(_:)-([String])``), and per segment their postings.
    func dfs(_ terms: [String]) throws(IndexError) -> (dfs: [Int], perSegment: [[TermInfo?]]) {
        var n = [Int](repeating: 0, count: terms.count)
        var perSegment: [[TermInfo?]] = []
        perSegment.reserveCapacity(segments.count)
        for s in segments {
            let found = try s.lookup(terms)
            for (i, info) in found.enumerated() { n[i] += info?.df ?? 0 }
            perSegment.append(found)
        }
        return (n, perSegment)
    }

    func idf(_ df: Int) -> Double {
        let n = Double(max(1, liveDocuments))
        return log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    func plan(_ request: SearchRequest) throws(IndexError) -> QueryPlan {
        var plan = QueryPlan()
        let names = Set(schema.fields.map(\.name))
        let clauses = try QueryParser.parse(request.query, textFields: names)
        var corrected: [String] = []
        var corrections = false
        // Single-word clauses' stems in query order (nil where synonyms cannot span), with
        // their index in `plan.positive`.
        var sequence: [(positive: Int?, term: String?)] = []
        for (kind, values) in request.filters where !values.isEmpty {
            for v in values { plan.keywordMust[kind, default: []].formUnion(try keywordValues(kind, v, aliases: request.keywordAliases[kind])) }
        }
        if let since = request.since {
            do { plan.since = try SinceDate.parse(since).key } catch {
                throw IndexError(.invalidInput, "since: \(error)")
            }
        }
        var unsearchable = false
        for clause in clauses {
            switch clause.kind {
            case .keyword(let kind, let value):
                let values = try keywordValues(kind, value, aliases: request.keywordAliases[kind])
                if clause.occur == .mustNot {
                    plan.keywordNot += values.map { (kind, $0) }
                } else {
                    plan.keywordMust[kind, default: []].formUnion(values)
                }
            case .since(let d):
                plan.since = max(plan.since, d)
            case .text, .any:
                var alts: [PlannedText] = []
                let kinds: [ClauseKind]
                if case .any(let a) = clause.kind { kinds = a } else { kinds = [clause.kind] }
                for k in kinds {
                    guard case .text(let words, let phrase, let field) = k else { continue }
                    var fix: String?
                    let last = clause.isLastWord && request.prefixLastWord
                    if let t = try planText(
                        words, phrase: phrase, field: field, last: last, typos: request.typoTolerance, fix: &fix)
                    {
                        alts.append(t)
                        if clause.occur != .mustNot {
                            for e in t.expansions { plan.highlightTerms.insert(e.term) }
                            for p in t.phrase { plan.highlightTerms.insert(p.term) }
                        }
                    }
                    if clause.occur != .mustNot { corrected.append(fix ?? words) }
                    if fix != nil { corrections = true }
                }
                guard !alts.isEmpty else {
                    if clause.occur != .mustNot { unsearchable = true }
                    continue
                }
                if clause.occur == .mustNot {
                    plan.negative += alts
                    sequence.append((nil, nil))
                } else {
                    var term: String?
                    if case .text(let words, false, nil) = clause.kind {
                        let tokens = Analyzer.french.tokens(words)
                        if tokens.count == 1 { term = tokens[0].term }
                    }
                    sequence.append((plan.positive.count, term))
                    plan.positive.append((clause.occur, alts))
                }
            }
        }
        plan.nothingSearchable = unsearchable && plan.positive.isEmpty
        if corrections { plan.didYouMean = corrected.joined(separator: " ") }
        if !synonyms.isEmpty { try addSynonyms(&plan, sequence) }
        weighQuestionWords(&plan)
        return plan
    }

    /// Weighs the question words of a query down by the ranking's `questionWords` (their clauses'
    /// terms and coordination mass), unless the query has nothing else; at 0 their clauses are
    /// left out, so a document matching only them is no match. Runs after the synonyms (whose
    /// clauses are the trailing ones and are never question words).
    private func weighQuestionWords(_ plan: inout QueryPlan) {
        let w = ranking.questionWords
        guard w != 1, w.isFinite, w >= 0 else { return }
        let isQuestion = plan.positive.map {
            $0.occur == .should && $0.alts.count == 1 && $0.alts[0].question && $0.alts[0].field == nil
        }
        let own = plan.positive.count - plan.synonymClauses
        guard isQuestion.prefix(own).contains(false) else { return }
        if w == 0 {
            plan.positive = plan.positive.enumerated().filter { !isQuestion[$0.offset] }.map(\.element)
            return
        }
        for (i, q) in isQuestion.enumerated() where q {
            plan.positive[i].alts[0].mass *= w
            for j in plan.positive[i].alts[0].expansions.indices { plan.positive[i].alts[0].expansions[j].weight *= w }
        }
    }

    /// Adds the other expressions of each synonym group the query contains: to the clause of a
    /// one-word expression as alternatives, or as a clause of their own after several words.
    private func addSynonyms(_ plan: inout QueryPlan, _ sequence: [(positive: Int?, term: String?)]) throws(IndexError)
    {
        var extra: [[PlannedText]] = []
        for m in synonyms.matches(in: sequence.map(\.term)) {
            var alts: [PlannedText] = []
            // What the query's expression weighs (its words' idf): an equivalent expression
            // weighs the same times `synonym`, however many words it has (`PPRN` against
            // `plan de prévention des risques naturels`).
            var budget = 0.0
            for i in m.start..<(m.start + m.count) {
                if let term = sequence[i].term { budget += idf(max(1, try df(term))) }
            }
            for e in m.others {
                guard let t = try synonymText(e, budget: budget) else { continue }
                alts.append(t)
                for x in t.expansions { plan.highlightTerms.insert(x.term) }
                for p in t.phrase { plan.highlightTerms.insert(p.term) }
            }
            guard !alts.isEmpty else { continue }
            if m.count == 1, let i = sequence[m.start].positive {
                plan.positive[i].alts += alts
            } else {
                extra.append(alts)
            }
        }
        for alts in extra.prefix(max(0, 64 - plan.positive.count)) {
            plan.positive.append((.should, alts))
            plan.synonymClauses += 1
        }
    }

    /// A synonym expression as a word or a phrase, or nil when one of its terms is in no document.
    /// Its idf mass is scaled to `budget` × the ranking's `synonym`; its coordination mass is 0.
    private func synonymText(_ e: SynonymList.Expression, budget: Double) throws(IndexError) -> PlannedText? {
        var t = PlannedText(field: nil)
        var idfs: [Double] = []
        var infos: [TermInfo?] = []
        for term in e.terms {
            let found = try self.infos(term)
            guard found.df > 0 else { return nil }
            idfs.append(idf(found.df))
            infos = found.infos
        }
        let total = idfs.reduce(0, +)
        let scale = total > 0 && budget > 0 ? budget / total : 1
        for (i, (term, offset)) in zip(e.terms, e.offsets).enumerated() {
            if e.terms.count == 1 {
                t.expansions.append(
                    Expansion(term: term, weight: ranking.synonym * scale, idf: idfs[i], infos: infos))
            } else {
                t.phrase.append((term, offset, idfs[i] * scale * ranking.synonym))
            }
        }
        return t
    }

    private func planText(
        _ words: String, phrase: Bool, field: String?, last: Bool, typos: Bool, fix: inout String?
    ) throws(IndexError) -> PlannedText? {
        let tokens = Analyzer.french.tokens(words)
        guard let first = tokens.first else { return nil }
        var t = PlannedText(field: field.flatMap { schema.fieldID($0) })
        if tokens.count > 1 {
            for tok in tokens {
                let i = idf(try df(tok.term))
                t.phrase.append((tok.term, tok.position - first.position, i))
                t.mass += i
            }
            return t
        }
        // The word and its possible kin looked up together (they mostly share a dictionary block).
        let kin = kin(first.term)
        let (counts, perSegment) = try dfs([first.term] + kin)
        let stemDF = counts[0]
        let stemInfos = perSegment.map { $0[0] }
        let mainIDF = idf(max(stemDF, 1))
        t.mass = mainIDF
        t.question = QuestionWords.contains(first.exact)
        if stemDF > 0 { t.expansions.append(Expansion(term: first.term, weight: 1, idf: mainIDF, infos: stemInfos)) }
        if first.exact != first.term {
            t.exactKey = TermKey.exact(first.exact)
            t.exactField = t.field ?? ranking.exactFormField.flatMap { schema.fieldID($0) }
        }
        if last { try addPrefixExpansions(first, to: &t, cap: stemDF > 0 ? mainIDF : nil) }
        let letters = first.exact.count
        if stemDF == 0, t.expansions.isEmpty, typos, letters >= 5 {
            let fuzzy = try fuzzyWords(first.exact, limit: letters >= 9 ? 2 : 1)
            for w in fuzzy.prefix(8) {
                t.expansions.append(Expansion(term: w.stem, weight: w.distance == 1 ? 0.6 : 0.4, idf: mainIDF))
            }
            fix = fuzzy.first?.word
        }
        if ranking.family > 0, ranking.family.isFinite {
            addFamilyExpansions(
                kin, counts: counts.dropFirst(), perSegment: perSegment, df: stemDF, idf: mainIDF, to: &t)
        }
        return t
    }

    /// The derivational suffixes the family follows: the ones French uses to make an adjective of
    /// a noun that the stemmer leaves on the stem (`commun` → `communal`, `cultur` → `culturel`,
    /// `sport` → `sportif`, `paris` → `parisien`, `franc` → `francais`, `regul` → `regulier`).
    static let familySuffixes = ["al", "el", "if", "ien", "ier", "ais", "ois"]

    /// The possible kin of `stem` (``addFamilyExpansions(_:counts:perSegment:df:idf:to:)``):
    /// none when the family is off or the stem short.
    private func kin(_ stem: String) -> [String] {
        guard ranking.family > 0, ranking.family.isFinite, stem.utf8.count >= 5 else { return [] }
        var kin: [String] = Self.familySuffixes.map { stem + $0 }
        for suffix in Self.familySuffixes
        where stem.hasSuffix(suffix) && stem.utf8.count - suffix.utf8.count >= 5 {
            kin.append(String(stem.dropLast(suffix.count)))
        }
        return kin
    }

    /// Adds the indexed stems of a stem's family (``RankingParameters/family``): the stem with a
    /// suffix of ``familySuffixes``, or without one, the shorter stem being at least 5 letters
    /// long (`parc` and `parcel` are not kin). The two most frequent kin in at least 3 documents
    /// (fewer are mostly typos and run-together words, `surfacel`, `naturelsd`) and in at most
    /// twice as many as the word (a much broader word's long list would cost the search more
    /// than it adds: `communale` keeps `commune` out) weigh `family` × the lower of their idf and
    /// the query word's (a stand-in for the word never outweighs it). They add to the score
    /// only: the clause counts as matched by the query word itself (coordination), so a document
    /// holding only a kin is no match, and the kin's lists can stay non-essential in the pruned
    /// search. `kin`: ``kin(_:)`` of the stem; `counts` their document frequencies and
    /// `perSegment` their postings per segment, looked up with the stem (at `kin`'s indices + 1).
    private func addFamilyExpansions(
        _ kin: [String], counts: ArraySlice<Int>, perSegment: [[TermInfo?]], df wordDF: Int, idf wordIDF: Double,
        to t: inout PlannedText
    ) {
        guard !kin.isEmpty else { return }
        let known = Set(t.expansions.map(\.term))
        var found: [(term: String, df: Int, index: Int)] = []
        for (i, term) in kin.enumerated() where !known.contains(term) {
            let n = counts[counts.startIndex + i]
            if n >= 3 && n <= 2 * max(wordDF, 1) { found.append((term, n, i + 1)) }
        }
        // Most frequent first, ties by the term (the same expansions in every process).
        for k in found.sorted(by: { ($1.df, $0.term) < ($0.df, $1.term) }).prefix(2) {
            t.expansions.append(
                Expansion(
                    term: k.term, weight: ranking.family, idf: min(idf(k.df), wordIDF), matchesClause: false,
                    infos: perSegment.map { $0[k.index] }))
        }
    }

    /// Adds the 30 most frequent indexed words starting with the last query word (it may be
    /// typed in part), weighing `prefix` × their idf, at most `cap` (the word's own idf, when
    /// the word is indexed): a completion never outweighs the word typed whole, so that `PLU`
    /// finds the plans locaux d'urbanisme before the rarer `pluviographe`, and `BAN` the Base
    /// Adresse Nationale before `BANO`.
    private func addPrefixExpansions(_ tok: Token, to t: inout PlannedText, cap: Double?) throws(IndexError) {
        guard tok.exact.utf8.count >= 2 else { return }
        // Per term its slot; per slot the document frequency; the postings met per segment
        // (kept for the completions chosen: their segments' searches need not look them up).
        var found: [String: Int] = [:]
        var dfs: [Int] = []
        var seen: [(slot: Int, segment: Int, info: TermInfo)] = []
        // Whether every segment's range was scanned whole (otherwise a completion's postings in
        // a segment are not all known here, and are looked up there).
        var whole = true
        for (si, s) in segments.enumerated() {
            let r = try s.prefixRange(tok.exact)
            if r.count > 2000 { whole = false }
            try s.forEachTerm(in: r.prefix(2000)) { bytes, info in
                let term = String(decoding: bytes, as: UTF8.self)
                guard term != tok.term else { return }
                let slot = Self.slot(&found[term, default: -1], &dfs)
                dfs[slot] += info.df
                if whole { seen.append((slot, si, info)) }
            }
        }
        // Ties in frequency broken by the term: Dictionary order changes from process to process,
        // and so did the expansions kept (and the totals) of the same query.
        let chosen = found.sorted(by: { (dfs[$1.value], $0.key) < (dfs[$0.value], $1.key) }).prefix(30)
        var infos: [[TermInfo?]] = []
        if whole {
            var rank = [Int](repeating: -1, count: dfs.count)
            for (i, c) in chosen.enumerated() { rank[c.value] = i }
            infos = [[TermInfo?]](repeating: [TermInfo?](repeating: nil, count: segments.count), count: chosen.count)
            for s in seen where rank[s.slot] >= 0 { infos[rank[s.slot]][s.segment] = s.info }
        }
        for (i, c) in chosen.enumerated() {
            t.expansions.append(
                Expansion(
                    term: c.key, weight: ranking.prefix, idf: min(idf(dfs[c.value]), cap ?? .infinity),
                    infos: whole ? infos[i] : []))
        }
    }

    /// The slot of a term first met (-1: a new one, numbered after the others).
    private static func slot(_ slot: inout Int, _ dfs: inout [Int]) -> Int {
        if slot < 0 {
            slot = dfs.count
            dfs.append(0)
        }
        return slot
    }

    /// Indexed words within `limit` edits of the folded word `exact` (same first letter), with
    /// their stems, closest then most frequent first. Both unstemmed forms and stems are
    /// candidates, so `pollutoin` finds `pollution` (stem `pollut`).
    func fuzzyWords(_ exact: String, limit: Int) throws(IndexError) -> [(word: String, stem: String, distance: Int)] {
        let key = Array(exact.utf8)
        guard let firstByte = key.first else { return [] }
        var best: [String: (word: String, distance: Int)] = [:]
        var distance = EditDistance(key, limit: limit)
        for s in segments {
            // Unstemmed forms first: at equal distance, a real word is the better suggestion.
            for prefix in [Array(TermKey.exactPrefix.utf8) + [firstByte], [firstByte]] {
                let skip = prefix.count - 1
                let range = try s.prefixRange(String(decoding: prefix, as: UTF8.self))
                try s.forEachTerm(in: range, skip: skip, within: &distance) { word, d in
                    guard d > 0 else { return }
                    let w = String(decoding: word, as: UTF8.self)
                    let stem = Analyzer.french.tokens(w).first?.term ?? w
                    if let old = best[stem], old.distance <= d { return }
                    best[stem] = (w, d)
                }
            }
        }
        var out: [(word: String, stem: String, distance: Int, df: Int)] = []
        for (stem, v) in best { out.append((v.word, stem, v.distance, try df(stem))) }
        return out.filter { $0.df > 0 }.sorted { ($0.distance, -$0.df, $0.word) < ($1.distance, -$1.df, $1.word) }
            .map { ($0.word, $0.stem, $0.distance) }
    }
}
