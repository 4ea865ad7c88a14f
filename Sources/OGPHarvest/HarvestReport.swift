import Foundation
import OGPModel
import OGPStore

/// The JSON report of a run (`ogp harvest --report FILE`). Its shape is documented in the
/// README and checked by the tests.
public struct HarvestReport: Codable, Sendable {
    /// The run id.
    public var runID: String
    /// ISO 8601 start.
    public var startedAt: String
    /// ISO 8601 end.
    public var endedAt: String
    /// How the run ended.
    public var status: RunStatus
    /// The process exit code it gives (README's table).
    public var exitCode: Int32
    /// Whether it was a dry run (nothing written).
    public var dryRun: Bool
    /// One report per source, in configuration order (the plans pass last).
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
    /// The source's name.
    public var name: String
    /// The source's kind.
    public var kind: String
    /// How the source ended (decided by `SourceHarvest.decide`).
    public var status: SourceStatus
    /// Why, for a status other than ok.
    public var message: String?
    /// Wall time of the source.
    public var seconds: Double
    /// Item outcomes.
    public var items: ItemCounts
    /// HTTP activity.
    public var http: HTTPCounts
    /// The first 100 errors (failed items, listing problems).
    public var errors: [ReportError]
    /// Things worth a look that are not failures (likely duplicate posts).
    public var warnings: [String] = []
    /// The worker that harvested the source in a shared run (absent for a plain harvest).
    public var worker: String? = nil

    enum CodingKeys: String, CodingKey {
        case name, kind, status, message, seconds, items, http, errors, warnings, worker
    }

    /// Creates the value.
    public init(
        name: String, kind: String, status: SourceStatus, message: String? = nil, seconds: Double = 0,
        items: ItemCounts = ItemCounts(), http: HTTPCounts = HTTPCounts(), errors: [ReportError] = [],
        warnings: [String] = []
    ) {
        self.name = name
        self.kind = kind
        self.status = status
        self.message = message
        self.seconds = seconds
        self.items = items
        self.http = http
        self.errors = errors
        self.warnings = warnings
    }

    /// What the store keeps of this report (``SourceRunInfo``), for `ogp status`.
    public func runInfo(runID: String, startedAt: Date, endedAt: Date) -> SourceRunInfo {
        SourceRunInfo(
            runID: runID, source: name, kind: kind, status: status, counts: items, message: message,
            startedAt: ISODate.string(from: startedAt), endedAt: ISODate.string(from: endedAt))
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

/// HTTP activity of a source.
public struct HTTPCounts: Codable, Sendable, Hashable {
    /// Requests made, conditional answers (304), retries and bytes received.
    public var requests = 0, notModified = 0, retries = 0, bytes = 0

    /// Creates the value.
    public init() {}
}

/// One error of a source: the URL, the item and the message.
public struct ReportError: Codable, Sendable, Hashable {
    /// Where, when known.
    public var url: String?
    /// The item, when known.
    public var item: String?
    /// Why, for a status other than ok.
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
    /// Documents written.
    public var indexed: Int
    /// Documents deleted.
    public var deleted: Int
    /// Why the index update failed, if it did.
    public var error: String?
    /// Set when the index was rebuilt from the catalogue, with the reason.
    public var rebuilt: String?
}
