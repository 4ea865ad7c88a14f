import Foundation
import OGPAnalysis
import OGPIndex
import OGPModel
import OGPStore

/// A dataset the search index ranks high for a commitment: a suggestion, never an asserted link.
public struct SuggestedDataset: Codable, Sendable, Hashable {
    public var dataset: RecordID
    /// The BM25F score of the dataset for the commitment's query (rounded to 0.001).
    public var score: Double

    public init(dataset: RecordID, score: Double) {
        self.dataset = dataset
        self.score = score
    }
}

/// Suggested datasets for every commitment: the catalogue's datasets the search index ranks
/// highest for the commitment's title, summary and milestones (BM25F over the French chain, no
/// typo tolerance), at most ``limit``, those scoring at least ``minimumScore`` and at least
/// ``relativeFloor`` of the best one. Stored apart from the records (the store's state of the
/// pseudo-source `ogp-suggestions`), so asserted links stay what the sources said, and
/// recomputed by each harvest that changed a record (commitments or datasets).
public struct DatasetSuggestions: Sendable {
    public static let source = "ogp-suggestions"
    static let key = "commitments"
    public static let limit = 10
    /// Scores below this are noise: one common word matched.
    public static let minimumScore = 8.0
    /// A suggestion must score at least this fraction of the commitment's best suggestion.
    public static let relativeFloor = 0.5

    /// Suggestions by commitment id.
    public var byCommitment: [RecordID: [SuggestedDataset]]

    public init(byCommitment: [RecordID: [SuggestedDataset]] = [:]) {
        self.byCommitment = byCommitment
    }

    /// The commitments that suggest `dataset`, with the score, best first.
    public func commitments(suggesting dataset: RecordID) -> [(commitment: RecordID, score: Double)] {
        byCommitment.flatMap { c, list in list.filter { $0.dataset == dataset }.map { (c, $0.score) } }
            .sorted { ($0.score, $1.commitment) > ($1.score, $0.commitment) }
    }

    /// The commitment's French title and the rest of its French text (summary, milestones);
    /// nil for a commitment known only in another language (the index's analysis is French).
    static func frenchText(_ record: Record) -> (title: String, rest: String)? {
        if record.language == "fr" {
            return (
                record.title, ([record.summary ?? ""] + (record.commitment?.milestones ?? [])).joined(separator: " ")
            )
        }
        guard let fr = record.translations["fr"], let title = fr.title else { return nil }
        return (title, fr.summary ?? "")
    }

    /// The text searched for a commitment: its French title, summary and milestones, as words.
    public static func query(for record: Record) -> String {
        guard let (title, rest) = frenchText(record) else { return "" }
        // Words only: the query syntax (quotes, -, field:, OR/AND/NOT) must not apply to a title.
        let words = (title + " " + rest).map { $0.isLetter || $0.isNumber || $0 == "'" || $0 == "’" ? $0 : " " }
        return String(words).split(separator: " ").map { w in
            ["OR", "AND", "NOT"].contains(String(w)) ? w.lowercased() : String(w)
        }
        .joined(separator: " ")
    }

    /// Words of commitment titles that say nothing of a dataset's subject (the plans' verbs,
    /// « données » which half the catalogue's titles hold): they do not count as shared terms.
    static let generic: Set<String> = Set(
        [
            "données", "développer", "renforcer", "accélérer", "faire", "répondre", "construire", "engager",
            "impliquer",
            "déployer", "garantir", "favoriser", "améliorer", "ouvrir", "plus", "nouveau", "nouvelle", "france",
            "français",
        ]
        .compactMap { Analyzer.french.analyzeWord($0) })

    static func terms(_ text: String) -> Set<String> {
        Set(Analyzer.french.tokens(text).map(\.term)).subtracting(generic)
    }

    /// Computes the suggestions of one commitment: the index's best datasets for its text that
    /// share with it at least two subject words, one of them from its title (BM25 alone lets a
    /// long text pull in datasets matching one frequent word).
    public static func suggest(
        for commitment: Record, reader: IndexReader, store: any CatalogStore
    ) throws -> [SuggestedDataset] {
        guard let (title, rest) = frenchText(commitment) else { return [] }
        let text = query(for: commitment)
        guard !text.isEmpty else { return [] }
        let titleTerms = terms(title)
        let allTerms = titleTerms.union(terms(rest))
        var request = SearchRequest(
            query: text, filters: ["kind": [RecordKind.dataset.rawValue]], limit: 4 * limit, snippets: false,
            typoTolerance: false, prefixLastWord: false)
        request.includeHidden = false
        var out: [SuggestedDataset] = []
        var best: Double?
        for hit in try reader.searchIDs(request) where hit.score >= minimumScore && out.count < limit {
            guard let dataset = try store.record(RecordID(rawValue: hit.id)) else { continue }
            let shared = terms(dataset.title + " " + (dataset.summary ?? "")).intersection(allTerms)
            guard shared.count >= 2, !shared.isDisjoint(with: titleTerms) else { continue }
            if best == nil { best = hit.score }
            guard hit.score >= (best ?? 0) * relativeFloor else { break }
            out.append(
                SuggestedDataset(dataset: RecordID(rawValue: hit.id), score: (hit.score * 1000).rounded() / 1000))
        }
        return out
    }

    /// Recomputes the suggestions of every current commitment and stores them.
    @discardableResult
    public static func update(store: any CatalogStore, indexDirectory: String) throws -> DatasetSuggestions {
        let reader = try IndexReader(directory: indexDirectory)
        var out = DatasetSuggestions()
        var commitments: [Record] = []
        try store.forEachRecord(RecordFilter(kinds: [.commitment], includeArchived: false)) { commitments.append($0) }
        for c in commitments {
            let list = try suggest(for: c, reader: reader, store: store)
            if !list.isEmpty { out.byCommitment[c.id] = list }
        }
        try out.save(store)
        return out
    }

    /// Whether suggestions were ever stored.
    public static func isComputed(_ store: any CatalogStore) -> Bool {
        ((try? store.state(source: source, key: key)) ?? nil) != nil
    }

    /// The stored suggestions (empty when none were computed).
    public static func load(_ store: any CatalogStore) throws -> DatasetSuggestions {
        guard let text = try store.state(source: source, key: key) else { return DatasetSuggestions() }
        let map = try JSONDecoder().decode([String: [SuggestedDataset]].self, from: Data(text.utf8))
        return DatasetSuggestions(
            byCommitment: Dictionary(uniqueKeysWithValues: map.map { (RecordID(rawValue: $0.key), $0.value) }))
    }

    func save(_ store: any CatalogStore) throws {
        let map = Dictionary(uniqueKeysWithValues: byCommitment.map { ($0.key.rawValue, $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try store.setState(
            source: Self.source, key: Self.key, value: String(decoding: try encoder.encode(map), as: UTF8.self))
    }
}
