import Foundation

/// A source claimed by a worker for one shared run.
public struct LeasedSource: Sendable, Hashable {
    public var source: String
    /// How many times it was claimed in this run (2 and more: taken over from a dead worker).
    public var attempt: Int
    /// The worker whose lease expired, when this claim takes the source over.
    public var takenOverFrom: String?

    public init(source: String, attempt: Int, takenOverFrom: String?) {
        self.source = source
        self.attempt = attempt
        self.takenOverFrom = takenOverFrom
    }
}

/// Where one source of a shared run stands.
public struct SourceLease: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable {
        /// Not claimed yet.
        case pending
        /// Claimed; `leaseUntil` says until when without a heartbeat.
        case leased
        /// Finished (whatever its outcome).
        case done
    }

    public var runID: String
    public var source: String
    public var state: State
    public var worker: String?
    /// ISO 8601, the database server's clock.
    public var leaseUntil: String?
    public var attempts: Int
    /// The worker that held it before a takeover.
    public var previousWorker: String?
    /// The source's outcome (`ok`, `failed`…), once done.
    public var status: String?

    public init(
        runID: String, source: String, state: State, worker: String?, leaseUntil: String?, attempts: Int,
        previousWorker: String?, status: String?
    ) {
        self.runID = runID
        self.source = source
        self.state = state
        self.worker = worker
        self.leaseUntil = leaseUntil
        self.attempts = attempts
        self.previousWorker = previousWorker
        self.status = status
    }
}

/// A held harvest lock in the store; released by `release()` or when the process dies.
public protocol StoreHarvestLock: Sendable {
    func release()
}

/// A store shared by harvest workers on several machines (``PostgresStore``): one run's sources
/// are claimed with leases (`SELECT … FOR UPDATE SKIP LOCKED`), kept by heartbeats, and taken
/// over by another worker when a lease expires. Lease times use the database server's clock,
/// so the workers' clocks need not agree.
public protocol SourceLeasing: CatalogStore {
    /// Takes the harvest lock: `shared` for a worker (workers run together), exclusive for a
    /// plain harvest (alone, and never beside workers). Nil when another harvest holds it.
    func tryHarvestLock(shared: Bool) throws(StoreError) -> (any StoreHarvestLock)?

    /// Joins the open shared run, or opens one (with id `proposedID`) whose sources are
    /// `sources`. Returns the run's id and whether this call opened it.
    func joinSharedRun(proposedID: String, sources: [String]) throws(StoreError) -> (runID: String, opened: Bool)

    /// Claims one source of `run` among `names` that is pending or whose lease expired, for
    /// `seconds`; nil when none is claimable now.
    func claimSource(
        run: String, among names: [String], worker: String, seconds: Double
    ) throws(StoreError) -> LeasedSource?

    /// Extends `worker`'s lease on `source` by `seconds`; false when the lease was lost (expired
    /// and taken over by another worker).
    func renewLease(run: String, source: String, worker: String, seconds: Double) throws(StoreError) -> Bool

    /// Marks `source` done with `status`; false when the lease was lost meanwhile.
    @discardableResult
    func completeSource(run: String, source: String, worker: String, status: String) throws(StoreError) -> Bool

    /// Every source of `run` with its lease, sorted by source.
    func leases(run: String) throws(StoreError) -> [SourceLease]

    /// Closes `run` once every source is done; true for exactly one caller (it then runs the
    /// plans pass and finishes the run), false when sources remain or it was already closed.
    func closeSharedRun(run: String, worker: String) throws(StoreError) -> Bool

    /// The open shared run, if any.
    func openSharedRun() throws(StoreError) -> String?

    /// Closes the open shared run whatever its sources' states (a plain harvest that holds the
    /// exclusive lock knows every worker is gone); returns its id, nil when none was open.
    func abandonSharedRun(by holder: String) throws(StoreError) -> String?
}
