import ArgumentParser
import Foundation
import Logging
import OGPCatalog
import OGPCommandLine
import OGPHarvest
import OGPStore

/// `ogp harvest`: fetch every configured source, store what changed, update the index.
struct HarvestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest",
        abstract: "Harvest the configured sources into the catalogue and update the search index.",
        discussion: """
            Incremental: conditional requests, content hashes, modified_after and git diffs, so a run right after another writes nothing. One run at a time (a lock in the data directory).

            Failed and suspicious sources, with the reason of each failed item, are always written to standard error, even with --quiet.

            Exit codes:
              0    every source ok
              1    some items failed (the rest was harvested)
              2    at least one source failed, timed out or looked suspicious (zero items,
                   or more than half failed); the others were harvested
              3    another harvest holds the lock
              64   usage error
              66   the configuration file is missing
              73   cannot create the data directory, the report or the log file
              74   I/O error
              78   configuration error
              130  interrupted (SIGINT/SIGTERM): the run is recorded as interrupted

            Examples:
              ogp harvest --config config/sources.yml
              ogp harvest --config config/demo.yml --data-dir demo-data --report report.json
              ogp harvest --source datagouv-ogp --dry-run
              ogp harvest --store postgres://ogp@db/ogp --worker "$(hostname)"
              ogp harvest --quiet --log-level info --log-file /var/log/ogp/harvest.log
            """
    )

    @OptionGroup var common: DataOptions

    @OptionGroup var stores: StoreOptions

    @Option(help: "Share the open run's sources with other workers (PostgreSQL store): this worker's name.")
    var worker: String?

    @Option(
        help: "With --worker: seconds a source's lease lasts without a heartbeat before another worker takes it over.")
    var leaseSeconds: Double = 60

    @Option(
        name: .customLong("source"), help: "Harvest only this source (repeatable).",
        completion: .custom { words, _, _ in SourceNames.complete(words) })
    var sources: [String] = []

    @Flag(help: "Fetch and parse, report what would change, write nothing.")
    var dryRun = false

    @Option(
        parsing: .unconditional, help: "Stop each source after this many items (at least 1).",
        transform: PositiveCount.transform)
    var maxItems: PositiveCount?

    @Flag(help: "Ignore validators and hashes: re-fetch and re-parse everything.")
    var full = false

    @Flag(help: "Leave the search index for later (the next harvest or `ogp index --rebuild` indexes what is pending).")
    var noIndex = false

    @Option(help: "Write the JSON report of the run to this file.", completion: .file(extensions: ["json"]))
    var report: String?

    @Option(
        parsing: .unconditional, help: "Seconds for the whole run (default: the configuration's run_time_limit).",
        transform: Seconds.transform)
    var timeLimit: Seconds?

    @Flag(
        name: .shortAndLong,
        help: "No progress display and no summary (failures and suspicious sources still go to standard error).")
    var quiet = false

    @OptionGroup var logging: LogOptions

    func run() async throws {
        try await reportingFailures {
            let logger = try logging.makeLogger(label: "ogp.harvest")
            guard let config = try common.loadConfiguration(required: true) else { return }
            let dir = common.dataDirectory(config)
            let progress = quiet ? nil : ProgressDisplay.forTerminal()
            var options = HarvestOptions(
                sources: sources, dryRun: dryRun, maxItems: maxItems?.value, full: full, runTimeLimit: timeLimit?.value,
                progress: progress.map { display in { @Sendable event in display.update(event) } })
            if let progress {
                options.transferProgress = { @Sendable transfer in
                    progress.transfer(
                        source: transfer.tag ?? "fetch", received: transfer.received, expected: transfer.expected,
                        finished: transfer.finished)
                }
            }
            if let worker {
                guard !worker.isEmpty, worker.count <= 100, leaseSeconds >= 1, leaseSeconds <= 86_400 else {
                    throw CommandFailure(.usage, "--worker takes a name (1–100 characters), --lease-seconds 1 to 86400")
                }
                options.worker = worker
                options.leaseSeconds = leaseSeconds
            }
            let shared = try stores.openShared(dir, config: config)
            // This machine's index of a shared catalogue advances its own cursor (IndexFollower).
            let follower: IndexFollower = shared == nil ? .local : .host(indexDirectory: dir.indexPath)
            let harvester = Harvester(
                config: config, dataDirectory: dir, options: options,
                indexer: noIndex ? nil : CatalogIndexer(directory: dir.indexPath, follower: follower), logger: logger,
                store: shared)
            let outcome = try await Interruptible.run { try await harvester.run() }
            progress?.finish()
            if let report {
                try ReportWriter.write(outcome, to: report)
            }
            if !quiet {
                Console.line(
                    Summary.lines(outcome, width: Console.width(of: STDOUT_FILENO, fallback: 100)).joined(
                        separator: "\n"))
            }
            for line in Summary.problems(outcome) { Console.error("ogp: \(line)") }
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        }
    }
}
