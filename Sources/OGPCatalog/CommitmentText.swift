import Foundation
import OGPAnalysis
import OGPModel

/// A commitment's French text as the suggestion of datasets reads it: its title, summary and
/// milestones, and the subject words of each (analysed terms, with a word as written for each).
/// Nil for a commitment known only in another language (the index's analysis is French).
struct CommitmentText {
    var title: String
    var summary: String
    var milestones: [String]

    init?(_ record: Record) {
        if record.language == "fr" {
            title = record.title
            summary = record.summary ?? ""
            milestones = record.commitment?.milestones ?? []
            return
        }
        guard let fr = record.translations["fr"], let title = fr.title, !title.isEmpty else { return nil }
        self.title = title
        summary = fr.summary ?? ""
        milestones = []
    }

    /// Words of commitment titles that say nothing of a dataset's subject (the plans' verbs,
    /// « données » which half the catalogue's titles hold): never subject words.
    static let generic: Set<String> = analysed([
        "données", "développer", "renforcer", "accélérer", "faire", "répondre", "construire", "engager",
        "impliquer", "déployer", "garantir", "favoriser", "améliorer", "ouvrir", "plus", "nouveau", "nouvelle",
        "france", "français",
    ])

    /// The verbs of the milestones (« Associer les citoyens à… », « Faciliter l’accès… »): rare in
    /// the catalogue, so the rarity rule keeps them, but they tell no subject either.
    static let milestoneVerbs: Set<String> = analysed([
        "associer", "conduire", "contribuer", "encourager", "enrichir", "faciliter", "innover", "soutenir", "grâce",
        "ensemble", "tous", "acteurs", "mieux",
    ])

    static func analysed(_ words: [String]) -> Set<String> { Set(words.compactMap { Analyzer.french.analyzeWord($0) }) }

    /// The analysed terms of `text`.
    static func terms(_ text: String) -> Set<String> {
        Set(Analyzer.french.tokens(text).map(\.term))
    }

    /// `text` as words only: the query syntax (quotes, `-`, `field:`, OR/AND/NOT) must not apply.
    static func words(_ text: String) -> [String] {
        let letters = text.map { $0.isLetter || $0.isNumber || $0 == "'" || $0 == "’" ? $0 : " " }
        return String(letters).split(separator: " ").map { w in
            ["OR", "AND", "NOT"].contains(String(w)) ? w.lowercased() : String(w)
        }
    }

    /// Pairs of adjacent terms (`donne environnemental`) of `text`, stop words between them
    /// breaking no pair (« données de santé » gives `donne sant`).
    static func phrases(of text: String) -> [String] {
        let terms = Analyzer.french.tokens(text).map(\.term)
        return zip(terms, terms.dropFirst()).map { $0 + " " + $1 }
    }

    /// The pairs of adjacent words of the title, milestones and summary holding a subject word,
    /// each with the words as written (« données environnementales »).
    func phrases(subject: Set<String>) -> [String: String] {
        var out: [String: String] = [:]
        for text in [title, summary] + milestones {
            let utf8 = Array(text.utf8)
            let tokens = Analyzer.french.tokens(text)
            for (a, b) in zip(tokens, tokens.dropFirst()) where subject.contains(a.term) || subject.contains(b.term) {
                guard a.term != b.term, a.start < b.end, a.start >= 0, b.end <= utf8.count else { continue }
                let written = String(decoding: utf8[a.start..<b.end], as: UTF8.self).lowercased()
                if out[a.term + " " + b.term] == nil { out[a.term + " " + b.term] = written }
            }
        }
        return out
    }

    /// The subject words of the title, the milestones and the summary.
    struct Subject {
        var title: Set<String> = []
        var milestones: Set<String> = []
        var summary: Set<String> = []
        /// A word as written for each term (the first met), to say why a dataset is suggested.
        var words: [String: String] = [:]
        var all: Set<String> { title.union(milestones).union(summary) }
    }

    /// The subject words, `ignored` left out; `distinctive(term, word)` says whether a term is
    /// rare enough in the catalogue to tell a subject.
    func subject(ignoring ignored: Set<String>, distinctive: (String, String) -> Bool) -> Subject {
        var s = Subject()
        func add(_ text: String, to set: WritableKeyPath<Subject, Set<String>>) {
            let utf8 = Array(text.utf8)
            for token in Analyzer.french.tokens(text) where !ignored.contains(token.term) {
                let word =
                    token.start >= 0 && token.end <= utf8.count && token.start < token.end
                    ? String(decoding: utf8[token.start..<token.end], as: UTF8.self) : token.exact
                if s.words[token.term] == nil { s.words[token.term] = word.lowercased() }
                guard distinctive(token.term, s.words[token.term] ?? word) else { continue }
                s[keyPath: set].insert(token.term)
            }
        }
        add(title, to: \.title)
        for m in milestones { add(m, to: \.milestones) }
        add(summary, to: \.summary)
        return s
    }
}
