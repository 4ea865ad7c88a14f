import ArgumentParser
import Foundation
import OGPCatalog
import OGPHarvest
import OGPModel
import OGPStore

/// `ogp status`: the last runs, the sources that failed or looked suspicious, the catalogue.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last harvest runs, failing or suspicious sources, and the catalogue's size.",
        discussion: """
            Examples:
              ogp status --data-dir demo-data
              ogp status --runs 10 --json
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "How many runs to show.")
    var runs: Int = 5

    @Flag(help: "Print JSON.")
    var json = false

    struct Output: Encodable {
        var dataDir: String
        var lock: HarvestLock.Holder?
        var counts: [String: Int]
        var pendingIndex: Int
        var runs: [Run]
        var attention: [String]
        /// The run harvest workers share (PostgreSQL store), with each source's lease.
        var sharedRun: SharedRun?

        struct SharedRun: Encodable {
            var run: String
            var leases: [SourceLease]
        }

        struct Run: Encodable {
            var run: RunInfo
            var sources: [SourceRunInfo]
        }
    }

    func run() async throws {
        try await runReportingErrors {
            let config = try common.loadConfiguration(required: false)
            let dir = common.dataDirectory(config)
            let store = try common.openStore(dir, config: config, create: false)
            do {
                let output = try collect(store: store, dir: dir)
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(output), as: UTF8.self))
                } else {
                    print(render(output))
                }
            } catch let error as StoreError {
                throw CLIError(code: .io, message: error.description)
            }
        }
    }

    private func collect(store: any CatalogStore, dir: DataDirectory) throws -> Output {
        var lock = HarvestLock.holder(at: dir.lockPath)
        if let holder = lock, kill(holder.pid, 0) != 0 { lock = nil }
        var sharedRun: Output.SharedRun?
        if let leasing = store as? any SourceLeasing {
            // On PostgreSQL the harvest lock is in the database: busy while a harvest or workers run.
            lock = nil
            if let probe = try leasing.tryHarvestLock(shared: false) {
                probe.release()
            } else if let run = try store.runs(limit: 5).first(where: { $0.status == .running }) {
                lock = HarvestLock.Holder(pid: Int32(truncatingIfNeeded: run.pid), host: run.host, startedAt: run.startedAt, runID: run.id)
            }
            if let run = try leasing.openSharedRun() { sharedRun = Output.SharedRun(run: run, leases: try leasing.leases(run: run)) }
        }
        let counts = try store.counts()
        var runInfos: [Output.Run] = []
        var attention: [String] = []
        for run in try store.runs(limit: runs) {
            let sources = try store.sourceReports(run: run.id)
            runInfos.append(Output.Run(run: run, sources: sources))
        }
        if let last = runInfos.first {
            for s in last.sources where s.status != .ok {
                attention.append("\(s.source): \(s.status)\(s.message.map { " — \($0)" } ?? "") (run \(last.run.id))")
            }
            if last.run.status == .running, lock == nil {
                attention.append("run \(last.run.id) did not finish (killed?); the next harvest completes its work")
            }
        }
        return Output(
            dataDir: dir.path, lock: lock,
            counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
            pendingIndex: try store.pendingIndex(limit: 1_000_000).count, runs: runInfos, attention: attention,
            sharedRun: sharedRun)
    }

    private func render(_ o: Output) -> String {
        var lines = ["data directory: \(o.dataDir)"]
        lines.append(o.lock.map { "harvest running: \($0)" } ?? "no harvest running")
        let kinds = RecordKind.allCases.map { "\($0.rawValue) \(o.counts[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        lines.append("catalogue: \(kinds)" + (o.pendingIndex > 0 ? " (\(o.pendingIndex) not yet indexed)" : ""))
        lines.append("")
        lines.append("last runs:")
        for r in o.runs {
            lines.append("  \(r.run.id)  \(r.run.startedAt) → \(r.run.endedAt ?? "…")  \(r.run.status)")
            for s in r.sources {
                let c = s.counts
                lines.append("    \(s.source) [\(s.kind)] \(s.status): +\(c["added"] ?? 0) ~\(c["updated"] ?? 0) =\(c["unchanged"] ?? 0) !\(c["failed"] ?? 0) archived \(c["archived"] ?? 0)")
            }
        }
        if let shared = o.sharedRun {
            lines.append("")
            lines.append("workers' run \(shared.run):")
            for l in shared.leases {
                let lease = l.state == .leased ? " until \(l.leaseUntil ?? "?")" : ""
                lines.append("  \(l.source): \(l.state.rawValue)\(l.worker.map { " by \($0)" } ?? "")\(lease)\(l.status.map { " (\($0))" } ?? "")")
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
