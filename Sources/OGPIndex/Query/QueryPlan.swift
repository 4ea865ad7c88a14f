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
        for m in synonyms.matchesWithSplits(in: sequence.map(\.term)) {
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
            if m.count == 1, !m.separate, let i = sequence[m.start].positive {
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
}
