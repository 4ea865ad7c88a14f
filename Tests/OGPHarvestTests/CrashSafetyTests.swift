import Foundation
import GRDB
import OGPCatalog
import OGPHarvest
import OGPIndex
import OGPStore
import OGPTestServer
import Testing

/// SIGKILL at several points of a run of the demo config (the `udata-csv` source writes in
/// batches), each time the catalogue intact; then a run to completion exports exactly what an
/// uninterrupted run exports.
@Suite struct CrashSafetyTests {
    static var demoConfig: String { Workspace.repository.appendingPathComponent("config/demo.yml").path }

    static func arguments(_ dataDir: String) -> [String] {
        ["harvest", "--config", demoConfig, "--data-dir", dataDir, "--quiet"]
    }

    /// `PRAGMA integrity_check` of a catalogue, and whether its schema is there.
    static func integrity(_ path: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    static func export(_ dataDir: String, to path: String) throws -> Data {
        let store = try SQLiteStore(path: DataDirectory(path: dataDir).catalogPath)
        try Exporter(store: store).export(.init(reproducible: true), to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Starts a harvest, SIGKILLs it after `seconds` (if still running) and waits for it.
    /// Returns whether it was killed. Blocking work, off the cooperative pool.
    static func harvestKilled(after seconds: Double, dataDir: String, in directory: URL) async throws -> Bool {
        try await OGPBinary.offPool {
            let (process, _, _) = try OGPBinary.start(Self.arguments(dataDir), in: directory)
            Thread.sleep(forTimeInterval: seconds)
            let running = process.isRunning
            if running { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return running
        }
    }

    @Test(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
    func killedRunsThenARerunEndWithTheSameCatalogue() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let root = workspace.root
        let reference = root.appendingPathComponent("reference").path
        let started = Date()
        let complete = try await OGPBinary.offPool { try OGPBinary.run(Self.arguments(reference), in: root) }
        let duration = Date().timeIntervalSince(started)
        #expect(complete.status == 0, "\(complete.stderr)")
        let expected = try Self.export(reference, to: root.appendingPathComponent("expected.json").path)

        // Kill points spread over the length of a whole run (not an assertion on time: where
        // each kill lands does not matter, only that the catalogue survives every one).
        let crashed = root.appendingPathComponent("crashed").path
        let catalog = DataDirectory(path: crashed).catalogPath
        var killed = 0
        for fraction in [0.2, 0.5, 0.8] {
            if try await Self.harvestKilled(after: max(0.05, duration * fraction), dataDir: crashed, in: root) {
                killed += 1
            }
            if FileManager.default.fileExists(atPath: catalog) {
                #expect(try Self.integrity(catalog) == "ok", "after a kill at \(fraction)")
                _ = try SQLiteStore(path: catalog)
            }
        }
        // Under load a run can end before its kill point (the reference run was the slow one):
        // then kill a run from an empty data directory, sooner and sooner, until one lands.
        var delay = max(0.02, duration * 0.1)
        while killed == 0, delay >= 0.005 {
            try? FileManager.default.removeItem(atPath: crashed)
            if try await Self.harvestKilled(after: delay, dataDir: crashed, in: root) { killed += 1 }
            if FileManager.default.fileExists(atPath: catalog) {
                #expect(try Self.integrity(catalog) == "ok", "after a kill at \(delay) s")
            }
            delay /= 2
        }
        #expect(killed > 0)
        let rerun = try await OGPBinary.offPool { try OGPBinary.run(Self.arguments(crashed), in: root) }
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try Self.integrity(catalog) == "ok")
        let actual = try Self.export(crashed, to: root.appendingPathComponent("actual.json").path)
        #expect(actual == expected)
        if actual != expected {
            let a = String(decoding: expected, as: UTF8.self).split(separator: "\n")
            let b = String(decoding: actual, as: UTF8.self).split(separator: "\n")
            if let line = Array(zip(a, b)).firstIndex(where: { $0.0 != $0.1 }) {
                Issue.record("first difference, line \(line + 1):\n\(a[line].prefix(300))\n\(b[line].prefix(300))")
            }
        }
        // The index too ends as an uninterrupted run's: same documents, as many matches.
        let expectedIndex = try IndexReader(directory: DataDirectory(path: reference).indexPath)
        let actualIndex = try IndexReader(directory: DataDirectory(path: crashed).indexPath)
        #expect(actualIndex.liveDocuments == expectedIndex.liveDocuments)
        #expect(actualIndex.liveDocuments == (try SQLiteStore(path: catalog).counts().values.reduce(0, +)))
        for query in ["gouvernement ouvert", "plan d'action national", "données environnementales"] {
            let request = SearchRequest(query: query, limit: 5, includeHidden: true, snippets: false)
            #expect(try actualIndex.search(request).total == expectedIndex.search(request).total, "\(query)")
        }
        let runs = try SQLiteStore(path: catalog).runs(limit: 10)
        #expect(runs.first?.status == .ok)
        #expect(runs.dropFirst().allSatisfy { $0.status != .running })
    }

    /// SIGTERM while a source waits on a slow server: exit 130, the run and that source
    /// recorded as interrupted (not failed), the catalogue intact, the lock released.
    @Test(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
    func sigtermStopsCleanlyAndTheRunIsRecordedAsInterrupted() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try FixtureServer()
        defer { server.stop() }
        server.server.route(
            "/slow.txt",
            TestResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Array("lent\n".utf8), delay: 60))
        let csv = Workspace.repository.appendingPathComponent(
            "config/demo/datagouv-export/export-dataset-20260116-slice.csv")
        try workspace.writeConfig([
            "  - name: datagouv-export\n    kind: udata-csv\n    url: \(csv.absoluteString)",
            Workspace.source("slow", kind: "text", url: server.url("/slow.txt")),
        ])
        let dataDir = workspace.dataDirectory.path
        let catalog = workspace.dataDirectory.catalogPath
        let (process, _, errURL) = try OGPBinary.start(
            ["harvest", "--config", workspace.configPath, "--data-dir", dataDir, "--quiet"], in: workspace.root)
        // Waited for and signalled off the cooperative pool: other tests' synchronous work can
        // hold its two threads long enough for ogp's own low-speed timeout to end the request.
        let testServer = server.server
        let signalled = try await OGPBinary.offPool { () -> Bool in
            for _ in 0..<3000 where testServer.requests(path: "/slow.txt").isEmpty && process.isRunning {
                Thread.sleep(forTimeInterval: 0.02)
            }
            guard process.isRunning, !testServer.requests(path: "/slow.txt").isEmpty else { return false }
            kill(process.processIdentifier, SIGTERM)
            return true
        }
        try #require(
            signalled,
            "ogp ended early (\(process.isRunning ? "running" : "exit \(process.terminationStatus)")): \((try? String(contentsOf: errURL, encoding: .utf8)) ?? "")"
        )
        let status = try await OGPBinary.offPool {
            process.waitUntilExit(); return process.terminationStatus
        }
        #expect(status == 130)
        #expect(try Self.integrity(catalog) == "ok")
        let store = try SQLiteStore(path: catalog)
        let run = try #require(try store.runs(limit: 1).first)
        #expect(run.status == .interrupted)
        #expect(run.endedAt != nil)
        let sources = try store.sourceReports(run: run.id)
        #expect(
            sources.first { $0.source == "slow" }?.status == .interrupted,
            "\(sources.map { ($0.source, $0.status, $0.message) })")
        #expect(!sources.contains { $0.status == .failed })
        #expect(HarvestLock.holder(at: workspace.dataDirectory.lockPath) == nil)
    }
}
