import Foundation
import OGPCatalog
import OGPModel
import OGPStore

/// What `ogp status` shows: the running harvest (if any), the catalogue's size, the last runs
/// with each source's counts, and what needs attention (sources not ok in the last run, a run
/// that never finished). The rules live here, not in the command, so every front end agrees.
public struct CatalogStatus: Encodable, Sendable {
    public var dataDir: String
    public var lock: HarvestLock.Holder?
    public var counts: [String: Int]
    /// Records changed since this data directory's index last caught up.
    public var pendingIndex: Int
    /// The search indexes that follow the catalogue, each with its cursor (one per search host
    /// on a shared catalogue).
    public var indexFollowers: [IndexFollowerState] = []
    public var runs: [Run]
    public var attention: [String]
    /// The run harvest workers share (PostgreSQL store), with each source's lease.
    public var sharedRun: SharedRun? = nil

    /// A shared run and where each of its sources stands.
    public struct SharedRun: Encodable, Sendable {
        public var run: String
        public var leases: [SourceLease]
    }

    /// One run and its sources.
    public struct Run: Encodable, Sendable {
        public var run: RunInfo
        public var sources: [SourceRunInfo]
    }

    /// Reads the status of `directory` from its catalogue (reading only).
    public static func collect(
        store: any CatalogStore, directory: DataDirectory, runs limit: Int
    ) throws(StoreError) -> CatalogStatus {
        var lock = liveHolder(HarvestLock.holder(at: directory.lockPath))
        var sharedRun: SharedRun?
        if let leasing = store as? any SourceLeasing {
            // The harvest lock of a shared store is in the database: busy while a harvest or workers run.
            lock = nil
            if let probe = try leasing.tryHarvestLock(shared: false) {
                probe.release()
            } else {
                lock = WorkerHarvest.runningHolder(store)
            }
            if let run = try leasing.openSharedRun() {
                sharedRun = SharedRun(run: run, leases: try leasing.leases(run: run))
            }
        }
        let counts = try store.counts()
        let followers = try store.indexFollowers()
        let own = ownFollower(store: store, directory: directory)
        var pending = followers.first { $0.follower == own }?.pending ?? 0
        if !followers.contains(where: { $0.follower == own }) {
            // Never indexed here: every record is due.
            pending = try store.counts(RecordFilter(includeArchived: true)).values.reduce(0, +)
        }
        var runs: [Run] = []
        for run in try store.runs(limit: limit) {
            runs.append(Run(run: run, sources: try store.sourceReports(run: run.id)))
        }
        var status = CatalogStatus(
            dataDir: directory.path, lock: lock,
            counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
            pendingIndex: pending, runs: runs,
            attention: attention(runs: runs, lockHeld: lock != nil))
        status.sharedRun = sharedRun
        status.indexFollowers = followers
        return status
    }

    /// The follower of the data directory's index: `local` beside its own SQLite catalogue,
    /// else named for this host and the index's path (as `ogp harvest` and `ogp index` name it).
    static func ownFollower(store: any CatalogStore, directory: DataDirectory) -> IndexFollower {
        if let sqlite = store as? SQLiteStore, sqlite.path == directory.catalogPath { return .local }
        return .host(indexDirectory: directory.indexPath)
    }

    /// The holder when its process is alive on this host (a lock file left by a killed run is
    /// stale: the next harvest takes it over). A holder on another host is reported as is.
    static func liveHolder(_ holder: HarvestLock.Holder?) -> HarvestLock.Holder? {
        guard let holder else { return nil }
        guard holder.host == ProcessInfo.processInfo.hostName else { return holder }
        // EPERM: the process exists but belongs to another user.
        return kill(holder.pid, 0) == 0 || errno == EPERM ? holder : nil
    }

    /// Sources of the last run that were not ok, and a last run that did not finish.
    static func attention(runs: [Run], lockHeld: Bool) -> [String] {
        guard let last = runs.first else { return [] }
        var out: [String] = []
        for s in last.sources where s.status != .ok {
            out.append("\(s.source): \(s.status)\(s.message.map { " — \($0)" } ?? "") (run \(last.run.id))")
        }
        if last.run.status == .running, !lockHeld {
            out.append("run \(last.run.id) did not finish (killed?); the next harvest completes its work")
        }
        return out
    }
}
