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
    /// Why it is suggested: the commitment's subject words the dataset's title or tags hold
    /// (as the commitment writes them; absent in suggestions stored before they were kept).
    public var matched: [String]?

    public init(dataset: RecordID, score: Double, matched: [String]? = nil) {
        self.dataset = dataset
        self.score = score
        self.matched = matched
    }
}

/// Suggested datasets for every commitment: the catalogue's datasets the search index ranks
/// highest for the commitment's title, summary and milestones (BM25F over the French chain, no
/// typo tolerance) that share at least two subject words with it, at most ``limit``, scoring at
/// least the method's minimum and a share of the commitment's best (see
/// ``SuggestionMethod/current``); each keeps the words it shares. Stored apart from the records (the store's state of the
/// pseudo-source `ogp-suggestions`), so asserted links stay what the sources said, and
/// recomputed by each harvest that changed a record (commitments or datasets).
public struct DatasetSuggestions: Sendable {
    public static let source = "ogp-suggestions"
    static let key = "commitments"
    public static let limit = 10
    /// Scores below this are noise: one common word matched.
    public static var minimumScore: Double { SuggestionMethod.current.minimumScore }

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

    /// Computes the suggestions of one commitment with `method` (see ``SuggestionMethod``).
    public static func suggest(
        for commitment: Record, reader: IndexReader, store: any CatalogStore,
        method: SuggestionMethod = .current, frequencies: DocumentFrequencies = DocumentFrequencies()
    ) throws -> [SuggestedDataset] {
        try method.suggest(for: commitment, reader: reader, store: store, frequencies: frequencies, limit: limit)
    }

    /// Recomputes the suggestions of every current commitment and stores them.
    @discardableResult
    public static func update(store: any CatalogStore, indexDirectory: String) throws -> DatasetSuggestions {
        let reader = try IndexReader(directory: indexDirectory)
        let frequencies = DocumentFrequencies()
        var out = DatasetSuggestions()
        var commitments: [Record] = []
        try store.forEachRecord(RecordFilter(kinds: [.commitment], includeArchived: false)) { commitments.append($0) }
        frequencies.count(commitments: commitments)
        for c in commitments {
            let list = try suggest(for: c, reader: reader, store: store, frequencies: frequencies)
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
