/// Item outcomes of a source.
public struct ItemCounts: Codable, Sendable, Hashable {
    public var added = 0, updated = 0, unchanged = 0, skipped = 0, failed = 0, archived = 0

    public init() {}

    enum CodingKeys: String, CodingKey { case added, updated, unchanged, skipped, failed, archived }

    /// Missing counts read as zero (reports written by other versions).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        added = try c.decodeIfPresent(Int.self, forKey: .added) ?? 0
        updated = try c.decodeIfPresent(Int.self, forKey: .updated) ?? 0
        unchanged = try c.decodeIfPresent(Int.self, forKey: .unchanged) ?? 0
        skipped = try c.decodeIfPresent(Int.self, forKey: .skipped) ?? 0
        failed = try c.decodeIfPresent(Int.self, forKey: .failed) ?? 0
        archived = try c.decodeIfPresent(Int.self, forKey: .archived) ?? 0
    }

    public mutating func add(_ outcome: ItemOutcome, _ n: Int = 1) {
        switch outcome {
        case .added: added += n
        case .updated: updated += n
        case .unchanged: unchanged += n
        case .skipped: skipped += n
        case .failed: failed += n
        case .archived: archived += n
        }
    }

    public var total: Int { added + updated + unchanged + skipped + failed }

    /// The count of an outcome by its name (`added`, …), as `ogp status` and the store name them.
    public subscript(name: String) -> Int? {
        ItemOutcome(rawValue: name).map { self[$0] }
    }

    /// The count of one outcome.
    public subscript(outcome: ItemOutcome) -> Int {
        switch outcome {
        case .added: added
        case .updated: updated
        case .unchanged: unchanged
        case .skipped: skipped
        case .failed: failed
        case .archived: archived
        }
    }

    public var dictionary: [String: Int] {
        [
            "added": added, "updated": updated, "unchanged": unchanged, "skipped": skipped, "failed": failed,
            "archived": archived,
        ]
    }
}
