/// How one source ended in a run. Decided in one place (`SourceOutcome` in OGPHarvest), kept in
/// the store, shown by `ogp status` and written in the JSON report under these names.
public enum SourceStatus: String, Codable, Sendable, CaseIterable {
    /// Every item was read; none failed.
    case ok
    /// Some items failed (at most half); the others were harvested.
    case itemsFailed
    /// The source could not be harvested (its listing failed, the store failed…).
    case failed
    /// The source gave no items, or more than half of them failed: nothing was archived.
    case suspicious
    /// Stopped by its own or the run's time limit.
    case timedOut
    /// Stopped by SIGINT or SIGTERM.
    case interrupted

    /// Whether this status makes the whole run end as "a source failed" (exit 2).
    public var failsRun: Bool {
        switch self {
        case .failed, .timedOut, .suspicious: true
        case .ok, .itemsFailed, .interrupted: false
        }
    }
}

/// How a harvest run ended, or that it is still running.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case running, ok, itemsFailed, sourceFailed, interrupted
}
