import Foundation
import Logging
import OGPModel

/// What a harvest logs at `info`, with swift-log metadata, so that a cron log says what each
/// night did: the run's start (run id, sources), each source's outcome as it finishes, and the
/// run's end (status, counts, duration). Retries and politeness waits are logged by the fetcher.
enum RunLog {
    static func started(_ logger: Logger, runID: String, sources: [String], dryRun: Bool) {
        logger.info(
            "run started",
            metadata: [
                "run": "\(runID)", "sources": "\(sources.joined(separator: ","))", "dry_run": "\(dryRun)",
            ])
    }

    static func sourceFinished(_ logger: Logger, runID: String, _ report: SourceReport) {
        var metadata = metadata(report.items)
        metadata["run"] = "\(runID)"
        metadata["source"] = "\(report.name)"
        metadata["kind"] = "\(report.kind)"
        metadata["status"] = "\(report.status)"
        metadata["seconds"] = "\(String(format: "%.1f", report.seconds))"
        metadata["requests"] = "\(report.http.requests)"
        metadata["not_modified"] = "\(report.http.notModified)"
        metadata["retries"] = "\(report.http.retries)"
        if let message = report.message { metadata["message"] = "\(message)" }
        let level: Logger.Level = report.status == .ok ? .info : .warning
        logger.log(level: level, "source finished", metadata: metadata)
        for error in report.errors.prefix(50) {
            logger.warning(
                "item failed",
                metadata: [
                    "run": "\(runID)", "source": "\(report.name)", "item": "\(error.item ?? "-")",
                    "url": "\(error.url ?? "-")",
                    "reason": "\(error.message)",
                ])
        }
    }

    static func finished(_ logger: Logger, _ report: HarvestReport, seconds: Double) {
        var total = ItemCounts()
        for s in report.sources {
            total.add(.added, s.items.added)
            total.add(.updated, s.items.updated)
            total.add(.unchanged, s.items.unchanged)
            total.add(.skipped, s.items.skipped)
            total.add(.failed, s.items.failed)
            total.add(.archived, s.items.archived)
        }
        var metadata = metadata(total)
        metadata["run"] = "\(report.runID)"
        metadata["status"] = "\(report.status)"
        metadata["exit_code"] = "\(report.exitCode)"
        metadata["seconds"] = "\(String(format: "%.1f", seconds))"
        metadata["sources"] = "\(report.sources.count)"
        if let index = report.index {
            metadata["indexed"] = "\(index.indexed)"
            metadata["index_deleted"] = "\(index.deleted)"
        }
        logger.log(level: report.exitCode == 0 ? .info : .warning, "run finished", metadata: metadata)
    }

    private static func metadata(_ items: ItemCounts) -> Logger.Metadata {
        [
            "added": "\(items.added)", "updated": "\(items.updated)", "unchanged": "\(items.unchanged)",
            "skipped": "\(items.skipped)", "failed": "\(items.failed)", "archived": "\(items.archived)",
        ]
    }
}
