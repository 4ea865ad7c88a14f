import Foundation
import Logging
import OGPCatalog
import OGPFetch
import OGPModel
import OGPParse
import OGPStore

/// Updates the search index from the catalogue's pending records (implemented over OGPIndex
/// by OGPCatalog's indexer).
public protocol IndexUpdating: Sendable {
    func update(from store: any CatalogStore) throws -> IndexSummary
}

/// One harvest run: every selected source concurrently (within the fetch layer's politeness
/// limits), each item's outcome recorded, then the plans pass and the index update.
/// One bad item never fails its source; one failed source never stops the others.
public struct Harvester: Sendable {
    public let config: Configuration
    public let dataDirectory: DataDirectory
    public let options: HarvestOptions
    public let indexer: (any IndexUpdating)?
    public let logger: Logger
    /// The catalogue (nil: the SQLite file in the data directory).
    public let storeLocation: StoreLocation?

    public init(
        config: Configuration, dataDirectory: DataDirectory, options: HarvestOptions,
        indexer: (any IndexUpdating)?, logger: Logger = Logger(label: "ogp.harvest"), store: StoreLocation? = nil
    ) {
        self.config = config
        self.dataDirectory = dataDirectory
        self.storeLocation = store
        self.options = options
        self.indexer = indexer
        self.logger = logger
    }

    /// The sources this run harvests, or a configuration error naming an unknown `--source`.
    public func selectedSources() throws(HarvestError) -> [SourceConfig] {
        let known = Set(config.sources.map(\.name))
        for name in options.sources where !known.contains(name) {
            throw HarvestError(.config, "unknown source `\(name)`; sources: \(config.sources.map(\.name).joined(separator: ", "))", place: config.file)
        }
        return config.sources.filter { options.sources.isEmpty ? $0.enabled : options.sources.contains($0.name) }
    }

    /// Runs the harvest. Throws ``HarvestLock/Failure`` when another run holds the lock, and
    /// ``HarvestError`` when the run cannot start (store, configuration); everything after that
    /// is in the report.
    public func run() async throws -> HarvestReport {
        if let worker = options.worker { return try await WorkerHarvest(harvester: self, worker: worker).run() }
        let sources = try selectedSources()
        try dataDirectory.prepare()
        let started = Date()
        let runID = Self.runID(started)
        let host = ProcessInfo.processInfo.hostName
        let location = storeLocation ?? .sqlite(path: dataDirectory.catalogPath)
        var lock: HarvestLock?
        // A shared store has its own harvest lock (see WorkerHarvest); SQLite has the data directory's file.
        if !options.dryRun && !location.isShared {
            lock = try HarvestLock(
                path: dataDirectory.lockPath,
                holder: .init(pid: getpid(), host: host, startedAt: ISODate.string(from: started), runID: runID))
            if let previous = lock?.previousHolder {
                logger.warning("taking over the lock of a harvest that did not finish: \(previous)")
            }
        }
        defer { lock?.release() }
        let store = try location.open()
        let storeLock = options.dryRun ? nil : try WorkerHarvest.exclusiveLock(store, location: location)
        defer { storeLock?.release() }
        if !options.dryRun {
            for old in try store.runs(limit: 20) where old.status == "running" {
                try store.finishRun(id: old.id, status: "interrupted", endedAt: started)
            }
            try store.startRun(RunInfo(id: runID, startedAt: ISODate.string(from: started), status: "running", host: host, pid: Int(getpid())))
        }
        let fetcher = try Fetcher(configuration: FetcherConfiguration(
            agentName: config.userAgent.map { $0.split(separator: "/").first.map(String.init) ?? $0 } ?? "ogp",
            agentVersion: config.userAgent.flatMap { $0.split(separator: "/").dropFirst().first.map(String.init) } ?? "0.1",
            contactURL: config.contact ?? "https://github.com/ogp-fr/ogp",
            cacheDirectory: options.dryRun ? nil : dataDirectory.cachePath))
        defer { fetcher.shutdown() }
        let plans = try PlanPass.loadExtractor(config)

        var reports = await runSources(sources, runID: runID, store: store, fetcher: fetcher, plans: plans)
        let cancelled = Task.isCancelled
        if let plans, !cancelled {
            let changed = reports.contains { $0.items.added + $0.items.updated + $0.items.archived > 0 }
            reports.append(planPass(plans, runID: runID, store: store, linkDatasets: changed || PlanPass.isPending(store)))
        }
        var indexSummary: IndexSummary?
        if let indexer, !options.dryRun, !cancelled {
            do {
                indexSummary = try indexer.update(from: store)
            } catch {
                indexSummary = IndexSummary(indexed: 0, deleted: 0, error: "\(error)")
                logger.error("index update failed: \(error)")
            }
        }
        let status = Self.status(reports, cancelled: cancelled, indexFailed: indexSummary?.error != nil)
        let ended = Date()
        if !options.dryRun {
            try store.finishRun(id: runID, status: status.label, endedAt: ended)
        }
        return HarvestReport(
            runID: runID, startedAt: ISODate.string(from: started), endedAt: ISODate.string(from: ended),
            status: status.label, exitCode: status.rawValue, dryRun: options.dryRun, sources: reports, index: indexSummary)
    }

    static func status(_ reports: [SourceReport], cancelled: Bool, indexFailed: Bool) -> HarvestExitStatus {
        if cancelled { return .interrupted }
        if indexFailed || reports.contains(where: { ["failed", "timedOut"].contains($0.status) }) { return .sourceFailed }
        if reports.contains(where: { $0.items.failed > 0 }) { return .itemsFailed }
        return .ok
    }

    /// `20261122T180702.123Z-24964`: the start to the millisecond and the PID, so that two runs
    /// of one process within a second (the library used twice) do not share an id.
    static func runID(_ date: Date) -> String {
        let seconds = ISODate.string(from: date).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        let stamp = seconds.hasSuffix("Z") ? String(seconds.dropLast()) + String(format: ".%03dZ", millis) : seconds
        return stamp + "-\(getpid())"
    }

    private func runSources(
        _ sources: [SourceConfig], runID: String, store: any CatalogStore, fetcher: Fetcher, plans: PlanExtractor?
    ) async -> [SourceReport] {
        let limit = options.runTimeLimit ?? config.runTimeLimit.map(Double.init)
        let deadline = limit.map { Date().addingTimeInterval($0) }
        let reports = await TimeLimit.run(seconds: limit) { () async -> [SourceReport] in
            await withTaskGroup(of: SourceReport.self) { group in
                for source in sources {
                    group.addTask {
                        await SourceHarvest(
                            config: source, runID: runID, store: store, fetcher: fetcher, options: options,
                            dataDirectory: dataDirectory, plans: plans, logger: logger, runDeadline: deadline
                        ).run()
                    }
                }
                var out: [SourceReport] = []
                for await report in group { out.append(report) }
                return out
            }
        }
        let byName = Dictionary((reports.value ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return sources.map { source in
            byName[source.name] ?? SourceReport(
                name: source.name, kind: source.kind.rawValue, status: "timedOut", message: "the run's time limit was reached",
                seconds: 0, items: ItemCounts(), http: HTTPCounts(), errors: [])
        }
    }

    func planPass(_ plans: PlanExtractor, runID: String, store: any CatalogStore, linkDatasets: Bool) -> SourceReport {
        let started = Date()
        var counts = ItemCounts()
        var errors: [ReportError] = []
        var status = "ok"
        do {
            let records = try PlanPass(store: store, extractor: plans, linkDatasets: linkDatasets).build()
            if options.dryRun {
                counts.add(.unchanged, records.count)
            } else {
                let outcomes = try store.upsert(records, source: PlanPass.sourceName, precedence: 3, at: Date())
                for o in outcomes { counts.add(o.itemOutcome) }
                try store.recordItems(zip(records, outcomes).filter { $0.1 != .unchanged }.map {
                    RunItem(runID: runID, source: PlanPass.sourceName, item: $0.0.id.rawValue, recordID: $0.0.id, outcome: $0.1.itemOutcome)
                })
                let archived = try store.reconcile(
                    source: PlanPass.sourceName, present: Set(records.map(\.id)), at: Date(), grace: 7 * 86_400)
                counts.add(.archived, archived.count)
                if linkDatasets { try store.setState(source: PlanPass.sourceName, key: PlanPass.pendingKey, value: nil) }
            }
        } catch {
            status = "failed"
            errors.append(ReportError(url: config.plansFile, item: nil, message: "\(error)"))
        }
        let report = SourceReport(
            name: PlanPass.sourceName, kind: "plans", status: status, message: nil,
            seconds: Date().timeIntervalSince(started), items: counts, http: HTTPCounts(), errors: errors)
        if !options.dryRun {
            try? store.saveSourceReport(SourceRunInfo(
                runID: runID, source: report.name, kind: report.kind, status: status, counts: counts.dictionary,
                startedAt: ISODate.string(from: started), endedAt: ISODate.string(from: Date())))
        }
        return report
    }
}

extension CatalogIndexer: IndexUpdating {
    public func update(from store: any CatalogStore) throws -> IndexSummary {
        let result = try update(from: store, rebuild: false)
        return IndexSummary(indexed: result.indexed, deleted: result.deleted, error: nil, rebuilt: result.rebuiltBecause)
    }
}
