import Foundation
import OGPAnalysis

/// How ``IndexReader/plan(_:)`` widens a query word: its family (derivational kin the stemmer
/// leaves apart), the last word's completions as a prefix, and the words a typo may stand for.
extension IndexReader {
    /// The derivational suffixes the family follows: the ones French uses to make an adjective of
    /// a noun that the stemmer leaves on the stem (`commun` → `communal`, `cultur` → `culturel`,
    /// `sport` → `sportif`, `paris` → `parisien`, `franc` → `francais`, `regul` → `regulier`).
    static let familySuffixes = ["al", "el", "if", "ien", "ier", "ais", "ois"]

    /// The possible kin of `stem` (``addFamilyExpansions(_:counts:perSegment:df:idf:to:)``):
    /// none when the family is off or the stem short.
    func kin(_ stem: String) -> [String] {
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
    func addFamilyExpansions(
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
    func addPrefixExpansions(_ tok: Token, to t: inout PlannedText, cap: Double?) throws(IndexError) {
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
    static func slot(_ slot: inout Int, _ dfs: inout [Int]) -> Int {
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
