import ArgumentParser
import Foundation
import OGPCommandLine
import OGPHarvest
import OGPModel
import OGPStore

/// `ogp status`: the last runs, the sources that failed or looked suspicious, the catalogue.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last harvest runs, failing or suspicious sources, and the catalogue's size.",
        discussion: """
            Only reads the data directory (a read-only one is fine).

            Examples:
              ogp status --data-dir demo-data
              ogp status --runs 10 --json
            """
    )

    @OptionGroup var common: DataOptions

    @OptionGroup var stores: StoreOptions

    @Option(parsing: .unconditional, help: "How many runs to show (at least 1).", transform: PositiveCount.transform)
    var runs = PositiveCount(5)

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        try reportingFailures {
            let config = try common.loadConfiguration(required: false)
            let dir = common.dataDirectory(config)
            let store = try stores.openForReading(dir, config: config, common: common)
            let status: CatalogStatus
            do {
                status = try CatalogStatus.collect(store: store, directory: dir, runs: runs.value)
            } catch let error as StoreError {
                throw CommandFailure(.io, error.description)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Console.line(String(decoding: try encoder.encode(status), as: UTF8.self))
            } else {
                Console.line(render(status))
            }
        }
    }

    private func render(_ o: CatalogStatus) -> String {
        var lines = ["data directory: \(o.dataDir)"]
        lines.append(o.lock.map { "harvest running: \($0)" } ?? "no harvest running")
        let kinds = RecordKind.allCases.map { "\($0.rawValue) \(o.counts[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        lines.append("catalogue: \(kinds)" + (o.pendingIndex > 0 ? " (\(o.pendingIndex) not yet indexed)" : ""))
        if o.indexFollowers.count > 1 || o.indexFollowers.contains(where: { $0.follower != .local }) {
            lines.append("search indexes following the catalogue:")
            for f in o.indexFollowers {
                lines.append(
                    "  \(f.follower): \(f.pending == 0 ? "up to date" : "\(f.pending) pending") (change \(f.appliedSequence), \(f.updatedAt))"
                )
            }
        }
        lines.append("")
        lines.append("last runs:")
        for r in o.runs {
            lines.append("  \(r.run.id)  \(r.run.startedAt) → \(r.run.endedAt ?? "…")  \(r.run.status)")
            for s in r.sources {
                let c = s.counts
                lines.append(
                    "    \(s.source) [\(s.kind)] \(s.status): +\(c["added"] ?? 0) ~\(c["updated"] ?? 0) =\(c["unchanged"] ?? 0) !\(c["failed"] ?? 0) archived \(c["archived"] ?? 0)"
                )
            }
        }
        if let shared = o.sharedRun {
            lines.append("")
            lines.append("workers' run \(shared.run):")
            for l in shared.leases {
                let lease = l.state == .leased ? " until \(l.leaseUntil ?? "?")" : ""
                lines.append(
                    "  \(l.source): \(l.state.rawValue)\(l.worker.map { " by \($0)" } ?? "")\(lease)\(l.status.map { " (\($0))" } ?? "")"
                )
            }
        }
        if !o.attention.isEmpty {
            lines.append("")
            lines.append("needs attention:")
            lines += o.attention.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
