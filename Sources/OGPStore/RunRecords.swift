import OGPModel

/// A harvest run as kept in the store.
public struct RunInfo: Sendable, Hashable, Codable {
    /// The run id (start time to the millisecond and PID).
    public var id: String
    /// ISO 8601 start.
    public var startedAt: String
    /// ISO 8601 end (nil while running).
    public var endedAt: String?
    /// How the run ended, or `running`.
    public var status: RunStatus
    /// Host and PID of the process that ran it.
    public var host: String
    /// The process id of the run.
    public var pid: Int

    /// A run as kept in the store.
    public init(id: String, startedAt: String, endedAt: String? = nil, status: RunStatus, host: String, pid: Int) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.host = host
        self.pid = pid
    }
}

/// One source's outcome in a run.
public struct SourceRunInfo: Sendable, Hashable, Codable {
    /// The run.
    public var runID: String
    /// The configured source's name.
    public var source: String
    /// The source's kind.
    public var kind: String
    /// How the source ended.
    public var status: SourceStatus
    /// Item outcomes.
    public var counts: ItemCounts
    /// Why, for a status other than ok (or the item's reason).
    public var message: String?
    /// ISO 8601 start.
    public var startedAt: String
    /// ISO 8601 end.
    public var endedAt: String?

    /// Creates the value.
    public init(
        runID: String, source: String, kind: String, status: SourceStatus, counts: ItemCounts,
        message: String? = nil, startedAt: String, endedAt: String? = nil
    ) {
        self.runID = runID
        self.source = source
        self.kind = kind
        self.status = status
        self.counts = counts
        self.message = message
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}

/// One item's outcome in a run.
public struct RunItem: Sendable, Hashable, Codable {
    /// The run.
    public var runID: String
    /// The configured source's name.
    public var source: String
    /// The item within its source (file path, post id, CSV line, URL).
    public var item: String
    /// The record it gave, if any.
    public var recordID: RecordID?
    /// What happened to it.
    public var outcome: ItemOutcome
    /// Where it was fetched from.
    public var url: String?
    /// Why, for a status other than ok (or the item's reason).
    public var message: String?

    /// Creates the value.
    public init(
        runID: String, source: String, item: String, recordID: RecordID? = nil, outcome: ItemOutcome,
        url: String? = nil, message: String? = nil
    ) {
        self.runID = runID
        self.source = source
        self.item = item
        self.recordID = recordID
        self.outcome = outcome
        self.url = url
        self.message = message
    }
}
