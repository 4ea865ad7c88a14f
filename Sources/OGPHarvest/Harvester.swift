import Foundation
import Logging
import OGPCatalog
import OGPCore
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
///
/// The store and the fetcher are given, or made for the data directory (the SQLite catalogue,
/// a fetcher announcing the configuration's user agent). A dry run harvests into a throw-away
/// copy of the catalogue, so its counts are those a real run would report and nothing of the
/// data directory is written.
public struct Harvester: Sendable {
    /// The configuration (its sources, plans file, user agent).
    public let config: Configuration
    /// Where the catalogue, index, caches and lock live.
    public let dataDirectory: DataDirectory
    /// How this run runs (sources, dry run, limits).
    public let options: HarvestOptions
    /// Updates the search index after the sources (nil: no index).
    public let indexer: (any IndexUpdating)?
    /// Where the run logs (also given to the fetcher).
    public let logger: Logger
    let store: (any CatalogStore)?
    let fetcher: Fetcher?

    /// A harvester; `store` and `fetcher` default to the data directory's SQLite catalogue and a fetcher announcing the configuration's user agent.
    public init(
        config: Configuration, dataDirectory: DataDirectory, options: HarvestOptions,
        indexer: (any IndexUpdating)?, logger: Logger = Harvester.quietLogger,
        store: (any CatalogStore)? = nil, fetcher: Fetcher? = nil
    ) {
        self.config = config
        self.dataDirectory = dataDirectory
        self.options = options
        self.indexer = indexer
        self.logger = logger
        self.store = store
        self.fetcher = fetcher
    }

    /// The logger of a library user who gives none: warnings and errors only.
    public static var quietLogger: Logger {
        var logger = Logger(label: "ogp.harvest")
        logger.logLevel = .warning
        return logger
    }

    /// The sources this run harvests, or a configuration error naming an unknown `--source`.
    public func selectedSources() throws(HarvestError) -> [SourceConfig] {
        let known = Set(config.sources.map(\.name))
        for name in options.sources where !known.contains(name) {
            throw HarvestError(
                .config, "unknown source `\(name)`; sources: \(config.sources.map(\.name).joined(separator: ", "))",
                place: config.file)
        }
        return config.sources.filter { options.sources.isEmpty ? $0.enabled : options.sources.contains($0.name) }
    }

    /// Runs the harvest. Throws ``HarvestLock/Failure`` when another run holds the lock, and
    /// ``HarvestError`` when the run cannot start (store, configuration); everything after that
    /// is in the report.
    public func run() async throws -> HarvestReport {
        if let worker = options.worker { return try await WorkerHarvest(harvester: self, worker: worker).run() }
        let sources = try selectedSources()
        if options.dryRun {
            // A shared store's dry run writes in a transaction that locks rows until it ends:
            // it runs when no harvest (nor worker) does, as a plain harvest would.
            let storeLock = try store.flatMap { try WorkerHarvest.dryRunLock($0) }
            defer { storeLock?.release() }
            let scratch = try DryRunCopy(of: dataDirectory, store: store)
            defer { scratch.remove() }
            return try await run(sources, in: scratch.directory, store: scratch.store, index: false)
        }
        try dataDirectory.prepare()
        let started = Date()
        // A shared store (PostgreSQL) holds the harvest lock itself; SQLite has the data directory's file.
        let lock =
            self.store is any SourceLeasing
            ? nil
            : try HarvestLock(
                path: dataDirectory.lockPath,
                holder: .init(
                    pid: getpid(), host: ProcessInfo.processInfo.hostName, startedAt: ISODate.string(from: started),
                    runID: Self.runID(started)))
        if let previous = lock?.previousHolder {
            logger.warning("taking over the lock of a harvest that did not finish: \(previous)")
        }
        defer { lock?.release() }
        let store: any CatalogStore
        if let given = self.store {
            store = given
        } else {
            // A damaged catalogue is refused before anything is written to it (exit 74).
            store = try SQLiteStore(path: dataDirectory.catalogPath, checkIntegrity: true)
        }
        let storeLock = try WorkerHarvest.exclusiveLock(store)
        defer { storeLock?.release() }
        return try await run(sources, in: dataDirectory, store: store, index: true)
    }

    private func run(
        _ sources: [SourceConfig], in directory: DataDirectory, store: any CatalogStore, index: Bool
    ) async throws -> HarvestReport {
        let started = Date()
        let runID = Self.runID(started)
        let host = ProcessInfo.processInfo.hostName
        for old in try store.runs(limit: 20) where old.status == .running {
            try store.finishRun(id: old.id, status: .interrupted, endedAt: started)
        }
        try store.startRun(
            RunInfo(
                id: runID, startedAt: ISODate.string(from: started), status: .running, host: host, pid: Int(getpid())))
        RunLog.started(logger, runID: runID, sources: sources.map(\.name), dryRun: options.dryRun)
        let fetcher = try self.fetcher ?? makeFetcher(cacheDirectory: options.dryRun ? nil : directory.cachePath)
        defer { if self.fetcher == nil { fetcher.shutdown() } }
        let plans = try PlanPass.loadExtractor(config)

        var reports = await runSources(
            sources, runID: runID, store: store, fetcher: fetcher, plans: plans, directory: directory)
        if !Task.isCancelled, reports.contains(where: { $0.items.added + $0.items.updated > 0 }) {
            // Each merge is told on the report of the source whose copy was merged.
            for (source, message) in mergePublications(store: store) {
                if let i = reports.firstIndex(where: { $0.name == source }) { reports[i].warnings.append(message) }
            }
        }
        if let plans, !Task.isCancelled {
            let changed = reports.contains { $0.items.added + $0.items.updated + $0.items.archived > 0 }
            reports.append(
                planPass(plans, runID: runID, store: store, linkDatasets: changed || PlanPass.isPending(store)))
        }
        var indexSummary: IndexSummary?
        if let indexer, index, !Task.isCancelled {
            do {
                indexSummary = try indexer.update(from: store)
            } catch where Task.isCancelled {
                // SIGINT/SIGTERM: the index stays at its last commit, the rest pending (not a failure).
                indexSummary = IndexSummary(
                    indexed: 0, deleted: 0, error: "interrupted: the next harvest or `ogp index` indexes what is pending")
                logger.warning("index update interrupted; what is not indexed stays pending")
            } catch {
                indexSummary = IndexSummary(indexed: 0, deleted: 0, error: "\(error)")
                logger.error("index update failed: \(error)")
            }
        }
        if indexer != nil, index, !Task.isCancelled, indexSummary?.error == nil {
            SuggestionPass(store: store, indexDirectory: directory.indexPath, logger: logger).run(after: reports)
        }
        let exit = Self.exitStatus(reports, cancelled: Task.isCancelled, indexFailed: indexSummary?.error != nil)
        let ended = Date()
        try store.finishRun(id: runID, status: exit.runStatus, endedAt: ended)
        let report = HarvestReport(
            runID: runID, startedAt: ISODate.string(from: started), endedAt: ISODate.string(from: ended),
            status: exit.runStatus, exitCode: exit.rawValue, dryRun: options.dryRun, sources: reports,
            index: indexSummary)
        RunLog.finished(logger, report, seconds: ended.timeIntervalSince(started))
        return report
    }

    /// The run's exit status from its sources' statuses (the one rule, documented in the README).
    static func exitStatus(_ reports: [SourceReport], cancelled: Bool, indexFailed: Bool) -> ExitStatus {
        if cancelled { return .interrupted }
        if indexFailed || reports.contains(where: { $0.status.failsRun }) { return .sourceFailed }
        if reports.contains(where: { $0.items.failed > 0 }) { return .partial }
        return .ok
    }

    /// `20261122T180702.123Z-24964`: the start to the millisecond and the PID, so that two runs
    /// of one process within a second (the library used twice) do not share an id.
    static func runID(_ date: Date) -> String {
        let seconds = ISODate.string(from: date).replacingOccurrences(of: ":", with: "").replacingOccurrences(
            of: "-", with: "")
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        let stamp = seconds.hasSuffix("Z") ? String(seconds.dropLast()) + String(format: ".%03dZ", millis) : seconds
        return stamp + "-\(getpid())"
    }

    func makeFetcher(cacheDirectory: String?) throws(FetchError) -> Fetcher {
        var configuration = FetcherConfiguration(
            agentName: config.userAgent.map { $0.split(separator: "/").first.map(String.init) ?? $0 } ?? "ogp",
            agentVersion: config.userAgent.flatMap { $0.split(separator: "/").dropFirst().first.map(String.init) }
                ?? "0.1",
            contactURL: config.contact ?? "https://github.com/ogp-fr/ogp",
            cacheDirectory: cacheDirectory)
        configuration.onProgress = options.transferProgress
        return try Fetcher(
            configuration: configuration, logger: Logger(label: "ogp.fetch", factory: { _ in logger.handler }))
    }

    private func runSources(
        _ sources: [SourceConfig], runID: String, store: any CatalogStore, fetcher: Fetcher, plans: PlanExtractor?,
        directory: DataDirectory
    ) async -> [SourceReport] {
        let limit = options.runTimeLimit ?? config.runTimeLimit.map(Double.init)
        let deadline = limit.map { Date().addingTimeInterval($0) }
        let reports = await TimeLimit.run(seconds: limit) { () async -> [SourceReport] in
            await withTaskGroup(of: SourceReport.self) { group in
                for source in sources {
                    group.addTask {
                        await SourceHarvest(
                            config: source, runID: runID, store: store, fetcher: fetcher, options: options,
                            dataDirectory: directory, plans: plans, logger: logger, runDeadline: deadline
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
            byName[source.name]
                ?? SourceReport(
                    name: source.name, kind: source.kind.rawValue, status: .timedOut,
                    message: "the run's time limit was reached")
        }
    }

    /// One publication met through two sources becomes one record (see ``PublicationMerge``);
    /// returns, for each copy merged, its source and what to tell. A failure is logged and the
    /// run goes on: both records stay, as before.
    func mergePublications(store: any CatalogStore) -> [(source: String, message: String)] {
        do {
            let merged = try PublicationMerge(store: store, sourceOrder: config.sources.map(\.name)).run()
            guard !merged.isEmpty else { return [] }
            try PlanPass.markPending(store)
            logger.info(
                "publications met through two sources merged",
                metadata: ["merged": "\(merged.map(\.copy.rawValue).joined(separator: ", "))"])
            return merged.map { m in
                (m.source, "\(m.copy) is the publication \(m.alias.target) (\(m.alias.rule.rawValue)): merged into it")
            }
        } catch {
            logger.warning("cannot merge publications met through two sources", metadata: ["error": "\(error)"])
            return []
        }
    }

    func planPass(_ plans: PlanExtractor, runID: String, store: any CatalogStore, linkDatasets: Bool) -> SourceReport {
        let started = Date()
        var counts = ItemCounts()
        var errors: [ReportError] = []
        var status = SourceStatus.ok
        do {
            let records = try PlanPass(store: store, extractor: plans, linkDatasets: linkDatasets).build()
            let outcomes = try store.upsert(records, source: PlanPass.sourceName, precedence: 3, at: Date())
            for o in outcomes { counts.add(o.itemOutcome) }
            try store.recordItems(
                zip(records, outcomes).filter { $0.1 != .unchanged }.map {
                    RunItem(
                        runID: runID, source: PlanPass.sourceName, item: $0.0.id.rawValue, recordID: $0.0.id,
                        outcome: $0.1.itemOutcome)
                })
            let archived = try store.reconcile(
                source: PlanPass.sourceName, present: Set(records.map(\.id)), at: Date(), grace: 7 * 86_400)
            counts.add(.archived, archived.count)
            if linkDatasets { try store.setState(source: PlanPass.sourceName, key: PlanPass.pendingKey, value: nil) }
        } catch {
            status = Task.isCancelled ? .interrupted : .failed  // SIGINT/SIGTERM during the pass
            errors.append(ReportError(url: config.plansFile, item: nil, message: "\(error)"))
        }
        let report = SourceReport(
            name: PlanPass.sourceName, kind: "plans", status: status, message: "plans: \(PlanPass.plansName(config))",
            seconds: Date().timeIntervalSince(started),
            items: counts, errors: errors)
        try? store.saveSourceReport(report.runInfo(runID: runID, startedAt: started, endedAt: Date()))
        return report
    }
}

extension CatalogIndexer: IndexUpdating {
    /// Updates the catalogue's index with what changed since the last update.
    public func update(from store: any CatalogStore) throws -> IndexSummary {
        let result = try update(from: store, rebuild: false)
        return IndexSummary(
            indexed: result.indexed, deleted: result.deleted, error: nil, rebuilt: result.rebuiltBecause)
    }
}
