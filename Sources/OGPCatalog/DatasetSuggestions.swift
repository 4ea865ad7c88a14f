import Foundation
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

    /// The text searched for a commitment: its French title (or translation), summary and milestones.
    public static func query(for record: Record) -> String {
        var parts = [record.language == "fr" ? record.title : (record.translations["fr"]?.title ?? record.title)]
        if let s = record.language == "fr" ? record.summary : record.translations["fr"]?.summary { parts.append(s) }
        parts += record.commitment?.milestones ?? []
        // Words only: the query syntax (quotes, -, field:, OR/AND/NOT) must not apply to a title.
        let words = parts.joined(separator: " ").map { $0.isLetter || $0.isNumber || $0 == "'" || $0 == "’" ? $0 : " " }
        return String(words).split(separator: " ").map { w in ["OR", "AND", "NOT"].contains(String(w)) ? w.lowercased() : String(w) }
            .joined(separator: " ")
    }

    /// Computes the suggestions of one commitment.
    public static func suggest(for commitment: Record, reader: IndexReader) throws(IndexError) -> [SuggestedDataset] {
        let text = query(for: commitment)
        guard !text.isEmpty else { return [] }
        var request = SearchRequest(
            query: text, filters: ["kind": [RecordKind.dataset.rawValue]], limit: limit, snippets: false,
            typoTolerance: false, prefixLastWord: false)
        request.includeHidden = false
        let hits = try reader.searchIDs(request)
        let best = hits.first?.score ?? 0
        return hits.filter { $0.score >= minimumScore && $0.score >= best * relativeFloor }
            .map { SuggestedDataset(dataset: RecordID(rawValue: $0.id), score: ($0.score * 1000).rounded() / 1000) }
    }

    /// Recomputes the suggestions of every current commitment and stores them.
    @discardableResult
    public static func update(store: any CatalogStore, indexDirectory: String) throws -> DatasetSuggestions {
        let reader = try IndexReader(directory: indexDirectory)
        var out = DatasetSuggestions()
        var commitments: [Record] = []
        try store.forEachRecord(RecordFilter(kinds: [.commitment], includeArchived: false)) { commitments.append($0) }
        for c in commitments {
            let list = try suggest(for: c, reader: reader)
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
        return DatasetSuggestions(byCommitment: Dictionary(uniqueKeysWithValues: map.map { (RecordID(rawValue: $0.key), $0.value) }))
    }

    func save(_ store: any CatalogStore) throws {
        let map = Dictionary(uniqueKeysWithValues: byCommitment.map { ($0.key.rawValue, $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try store.setState(source: Self.source, key: Self.key, value: String(decoding: try encoder.encode(map), as: UTF8.self))
    }
}
