import OGPModel

/// A harvest run as kept in the store.
public struct RunInfo: Sendable, Hashable, Codable {
    public var id: String
    public var startedAt: String
    public var endedAt: String?
    public var status: RunStatus
    /// Host and PID of the process that ran it.
    public var host: String
    public var pid: Int

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
    public var runID: String
    public var source: String
    public var kind: String
    public var status: SourceStatus
    public var counts: ItemCounts
    public var message: String?
    public var startedAt: String
    public var endedAt: String?

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
    public var runID: String
    public var source: String
    public var item: String
    public var recordID: RecordID?
    public var outcome: ItemOutcome
    public var url: String?
    public var message: String?

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
