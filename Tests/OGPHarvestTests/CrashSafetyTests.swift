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

    @Test(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
    func killedRunsThenARerunEndWithTheSameCatalogue() async throws {
        try await OGPBinary.offPool { try Self.killedRunsThenARerun() }
    }

    static func killedRunsThenARerun() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let reference = workspace.root.appendingPathComponent("reference").path
        let started = Date()
        let complete = try OGPBinary.run(Self.arguments(reference), in: workspace.root)
        let duration = Date().timeIntervalSince(started)
        #expect(complete.status == 0, "\(complete.stderr)")
        let expected = try Self.export(reference, to: workspace.root.appendingPathComponent("expected.json").path)

        // Kill points spread over the length of a whole run (not an assertion on time: where
        // each kill lands does not matter, only that the catalogue survives every one).
        let crashed = workspace.root.appendingPathComponent("crashed").path
        let catalog = DataDirectory(path: crashed).catalogPath
        var killed = 0
        for fraction in [0.2, 0.5, 0.8] {
            let (process, _, _) = try OGPBinary.start(Self.arguments(crashed), in: workspace.root)
            Thread.sleep(forTimeInterval: max(0.05, duration * fraction))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            if FileManager.default.fileExists(atPath: catalog) {
                #expect(try Self.integrity(catalog) == "ok", "after a kill at \(fraction)")
                _ = try SQLiteStore(path: catalog)
            }
        }
        #expect(killed > 0)
        let rerun = try OGPBinary.run(Self.arguments(crashed), in: workspace.root)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try Self.integrity(catalog) == "ok")
        let actual = try Self.export(crashed, to: workspace.root.appendingPathComponent("actual.json").path)
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
        #expect(runs.first?.status == "ok")
        #expect(runs.dropFirst().allSatisfy { $0.status != "running" })
    }

    @Test(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
    func sigtermStopsCleanlyAndTheRunIsRecordedAsInterrupted() async throws {
        try await OGPBinary.offPool { try Self.sigtermStopsCleanly() }
    }

    static func sigtermStopsCleanly() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let dataDir = workspace.root.appendingPathComponent("data").path
        let catalog = DataDirectory(path: dataDir).catalogPath
        // The demo sources plus one whose server answers only after 20 s: the run is still
        // going when it is asked to stop, however fast this machine harvests the rest.
        let server = try TestServer()
        defer { server.stop() }
        server.route("/slow", TestResponse(body: Array("late".utf8), delay: 20))
        let demo = try String(contentsOfFile: Self.demoConfig, encoding: .utf8)
        let configDir = Workspace.repository.appendingPathComponent("config").path
        let config = demo
            .replacingOccurrences(of: "url: file:demo/", with: "url: file://\(configDir)/demo/")
            .replacingOccurrences(of: "plans: plans.yml", with: "plans: \(configDir)/plans.yml")
            + "\n  - name: slow-page\n    kind: html\n    url: \(server.url("/slow"))\n    allow_private_network: true\n"
        let configPath = workspace.root.appendingPathComponent("slow.yml").path
        try Data(config.utf8).write(to: URL(fileURLWithPath: configPath))
        let (process, _, _) = try OGPBinary.start(
            ["harvest", "--config", configPath, "--data-dir", dataDir, "--quiet"], in: workspace.root)
        // Wait until the run has written records, then ask it to stop.
        var writing = false
        for _ in 0..<600 where process.isRunning && !writing {
            Thread.sleep(forTimeInterval: 0.02)
            if FileManager.default.fileExists(atPath: catalog), let store = try? SQLiteStore(path: catalog) {
                writing = ((try? store.counts()) ?? [:]).values.reduce(0, +) > 0
            }
        }
        try #require(process.isRunning, "the run ended before it could be interrupted")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try Self.integrity(catalog) == "ok")
        let run = try #require(try SQLiteStore(path: catalog).runs(limit: 1).first)
        #expect(run.status == "interrupted")
        #expect(run.endedAt != nil)
        let sources = try SQLiteStore(path: catalog).sourceReports(run: run.id)
        #expect(!sources.contains { $0.status == "failed" }, "\(sources.map { ($0.source, $0.status, $0.message) })")
        #expect(HarvestLock.holder(at: DataDirectory(path: dataDir).lockPath) == nil)
    }
}
