import Foundation
import OGPCore
import OGPFetch
import OGPModel

/// How `ogp harvest` runs.
public struct HarvestOptions: Sendable {
    /// Only these sources (all when empty).
    public var sources: [String]
    /// Fetch and parse into a throw-away copy of the catalogue: report what a real run would
    /// change, write nothing to the data directory.
    public var dryRun: Bool
    /// Stop each source after this many items.
    public var maxItems: Int?
    /// Ignore validators and hashes: re-fetch and re-parse everything.
    public var full: Bool
    /// Seconds for the whole run (nil: the config's `run_time_limit`, else none).
    public var runTimeLimit: Double?
    /// Seconds per source when the source sets none.
    public var defaultSourceTimeLimit: Double?
    /// Called with progress events (for the terminal display).
    public var progress: (@Sendable (ProgressEvent) -> Void)?
    /// Called with the progress of each download, tagged with the source's name (for the
    /// terminal display: bytes, rate, percentage and time left of a long download).
    public var transferProgress: (@Sendable (TransferProgress) -> Void)?
    /// `--worker NAME`: share the open run's sources with other workers through leases in a
    /// PostgreSQL store (nil: a plain harvest of every selected source).
    public var worker: String? = nil
    /// Seconds a worker's lease on a source lasts without a heartbeat (then another worker takes it over).
    public var leaseSeconds: Double = 60
    /// How many sources one worker harvests at once.
    public var workerSlots: Int = 4

    /// Options for one run.
    public init(
        sources: [String] = [], dryRun: Bool = false, maxItems: Int? = nil, full: Bool = false,
        runTimeLimit: Double? = nil, defaultSourceTimeLimit: Double? = nil,
        progress: (@Sendable (ProgressEvent) -> Void)? = nil
    ) {
        self.sources = sources
        self.dryRun = dryRun
        self.maxItems = maxItems
        self.full = full
        self.runTimeLimit = runTimeLimit
        self.defaultSourceTimeLimit = defaultSourceTimeLimit
        self.progress = progress
    }
}

/// A progress event for a live display.
public struct ProgressEvent: Sendable {
    /// The source's name.
    public var source: String
    /// Items seen so far.
    public var items: Int
    /// Items failed so far.
    public var failed: Int
    /// Whether the source has ended.
    public var finished: Bool
}

extension ExitStatus {
    /// The run's status for an exit status of a harvest (`ok`, `partial`, `sourceFailed`,
    /// `interrupted`; anything else ends the run as `sourceFailed`).
    public var runStatus: RunStatus {
        switch self {
        case .ok: .ok
        case .partial: .itemsFailed
        case .interrupted: .interrupted
        default: .sourceFailed
        }
    }
}
