import Foundation
import OGPCatalog
import OGPHarvest
import OGPModel
import OGPStore
import OGPTestServer
import Testing

/// Harvest workers: several `ogp harvest --worker` processes share one run's sources through
/// leases in PostgreSQL; the result is the catalogue a single SQLite harvest makes.
@Suite(.enabled(if: TestPostgres.serverURL != nil && OGPBinary.path != nil, TestPostgres.skipReason))
struct WorkerHarvestTests {
    static let sourceCount = 20

    /// Twenty text sources on the test server, each answering after `delay` seconds.
    static func serve(_ server: TestServer, delay: Double, slow: String? = nil) throws -> [String] {
        let text = String(decoding: try Workspace.fixture("pages/002_8cef8a0224ee8d09.txt"), as: UTF8.self)
        var entries: [String] = []
        for i in 1...sourceCount {
            let name = String(format: "page%02d", i)
            let body = Array("Source \(i)\n\n\(text)".utf8)
            let response = TestResponse(
                headers: [("Content-Type", "text/plain; charset=utf-8")], body: body, delay: delay)
            if name == slow {
                // The first worker hangs on this one; whoever takes it over gets an answer.
                var hanging = response
                hanging.delay = 600
                server.sequence("/\(name).txt", [hanging, response])
            } else {
                server.route("/\(name).txt", response)
            }
            // A request may take as long as the hanging answer: the worker is killed before.
            entries.append(
                Workspace.source(name, kind: "text", url: server.url("/\(name).txt"), extra: ["timeout: 900"]))
        }
        return entries
    }

    /// `ogp harvest --worker NAME` against `store`, in its own data directory.
    static func startWorker(_ name: String, workspace: Workspace, store: String, lease: Int = 60) throws -> Process {
        try OGPBinary.start(
            [
                "harvest", "--config", workspace.configPath, "--data-dir",
                workspace.root.appendingPathComponent("data-\(name)").path,
                "--store", store, "--worker", name, "--lease-seconds", "\(lease)", "--quiet",
                "--report", workspace.root.appendingPathComponent("report-\(name).json").path,
            ], in: workspace.root
        ).0
    }

    /// Waits (on a GCD thread, by the clock: the cooperative pool may be busy with other tests)
    /// until `path` was requested or the worker ended, for at most two minutes.
    static func waitUntilRequested(_ path: String, server: TestServer, worker: Process) async throws {
        _ = try await OGPBinary.offPool {
            let deadline = Date().addingTimeInterval(120)
            while server.requests(path: path).isEmpty && worker.isRunning && Date() < deadline { usleep(20_000) }
        }
    }

    /// What the workers wrote on standard error (for failure messages).
    static func output(_ workspace: Workspace) -> String {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: workspace.root.path)) ?? []
        return files.filter { $0.hasPrefix("stderr-") }.compactMap {
            try? String(contentsOf: workspace.root.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }

    static func report(_ name: String, _ workspace: Workspace) throws -> HarvestReport {
        try JSONDecoder().decode(
            HarvestReport.self, from: Data(contentsOf: workspace.root.appendingPathComponent("report-\(name).json")))
    }

    static func exportOf(_ store: any CatalogStore, _ workspace: Workspace) throws -> Data {
        let path = workspace.root.appendingPathComponent("export-\(UUID().uuidString).json").path
        try Exporter(store: store).export(.init(reproducible: true), to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// The same configuration harvested in process into SQLite: the reference export.
    static func referenceExport(_ workspace: Workspace) async throws -> Data {
        let report = try await workspace.harvest()
        #expect(report.exitCode == 0)
        return try workspace.export()
    }

    @Test func twoWorkersHarvestEverySourceOnceAndMatchASingleSQLiteRun() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        try workspace.writeConfig(try Self.serve(server, delay: 0.4))
        let url = try TestPostgres.freshDatabase()
        _ = try PostgresStore(url: url)
        let a = try Self.startWorker("A", workspace: workspace, store: url)
        let b = try Self.startWorker("B", workspace: workspace, store: url)
        let statuses = try await OGPBinary.offPool { [a, b] in
            a.waitUntilExit()
            b.waitUntilExit()
            return [a.terminationStatus, b.terminationStatus]
        }
        #expect(statuses == [0, 0])
        for i in 1...Self.sourceCount {
            #expect(server.requests(path: String(format: "/page%02d.txt", i)).count == 1, "page\(i) fetched once")
        }
        let store = try PostgresStore(url: url)
        let run = try #require(try store.runs(limit: 5).first)
        #expect(try store.runs(limit: 5).count == 1)
        #expect(run.status == .ok)
        let leases = try store.leases(run: run.id)
        #expect(leases.count == Self.sourceCount)
        #expect(leases.allSatisfy { $0.state == .done && $0.attempts == 1 })
        #expect(Set(leases.compactMap(\.worker)) == ["A", "B"], "both workers took sources")
        // Each report covers the run; the sources name their worker, as the leases do.
        let reports = try [Self.report("A", workspace), Self.report("B", workspace)]
        #expect(reports.allSatisfy { $0.runID == run.id })
        let byLease = Dictionary(uniqueKeysWithValues: leases.map { ($0.source, $0.worker) })
        for report in reports {
            for source in report.sources where source.kind != "plans" { #expect(source.worker == byLease[source.name]) }
        }
        #expect(reports.filter { $0.index != nil }.count == 1, "the worker that closed the run indexed it")
        let shared = try Self.exportOf(store, workspace)
        #expect(shared == (try await Self.referenceExport(workspace)))
    }

    @Test func aKilledWorkersSourceIsTakenOverAfterItsLeaseExpires() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        try workspace.writeConfig(try Self.serve(server, delay: 0, slow: "page07"))
        let url = try TestPostgres.freshDatabase()
        _ = try PostgresStore(url: url)
        let a = try Self.startWorker("A", workspace: workspace, store: url, lease: 3)
        try await Self.waitUntilRequested("/page07.txt", server: server, worker: a)
        try #require(a.isRunning && !server.requests(path: "/page07.txt").isEmpty, "\(Self.output(workspace))")
        kill(a.processIdentifier, SIGKILL)
        _ = try await OGPBinary.offPool { a.waitUntilExit() }
        let b = try Self.startWorker("B", workspace: workspace, store: url, lease: 3)
        let status = try await OGPBinary.offPool {
            b.waitUntilExit(); return b.terminationStatus
        }
        #expect(status == 0)
        let store = try PostgresStore(url: url)
        let run = try #require(try store.runs(limit: 1).first)
        #expect(run.status == .ok)
        let slow = try #require(try store.leases(run: run.id).first { $0.source == "page07" })
        #expect(slow.worker == "B" && slow.previousWorker == "A" && slow.attempts == 2 && slow.state == .done)
        let report = try Self.report("B", workspace)
        let taken = try #require(report.source("page07"))
        #expect(taken.worker == "B" && taken.status == .ok)
        #expect(taken.warnings.contains { $0.contains("taken over from worker A") })
        #expect(try store.leases(run: run.id).allSatisfy { $0.state == .done })
        let shared = try Self.exportOf(store, workspace)
        #expect(shared == (try await Self.referenceExport(workspace)))
    }

    @Test func aPlainHarvestNeverRunsBesideWorkersAndWorkersNeedPostgreSQL() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        try workspace.writeConfig(try Self.serve(server, delay: 0, slow: "page03"))
        let url = try TestPostgres.freshDatabase()
        _ = try PostgresStore(url: url)
        let a = try Self.startWorker("A", workspace: workspace, store: url, lease: 30)
        defer { kill(a.processIdentifier, SIGKILL) }
        try await Self.waitUntilRequested("/page03.txt", server: server, worker: a)
        try #require(a.isRunning && !server.requests(path: "/page03.txt").isEmpty, "\(Self.output(workspace))")
        // `ogp status` shows the workers' run and who holds which source.
        let status = try await OGPBinary.offPool {
            try OGPBinary.run(
                [
                    "status", "--config", workspace.configPath, "--data-dir", workspace.dataDirectory.path, "--store",
                    url, "--json",
                ],
                in: workspace.root)
        }
        #expect(status.status == 0, "\(status.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(json["lock"] != nil, "\(status.stdout)")
        let leases = try #require((json["sharedRun"] as? [String: Any])?["leases"] as? [[String: Any]])
        let held = try #require(leases.first { $0["source"] as? String == "page03" })
        #expect(held["state"] as? String == "leased" && held["worker"] as? String == "A")
        let plain = try await OGPBinary.offPool {
            try OGPBinary.run(
                [
                    "harvest", "--config", workspace.configPath, "--data-dir", workspace.dataDirectory.path, "--store",
                    url, "--quiet",
                ],
                in: workspace.root)
        }
        #expect(plain.status == 3, "\(plain.stderr)")
        #expect(plain.stderr.contains("another harvest is running"))
        let sqliteWorker = try await OGPBinary.offPool {
            try OGPBinary.run(
                [
                    "harvest", "--config", workspace.configPath, "--data-dir", workspace.dataDirectory.path, "--worker",
                    "C", "--quiet",
                ],
                in: workspace.root)
        }
        #expect(sqliteWorker.status == 78, "\(sqliteWorker.stderr)")
        #expect(sqliteWorker.stderr.contains("PostgreSQL"))
    }
}
