import Foundation
import Logging
import OGPCatalog
import OGPFetch
import OGPModel
import OGPParse
import OGPStore

/// One source within a run: its adapter under the source's time limit, then archival of what
/// disappeared (only after a complete, non-empty listing), and its report.
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

    func run() async -> SourceReport {
        let started = Date()
        let limit = config.timeLimit.map(Double.init) ?? options.defaultSourceTimeLimit
        let outcome = await TimeLimit.run(seconds: limit) { () async -> SourceReport in
            await harvest(started: started)
        }
        var report = outcome.value ?? SourceReport(
            name: config.name, kind: config.kind.rawValue, status: "timedOut", message: nil, seconds: 0,
            items: ItemCounts(), http: HTTPCounts(), errors: [])
        if outcome.timedOut {
            report.status = "timedOut"
            report.message = "stopped after its time limit of \(Int(limit ?? 0)) s"
        } else if Task.isCancelled, ["failed", "interrupted"].contains(report.status) {
            // Stopped from outside: the run's time limit, or SIGINT/SIGTERM (a fetch cut short
            // by the cancellation is not a failure of the source).
            if let runDeadline, Date() >= runDeadline {
                report.status = "timedOut"
                report.message = "stopped by the run's time limit"
            } else {
                report.status = "interrupted"
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        if !options.dryRun {
            try? store.saveSourceReport(SourceRunInfo(
                runID: runID, source: config.name, kind: config.kind.rawValue, status: report.status,
                counts: report.items.dictionary, message: report.message, startedAt: ISODate.string(from: started),
                endedAt: ISODate.string(from: Date())))
        }
        options.progress?(ProgressEvent(source: config.name, items: report.items.total, failed: report.items.failed, finished: true))
        return report
    }

    private func harvest(started: Date) async -> SourceReport {
        let run = SourceRun(
            config: config, runID: runID, store: store, fetcher: fetcher, options: options,
            dataDirectory: dataDirectory, plans: plans)
        var status = "ok"
        var message: String?
        do {
            try await SourceAdapters.adapter(for: config.kind).harvest(run)
            try run.flush()
        } catch {
            try? run.flush()
            status = "failed"
            message = error.description
            run.listingComplete = false
            run.recordError(error.description, url: error.place)
            logger.error("source \(config.name) failed: \(error)")
        }
        if Task.isCancelled, status == "ok" {
            status = "interrupted"
            run.listingComplete = false
        }
        if status == "ok" {
            let seen = run.counts.total - run.counts.failed
            if run.itemsSeen == 0 && run.incremental && run.counts.failed == 0 {
                message = "nothing changed since the last run"
            } else if run.itemsSeen == 0 || seen == 0 {
                status = "suspicious"
                message = "the source returned no items; nothing was archived"
            } else if run.listingComplete && !options.dryRun {
                do {
                    let archived = try store.reconcile(
                        source: config.name, present: run.present, at: Date(), grace: Double(config.graceDays) * 86_400)
                    if !archived.isEmpty { try PlanPass.markPending(store) }
                    run.counts.add(.archived, archived.count)
                    try store.recordItems(archived.map {
                        RunItem(runID: runID, source: config.name, item: $0.rawValue, recordID: $0, outcome: .archived, message: "not-on-remote")
                    })
                } catch {
                    run.recordError("cannot archive what disappeared: \(error)", url: nil)
                }
            }
            if run.counts.failed > 0 {
                status = run.counts.failed * 2 > run.counts.total ? "suspicious" : "itemsFailed"
                if status == "suspicious" { message = "more than half of the items failed" }
            }
        }
        let stats = fetcher.stats(tag: config.name)
        var http = HTTPCounts()
        http.requests = stats.requests
        http.notModified = stats.notModified
        http.retries = stats.retries
        http.bytes = stats.bytes
        var report = SourceReport(
            name: config.name, kind: config.kind.rawValue, status: status, message: message,
            seconds: Date().timeIntervalSince(started), items: run.counts, http: http, errors: Array(run.errors.prefix(100)))
        report.warnings = likelyDuplicates()
        return report
    }

    /// Publications of this source that look like duplicates of one another: the same title and
    /// day in two files, or a post carrying another post's body (an editor's copy-paste).
    /// Reported, not changed: both stay in the catalogue.
    private func likelyDuplicates() -> [String] {
        guard [.jekyll, .wordpress, .html, .text].contains(config.kind) else { return [] }
        var publications: [Record] = []
        try? store.forEachRecord(RecordFilter(kinds: [.publication], includeArchived: false)) { record in
            if record.provenance.contains(where: { $0.source == config.name }) { publications.append(record) }
        }
        return DuplicateDetector.findings(in: publications).map { finding in
            switch finding.reason {
            case .sameTitleAndDate: "likely duplicate: \(finding.record) has the title and date of \(finding.other)"
            case .sameBody: "\(finding.record) carries the body of \(finding.other)"
            }
        }
    }
}
