import Foundation
import Logging
import OGPCatalog
import OGPFetch
import OGPModel
import OGPParse
import OGPStore

/// One source within a run: its adapter under the source's time limit, then archival of what
/// disappeared (only after a complete, non-empty listing), its state for the next run, and its
/// report (decided in ``SourceHarvest/decide(_:)``).
struct SourceHarvest: Sendable {
    let config: SourceConfig
    let runID: String
    let store: any CatalogStore
    let fetcher: Fetcher
    let options: HarvestOptions
    let dataDirectory: DataDirectory
    let plans: PlanExtractor?
    let logger: Logger
    /// When the run's time limit ends (nil: none).
    var runDeadline: Date?

    /// What a source's run came to, before it becomes a status (see ``decide(_:)``).
    struct Ending: Sendable {
        /// The adapter's error, if it ended the source.
        var error: String?
        var cancelled = false
        var timedOutBySource = false
        var timedOutByRun = false
        var itemsSeen = 0
        var incremental = false
        var counts = ItemCounts()
    }

    /// The one place where a source's status is decided, from how its run ended.
    static func decide(_ e: Ending) -> (status: SourceStatus, message: String?) {
        if e.timedOutBySource { return (.timedOut, "stopped after its time limit") }
        if e.cancelled, e.error != nil || e.timedOutByRun {
            // Stopped from outside: a fetch cut short by the cancellation is not a failure of the source.
            return e.timedOutByRun ? (.timedOut, "stopped by the run's time limit") : (.interrupted, nil)
        }
        if let error = e.error { return (.failed, error) }
        if e.cancelled { return (.interrupted, nil) }
        let seen = e.counts.total - e.counts.failed
        if e.itemsSeen == 0 && e.incremental { return (.ok, "nothing changed since the last run") }
        if e.itemsSeen == 0 || seen == 0 { return (.suspicious, "the source returned no items; nothing was archived") }
        if e.counts.failed > 0 {
            if e.counts.failed > e.counts.total - e.counts.failed {
                return (.suspicious, "more than half of the items failed; nothing was archived")
            }
            return (.itemsFailed, nil)
        }
        return (.ok, nil)
    }

    func run() async -> SourceReport {
        let started = Date()
        let limit = config.timeLimit.map(Double.init) ?? options.defaultSourceTimeLimit
        let outcome = await TimeLimit.run(seconds: limit) { () async -> (SourceReport, Ending) in
            await harvest(started: started)
        }
        var report = outcome.value?.0 ?? SourceReport(name: config.name, kind: config.kind.rawValue, status: .timedOut)
        if outcome.timedOut {
            var ending = outcome.value?.1 ?? Ending()
            ending.timedOutBySource = true
            (report.status, report.message) = Self.decide(ending)
            report.message = "stopped after its time limit of \(Int(limit ?? 0)) s"
        } else if var ending = outcome.value?.1, Task.isCancelled, !ending.cancelled {
            // SIGINT/SIGTERM or the run's limit arrived while the source was ending (a fetch cut
            // short by the shutdown fails before the cancellation is seen): decided again.
            ending.cancelled = true
            ending.timedOutByRun = runDeadline.map { Date() >= $0 } == true
            (report.status, report.message) = Self.decide(ending)
        }
        report.seconds = Date().timeIntervalSince(started)
        try? store.saveSourceReport(report.runInfo(runID: runID, startedAt: started, endedAt: Date()))
        RunLog.sourceFinished(logger, runID: runID, report)
        options.progress?(
            ProgressEvent(source: config.name, items: report.items.total, failed: report.items.failed, finished: true))
        return report
    }

    private func harvest(started: Date) async -> (SourceReport, Ending) {
        let run = SourceRun(
            config: config, runID: runID, store: store, fetcher: fetcher, options: options,
            dataDirectory: dataDirectory, plans: plans)
        var ending = Ending()
        do {
            try await SourceAdapters.adapter(for: config.kind).harvest(run)
            try run.flush()
            try run.saveState()
        } catch {
            try? run.flush()
            ending.error = error.description
            run.stopListing(reason: error.description, url: error.place.location)
            logger.error("source \(config.name) failed: \(error)", metadata: ["source": "\(config.name)"])
        }
        ending.cancelled = Task.isCancelled
        ending.timedOutByRun = ending.cancelled && runDeadline.map { Date() >= $0 } == true
        if ending.cancelled { run.stopListing(reason: nil) }
        ending.itemsSeen = run.itemsSeen
        ending.incremental = run.incremental
        ending.counts = run.counts
        let (status, message) = Self.decide(ending)
        var counts = run.counts
        // Failed items whose records are not known (rows of an export) could be taken for
        // disappeared ones: no archival then.
        if status == .ok || (status == .itemsFailed && run.trackItems), run.listingComplete {
            do {
                counts.add(.archived, try archiveMissing(present: run.present))
            } catch {
                run.recordError("cannot archive what disappeared: \(error)", url: nil)
            }
        }
        let stats = fetcher.stats(tag: config.name)
        var http = HTTPCounts()
        http.requests = stats.requests
        http.notModified = stats.notModified
        http.retries = stats.retries
        http.bytes = stats.bytes
        let report = SourceReport(
            name: config.name, kind: config.kind.rawValue, status: status, message: message,
            seconds: Date().timeIntervalSince(started), items: counts, http: http,
            errors: Array(run.errors.prefix(100)),
            warnings: run.warnings + likelyDuplicates(changed: run.changedRecords))
        return (report, ending)
    }

    /// Archives the source's records missing from a complete listing (after `grace_days`).
    private func archiveMissing(present: Set<RecordID>) throws -> Int {
        let archived = try store.reconcile(
            source: config.name, present: present, at: Date(), grace: Double(config.graceDays) * 86_400)
        if !archived.isEmpty { try PlanPass.markPending(store) }
        try store.recordItems(
            archived.map {
                RunItem(
                    runID: runID, source: config.name, item: $0.rawValue, recordID: $0, outcome: .archived,
                    message: "not-on-remote")
            })
        return archived.count
    }

    /// Publications of this source that look like duplicates of one another: the same title and
    /// day in two files, or a post carrying another post's body (an editor's copy-paste).
    /// Reported, not changed: both stay in the catalogue. Only records this run added or updated
    /// are examined (nothing when nothing changed), at most 100 findings are listed, and the scan
    /// stops when the run is cancelled (see ``DuplicateDetector/scan(_:changed:limit:isCancelled:)``).
    private func likelyDuplicates(changed: Set<RecordID>) -> [String] {
        guard [.jekyll, .wordpress, .html, .text].contains(config.kind), !changed.isEmpty, !Task.isCancelled else {
            return []
        }
        var publications: [Record] = []
        try? store.forEachRecord(RecordFilter(kinds: [.publication], includeArchived: false)) { record in
            if record.provenance.contains(where: { $0.source == config.name }) { publications.append(record) }
        }
        let scan = DuplicateDetector.scan(publications, changed: changed, limit: 100)
        var warnings = scan.findings.map { finding in
            switch finding.reason {
            case .sameTitleAndDate: "likely duplicate: \(finding.record) has the title and date of \(finding.other)"
            case .sameBody: "\(finding.record) carries the body of \(finding.other)"
            }
        }
        if scan.truncated > 0 { warnings.append("\(scan.truncated) more likely duplicates not listed") }
        return warnings
    }
}
