import Foundation
import OGPModel

/// The JSON report of a run (`ogp harvest --report FILE`). Its shape is documented in the
/// README and checked by the tests.
public struct HarvestReport: Codable, Sendable {
    public var runID: String
    public var startedAt: String
    public var endedAt: String
    /// `ok`, `itemsFailed`, `sourceFailed`, `interrupted`.
    public var status: String
    public var exitCode: Int32
    public var dryRun: Bool
    public var sources: [SourceReport]
    /// Records written or archived by the plan/commitment/dataset linking pass and the index.
    public var index: IndexSummary?
    /// The worker that wrote this report (`ogp harvest --worker NAME`); absent for a plain harvest.
    public var worker: String? = nil

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", startedAt = "started_at", endedAt = "ended_at", status
        case exitCode = "exit_code", dryRun = "dry_run", sources, index, worker
    }
}

/// One source's part of the report.
public struct SourceReport: Codable, Sendable {
    public var name: String
    public var kind: String
    /// `ok`, `itemsFailed`, `failed`, `suspicious`, `timedOut`, `interrupted`.
    public var status: String
    public var message: String?
    public var seconds: Double
    public var items: ItemCounts
    public var http: HTTPCounts
    public var errors: [ReportError]
    /// Things worth a look that are not failures (likely duplicate posts).
    public var warnings: [String] = []
    /// The worker that harvested the source in a shared run (absent for a plain harvest).
    public var worker: String? = nil

    enum CodingKeys: String, CodingKey {
        case name, kind, status, message, seconds, items, http, errors, warnings, worker
    }

    /// Every documented key is written, `message` as null when there is none.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encode(status, forKey: .status)
        try c.encode(message, forKey: .message)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(items, forKey: .items)
        try c.encode(http, forKey: .http)
        try c.encode(errors, forKey: .errors)
        try c.encode(warnings, forKey: .warnings)
        try c.encodeIfPresent(worker, forKey: .worker)
    }
}

/// Item outcomes of a source.
public struct ItemCounts: Codable, Sendable, Hashable {
    public var added = 0, updated = 0, unchanged = 0, skipped = 0, failed = 0, archived = 0

    public init() {}

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

    public var dictionary: [String: Int] {
        ["added": added, "updated": updated, "unchanged": unchanged, "skipped": skipped, "failed": failed, "archived": archived]
    }
}

/// HTTP activity of a source.
public struct HTTPCounts: Codable, Sendable, Hashable {
    public var requests = 0, notModified = 0, retries = 0, bytes = 0

    public init() {}
}

/// One error of a source: the URL, the item and the message.
public struct ReportError: Codable, Sendable, Hashable {
    public var url: String?
    public var item: String?
    public var message: String

    enum CodingKeys: String, CodingKey {
        case url, item, message
    }

    /// `{url, item, message}` always, null where unknown (the documented shape).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(item, forKey: .item)
        try c.encode(message, forKey: .message)
    }
}

/// What the index update did.
public struct IndexSummary: Codable, Sendable, Hashable {
    public var indexed: Int
    public var deleted: Int
    public var error: String?
    /// Set when the index was rebuilt from the catalogue, with the reason.
    public var rebuilt: String?
}
