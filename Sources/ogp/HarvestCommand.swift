import ArgumentParser
import Foundation
import Logging
import OGPCatalog
import OGPHarvest
import OGPStore

/// `ogp harvest`: fetch every configured source, store what changed, update the index.
struct HarvestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest",
        abstract: "Harvest the configured sources into the catalogue and update the search index.",
        discussion: """
            Incremental: conditional requests, content hashes, modified_after and git diffs, so a run
            right after another writes nothing. One run at a time (a lock in the data directory).

            Exit codes:
              0   every source ok
              1   some items failed (the rest was harvested)
              2   at least one source failed or timed out (the others were harvested)
              3   another harvest holds the lock
              64+ usage or configuration error (78: configuration, 66: missing file)
              130 interrupted (SIGINT/SIGTERM): the run is recorded as interrupted

            Examples:
              ogp harvest --config config/sources.yml
              ogp harvest --config config/demo.yml --data-dir demo-data --report report.json
              ogp harvest --source datagouv-ogp --dry-run
              ogp harvest --store postgres://ogp@db/ogp --worker "$(hostname)-1"
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("source"), help: "Harvest only this source (repeatable).")
    var sources: [String] = []

    @Flag(help: "Fetch and parse, report what would change, write nothing.")
    var dryRun = false

    @Option(help: "Stop each source after this many items.")
    var maxItems: Int?

    @Flag(help: "Ignore validators and hashes: re-fetch and re-parse everything.")
    var full = false

    @Flag(help: "Leave the search index for later (the next harvest or `ogp index --rebuild` indexes what is pending).")
    var noIndex = false

    @Option(help: "Write the JSON report of the run to this file.")
    var report: String?

    @Option(help: "Seconds for the whole run (default: the config's run_time_limit).")
    var timeLimit: Double?

    @Option(help: "Share the open run's sources with other workers (PostgreSQL store): this worker's name.")
    var worker: String?

    @Option(help: "With --worker: seconds a source's lease lasts without a heartbeat before another worker takes it over.")
    var leaseSeconds: Double = 60

    @Flag(name: .shortAndLong, help: "No progress display and no summary.")
    var quiet = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "warning"

    @Option(help: "Write logs to this file instead of standard error.")
    var logFile: String?

    func run() async throws {
        try await runReportingErrors {
            let logger = try Logging.make(level: logLevel, file: logFile, label: "ogp.harvest")
            guard let config = try common.loadConfiguration(required: true) else { return }
            let dir = common.dataDirectory(config)
            let progress = quiet ? nil : ProgressDisplay.forTerminal()
            var options = HarvestOptions(
                sources: sources, dryRun: dryRun, maxItems: maxItems, full: full, runTimeLimit: timeLimit,
                progress: progress.map { display in { @Sendable event in display.update(event) } })
            if let worker {
                guard !worker.isEmpty, worker.count <= 100, leaseSeconds >= 1, leaseSeconds <= 86_400 else {
                    throw CLIError(code: .usage, message: "--worker takes a name (1–100 characters), --lease-seconds 1 to 86400")
                }
                options.worker = worker
                options.leaseSeconds = leaseSeconds
            }
            let harvester = Harvester(
                config: config, dataDirectory: dir, options: options, indexer: noIndex ? nil : CatalogIndexer(directory: dir.indexPath),
                logger: logger, store: try common.harvestStore(dir, config: config))
            let outcome = try await Interruptible.run { try await harvester.run() }
            progress?.finish()
            if let report {
                try ReportWriter.write(outcome, to: report)
            }
            if !quiet { print(Summary.lines(outcome).joined(separator: "\n")) }
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        }
    }
}
