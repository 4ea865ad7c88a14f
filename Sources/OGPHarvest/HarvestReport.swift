import Foundation
import OGPModel
import OGPStore

/// The JSON report of a run (`ogp harvest --report FILE`). Its shape is documented in the
/// README and checked by the tests.
public struct HarvestReport: Codable, Sendable {
    public var runID: String
    public var startedAt: String
    public var endedAt: String
    public var status: RunStatus
    public var exitCode: Int32
    public var dryRun: Bool
    public var sources: [SourceReport]
    /// Records written or archived by the plan/commitment/dataset linking pass and the index.
    public var index: IndexSummary?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", startedAt = "started_at", endedAt = "ended_at", status
        case exitCode = "exit_code", dryRun = "dry_run", sources, index
    }
}

/// One source's part of the report.
public struct SourceReport: Codable, Sendable {
    public var name: String
    public var kind: String
    public var status: SourceStatus
    public var message: String?
    public var seconds: Double
    public var items: ItemCounts
    public var http: HTTPCounts
    public var errors: [ReportError]
    /// Things worth a look that are not failures (likely duplicate posts).
    public var warnings: [String] = []

    enum CodingKeys: String, CodingKey {
        case name, kind, status, message, seconds, items, http, errors, warnings
    }

    public init(
        name: String, kind: String, status: SourceStatus, message: String? = nil, seconds: Double = 0,
        items: ItemCounts = ItemCounts(), http: HTTPCounts = HTTPCounts(), errors: [ReportError] = [], warnings: [String] = []
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
