import Foundation
import Logging
import OGPCatalog
import OGPFetch
import OGPModel
import OGPParse
import OGPStore

/// `ogp harvest --worker NAME`: one of several processes (on one machine or several) sharing a
/// run's sources through leases in a PostgreSQL store. Each worker claims a source, harvests it
/// while a heartbeat keeps its lease, marks it done and claims the next; a source whose worker
/// died is taken over once its lease expires. The last worker to find every source done closes
/// the run: plans pass, its local index, the run's status. Each worker's report covers the whole
/// run as far as it knows it, every source naming the worker that harvested it.
struct WorkerHarvest: Sendable {
    let harvester: Harvester
    let worker: String

    /// The harvest lock of a plain harvest on a shared store: exclusive, so that it never runs
    /// beside another harvest or beside workers. Nil for SQLite (the lock file is used).
    static func exclusiveLock(_ store: any CatalogStore) throws -> (any StoreHarvestLock)? {
        guard let leasing = store as? any SourceLeasing else { return nil }
        guard let lock = try leasing.tryHarvestLock(shared: false) else {
            throw HarvestLock.Failure.held(by: runningHolder(store), path: lockPlace(store))
        }
        // No worker is alive (they hold the lock shared): a run they left open is over; its run
        // row is marked interrupted with the other unfinished runs.
        _ = try leasing.abandonSharedRun(by: "plain harvest")
        return lock
    }

    /// The exclusive harvest lock of a shared store for a dry run (nil for SQLite, whose dry
    /// run works on a copy); unlike a plain harvest, it leaves a workers' run open (it writes
    /// nothing outside its own transaction).
    static func dryRunLock(_ store: any CatalogStore) throws -> (any StoreHarvestLock)? {
        guard let leasing = store as? any SourceLeasing else { return nil }
        guard let lock = try leasing.tryHarvestLock(shared: false) else {
            throw HarvestLock.Failure.held(by: runningHolder(store), path: lockPlace(store))
        }
        return lock
    }

    /// Where the harvest lock of a shared store is, for messages (its URL without the password).
    static func lockPlace(_ store: any CatalogStore) -> String {
        (store as? PostgresStore).map { "the database \($0.displayURL)" } ?? "the catalogue database"
    }

    /// The latest run still marked running, as a lock holder (for the "another harvest" message).
    static func runningHolder(_ store: any CatalogStore) -> HarvestLock.Holder? {
        guard let run = (try? store.runs(limit: 5))?.first(where: { $0.status == .running }) else { return nil }
        return HarvestLock.Holder(
            pid: Int32(truncatingIfNeeded: run.pid), host: run.host, startedAt: run.startedAt, runID: run.id)
    }

    func run() async throws -> HarvestReport {
        let options = harvester.options
        let config = harvester.config
        guard !options.dryRun else {
            throw HarvestError(
                .config, "--worker shares a run's sources and writes them: it cannot be a dry run", place: config.file)
        }
        let sources = try harvester.selectedSources()
        try harvester.dataDirectory.prepare()
        guard let store = harvester.store, let leasing = store as? any SourceLeasing else {
            throw HarvestError(
                .config,
                "harvest workers share a PostgreSQL store: set `store: postgres://…` in the configuration or pass --store",
                place: config.file)
        }
        guard let lock = try leasing.tryHarvestLock(shared: true) else {
            throw HarvestLock.Failure.held(by: Self.runningHolder(store), path: Self.lockPlace(store))
        }
        defer { lock.release() }
        let started = Date()
        let host = ProcessInfo.processInfo.hostName
        let (runID, opened) = try leasing.joinSharedRun(
            proposedID: Harvester.runID(started), sources: sources.map(\.name))
        if opened {
            try store.startRun(
                RunInfo(
                    id: runID, startedAt: ISODate.string(from: started), status: .running, host: host,
                    pid: Int(getpid())))
        }
        harvester.logger.info("worker \(worker) \(opened ? "opened" : "joined") run \(runID)")
        let fetcher = try harvester.fetcher ?? harvester.makeFetcher(cacheDirectory: harvester.dataDirectory.cachePath)
        defer { if harvester.fetcher == nil { fetcher.shutdown() } }
        let plans = try PlanPass.loadExtractor(config)

        let slots = max(1, options.workerSlots)
        let mine = await withTaskGroup(of: [SourceReport].self) { group in
            for _ in 0..<slots {
                group.addTask {
                    await claimLoop(sources, runID: runID, leasing: leasing, fetcher: fetcher, plans: plans)
                }
            }
            var out: [SourceReport] = []
            for await reports in group { out += reports }
            return out
        }
        var reports = try sharedReports(runID: runID, mine: mine, leasing: leasing)
        let cancelled = Task.isCancelled
        var indexSummary: IndexSummary?
        var closed = false
        if !cancelled, try leasing.closeSharedRun(run: runID, worker: worker) {
            closed = true
            if let plans {
                let changed = reports.contains { $0.items.added + $0.items.updated + $0.items.archived > 0 }
                var pass = harvester.planPass(
                    plans, runID: runID, store: store, linkDatasets: changed || PlanPass.isPending(store))
                pass.worker = worker
                reports.append(pass)
            }
            if let indexer = harvester.indexer {
                do {
                    indexSummary = try indexer.update(from: store)
                } catch {
                    indexSummary = IndexSummary(indexed: 0, deleted: 0, error: "\(error)")
                    harvester.logger.error("index update failed: \(error)")
                }
            }
        }
        let exit = Harvester.exitStatus(reports, cancelled: cancelled, indexFailed: indexSummary?.error != nil)
        let ended = Date()
        if closed { try store.finishRun(id: runID, status: exit.runStatus, endedAt: ended) }
        var report = HarvestReport(
            runID: runID, startedAt: ISODate.string(from: started), endedAt: ISODate.string(from: ended),
            status: exit.runStatus, exitCode: exit.rawValue, dryRun: false, sources: reports, index: indexSummary)
        report.worker = worker
        return report
    }

    /// Claims and harvests sources until none is left to claim and none is in flight elsewhere.
    private func claimLoop(
        _ sources: [SourceConfig], runID: String, leasing: any SourceLeasing, fetcher: Fetcher, plans: PlanExtractor?
    ) async -> [SourceReport] {
        let options = harvester.options
        let byName = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let names = sources.map(\.name)
        let lease = max(1, options.leaseSeconds)
        var out: [SourceReport] = []
        while !Task.isCancelled {
            let claim: LeasedSource?
            do {
                claim = try leasing.claimSource(run: runID, among: names, worker: worker, seconds: lease)
            } catch {
                harvester.logger.error("worker \(worker): \(error)")
                break
            }
            guard let claim, let source = byName[claim.source] else {
                // Nothing claimable: done when nothing of ours is in flight elsewhere, else wait
                // for those sources to finish or for their leases to expire.
                let waiting =
                    (try? leasing.leases(run: runID).filter { $0.state != .done && byName[$0.source] != nil }) ?? []
                if waiting.isEmpty { break }
                try? await Task.sleep(nanoseconds: UInt64(min(1, lease / 4) * 1e9))
                continue
            }
            if let previous = claim.takenOverFrom {
                harvester.logger.warning(
                    "worker \(worker) takes over \(claim.source) from \(previous), whose lease expired")
            }
            let heartbeat = Task.detached { [worker] in
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(lease / 3 * 1e9))
                    if Task.isCancelled { break }
                    _ = try? leasing.renewLease(run: runID, source: claim.source, worker: worker, seconds: lease)
                }
            }
            var report = await SourceHarvest(
                config: source, runID: runID, store: leasing, fetcher: fetcher, options: options,
                dataDirectory: harvester.dataDirectory, plans: plans, logger: harvester.logger, runDeadline: nil
            ).run()
            heartbeat.cancel()
            report.worker = worker
            if let previous = claim.takenOverFrom {
                report.warnings.append("taken over from worker \(previous), whose lease expired")
            }
            if (try? leasing.completeSource(
                run: runID, source: claim.source, worker: worker, status: report.status.rawValue)) != true
            {
                report.warnings.append(
                    "the lease was lost before the source finished; another worker harvests it again")
            }
            out.append(report)
        }
        return out
    }

    /// Every source of the run: this worker's own reports, the others' from the store.
    private func sharedReports(runID: String, mine: [SourceReport], leasing: any SourceLeasing) throws -> [SourceReport]
    {
        let own = Dictionary(mine.map { ($0.name, $0) }, uniquingKeysWith: { _, b in b })
        let stored = Dictionary(
            try leasing.sourceReports(run: runID).map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        return try leasing.leases(run: runID).map { lease in
            if let report = own[lease.source], lease.worker == worker { return report }
            let info = stored[lease.source]
            let seconds =
                info.flatMap { i in
                    i.endedAt.flatMap(ISODate.parse).flatMap { end in
                        ISODate.parse(i.startedAt).map { end.timeIntervalSince($0) }
                    }
                } ?? 0
            var report = SourceReport(
                name: lease.source, kind: info?.kind ?? "",
                status: lease.state == .done
                    ? (info?.status ?? lease.status.flatMap(SourceStatus.init(rawValue:)) ?? .ok) : .interrupted,
                message: lease.state == .done ? info?.message : "still in flight at worker \(lease.worker ?? "?")",
                seconds: seconds, items: info?.counts ?? ItemCounts())
            report.worker = lease.worker
            return report
        }
    }
}
