import Foundation
import OGPCatalog
import OGPHarvest
import OGPIndex
import OGPModel
import OGPStore
import OGPTestServer
import Testing

/// Search hosts: each machine that serves search keeps its own index, which follows one shared
/// PostgreSQL catalogue through its own cursor (`ogp index --follow`); they converge on the same
/// results, one that was down catches up, an archived record leaves both.
@Suite(.enabled(if: TestPostgres.serverURL != nil, TestPostgres.skipReason))
struct IndexFollowerTests {
    /// Three text sources, each with its own word (`mot1`…), and the workspace's configuration.
    static func setUp() throws -> (Workspace, TestServer) {
        let workspace = try Workspace(store: .postgres)
        let server = try TestServer()
        var entries: [String] = []
        for i in 1...3 {
            serve(server, i, word: "zorglub\(i)")
            entries.append(Workspace.source("page\(i)", kind: "text", url: server.url("/page\(i).txt")))
        }
        try workspace.writeConfig(entries)
        return (workspace, server)
    }

    static func serve(_ server: TestServer, _ i: Int, word: String) {
        let body = "Page \(i)\n\nLe plan d'action national pour un gouvernement ouvert mentionne \(word).\n"
        server.route(
            "/page\(i).txt",
            TestResponse(headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(body.utf8)))
    }

    /// What the child processes wrote (for failure messages).
    static func output(_ workspace: Workspace) -> String {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: workspace.root.path)) ?? []
        return files.filter { $0.hasPrefix("stdout-") || $0.hasPrefix("stderr-") }.sorted().compactMap {
            try? "\($0):\n" + String(contentsOf: workspace.root.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }

    /// A harvest into the shared catalogue that leaves the index to the search hosts.
    static func harvest(_ workspace: Workspace) async throws -> HarvestReport {
        let harvester = Harvester(
            config: try Configuration.load(path: workspace.configPath), dataDirectory: workspace.dataDirectory,
            options: HarvestOptions(), indexer: nil, store: try workspace.store())
        return try await harvester.run()
    }

    /// The ids an index finds for `query` (sorted, exact matches: with typo tolerance a word no
    /// segment holds any more falls back to its neighbours), or nil when it has no committed index.
    static func hits(_ directory: String, _ query: String) -> [String]? {
        guard let reader = try? IndexReader(directory: directory) else { return nil }
        let request = SearchRequest(query: query, limit: 50, typoTolerance: false, prefixLastWord: false)
        return (try? reader.searchIDs(request))?.map(\.id).sorted()
    }

    @Test func twoSearchHostsConvergeAndOneThatWasDownCatchesUp() async throws {
        let (workspace, server) = try Self.setUp()
        defer { workspace.remove(); server.stop() }
        #expect(try await Self.harvest(workspace).exitCode == 0)
        let store = try workspace.store()
        let a = CatalogIndexer(
            directory: workspace.root.appendingPathComponent("host-a/index").path,
            follower: IndexFollower(rawValue: "host-a:/index"))
        let b = CatalogIndexer(
            directory: workspace.root.appendingPathComponent("host-b/index").path,
            follower: IndexFollower(rawValue: "host-b:/index"))
        let records = try workspace.records()
        #expect(try a.update(from: store).indexed == records.count)
        #expect(try b.update(from: store).indexed == records.count, "a's update hid nothing from b")
        let page1 = try #require(Self.hits(a.directory, "zorglub1"))
        #expect(page1.count == 1)
        #expect(Self.hits(b.directory, "zorglub1") == page1)
        #expect(try a.update(from: store).indexed == 0)

        // A change and an archival while b is down; a follows.
        Self.serve(server, 2, word: "marsupilami")
        #expect(try await Self.harvest(workspace).exitCode == 0)
        let archived = try #require(Self.hits(a.directory, "zorglub3")?.first)
        #expect(try store.archive(RecordID(rawValue: archived), reason: "manual", at: Date()))
        let passA = try a.update(from: store)
        // The changed page (and whatever the plans pass linked to it anew).
        #expect(passA.indexed >= 1 && passA.deleted == 1)
        #expect(Self.hits(a.directory, "marsupilami")?.count == 1)
        #expect(Self.hits(a.directory, "zorglub2") == [])
        #expect(Self.hits(a.directory, "zorglub3") == [])
        #expect(Self.hits(b.directory, "zorglub3") == [archived], "b is behind")
        let states = try store.indexFollowers()
        #expect((states.first { $0.follower == b.follower }?.pending ?? 0) >= 2)
        #expect(states.first { $0.follower == a.follower }?.pending == 0)

        // b comes back and catches up: both answer the same.
        let passB = try b.update(from: store)
        #expect(passB.indexed == passA.indexed && passB.deleted == 1)
        for query in ["zorglub1", "zorglub2", "zorglub3", "marsupilami", "gouvernement ouvert"] {
            #expect(Self.hits(a.directory, query) == Self.hits(b.directory, query), "\(query)")
        }
        #expect(
            try IndexReader(directory: a.directory).liveDocuments == IndexReader(directory: b.directory).liveDocuments)
    }

    /// An index deleted by hand is rebuilt whole, whatever its cursor said.
    @Test func aDeletedIndexIsRebuiltFromTheStart() async throws {
        let (workspace, server) = try Self.setUp()
        defer { workspace.remove(); server.stop() }
        #expect(try await Self.harvest(workspace).exitCode == 0)
        let store = try workspace.store()
        let a = CatalogIndexer(
            directory: workspace.root.appendingPathComponent("host-a/index").path,
            follower: IndexFollower(rawValue: "host-a:/index"))
        let count = try a.update(from: store).indexed
        #expect(count > 0)
        try FileManager.default.removeItem(atPath: a.directory)
        #expect(try a.update(from: store).indexed == count)
        #expect(Self.hits(a.directory, "zorglub1")?.count == 1)
    }

    /// `ogp index --follow` processes: one running during the harvest, one started after it (a
    /// host that was down); both converge, an archived record leaves both, `ogp status` lists
    /// them, SIGTERM and SIGINT stop them with exit 130.
    @Test(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
    func followProcessesConvergeAndStopOnSignals() async throws {
        let (workspace, server) = try Self.setUp()
        defer { workspace.remove(); server.stop() }
        let url = try #require(workspace.storeURL)
        _ = try workspace.store()
        func follower(_ name: String) throws -> (Process, String) {
            let index = workspace.root.appendingPathComponent("\(name)/index").path
            let process = try OGPBinary.start(
                [
                    "index", "--follow", "--interval", "0.2", "--store", url, "--data-dir",
                    workspace.root.appendingPathComponent(name).path, "--index", index,
                ], in: workspace.root
            ).0
            return (process, index)
        }
        /// Waits (off the cooperative pool) until `query` gives `count` hits in `index`.
        func waitFor(_ index: String, _ query: String, count: Int) async throws -> Bool {
            try await OGPBinary.offPool {
                let deadline = Date().addingTimeInterval(90)
                while Date() < deadline {
                    if Self.hits(index, query)?.count == count { return true }
                    usleep(100_000)
                }
                return false
            }
        }
        let (first, indexA) = try follower("host-a")
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        #expect(try await Self.harvest(workspace).exitCode == 0)
        #expect(try await waitFor(indexA, "zorglub1", count: 1), "the running follower indexed the harvest")
        let (second, indexB) = try follower("host-b")
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
        #expect(try await waitFor(indexB, "zorglub1", count: 1), "the late follower caught up")

        let store = try workspace.store()
        let archived = try #require(Self.hits(indexA, "zorglub2")?.first)
        #expect(try store.archive(RecordID(rawValue: archived), reason: "manual", at: Date()))
        #expect(try await waitFor(indexA, "zorglub2", count: 0), "\(Self.output(workspace))")
        #expect(try await waitFor(indexB, "zorglub2", count: 0), "\(Self.output(workspace))")
        #expect(Self.hits(indexA, "gouvernement ouvert") == Self.hits(indexB, "gouvernement ouvert"))

        let status = try OGPBinary.run(
            ["status", "--store", url, "--data-dir", workspace.root.appendingPathComponent("host-a").path],
            in: workspace.root)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("host-a/index: up to date"), "\(status.stdout)")
        #expect(status.stdout.contains("host-b/index: up to date"), "\(status.stdout)")
        // `ogp show` reads the shared catalogue too (it opened the data directory's SQLite file
        // whatever --store or the configuration's store said: "no catalogue").
        let hit = try #require(Self.hits(indexA, "zorglub1")?.first)
        let shown = try OGPBinary.run(
            ["show", "--store", url, "--data-dir", workspace.root.appendingPathComponent("host-a").path, hit],
            in: workspace.root)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains(hit), "\(shown.stdout)")

        kill(first.processIdentifier, SIGTERM)
        kill(second.processIdentifier, SIGINT)
        let codes = try await OGPBinary.offPool {
            first.waitUntilExit()
            second.waitUntilExit()
            return [first.terminationStatus, second.terminationStatus]
        }
        #expect(codes == [130, 130])
    }

    /// `ogp index --update` on a SQLite data directory harvested without the index: the data
    /// directory's own (`local`) index; `--forget` removes a follower `ogp status` lists.
    @Test(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
    func updateOnceOnSQLiteAndForget() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        Self.serve(server, 1, word: "zorglub1")
        try workspace.writeConfig([Workspace.source("page1", kind: "text", url: server.url("/page1.txt"))])
        let dir = workspace.dataDirectory.path
        let harvest = try OGPBinary.run(
            ["harvest", "--config", workspace.configPath, "--data-dir", dir, "--no-index", "--quiet"],
            in: workspace.root)
        #expect(harvest.status == 0, "\(harvest.stderr)")
        #expect(Self.hits(workspace.dataDirectory.indexPath, "zorglub1") == nil)
        let update = try OGPBinary.run(["index", "--update", "--data-dir", dir], in: workspace.root)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout.contains("[local]"), "\(update.stdout)")
        #expect(Self.hits(workspace.dataDirectory.indexPath, "zorglub1")?.count == 1)
        let other = workspace.root.appendingPathComponent("other-index").path
        #expect(
            try OGPBinary.run(["index", "--update", "--data-dir", dir, "--index", other], in: workspace.root).status
                == 0)
        #expect(Self.hits(other, "zorglub1")?.count == 1)
        let followers = try workspace.store().indexFollowers().map(\.follower.rawValue)
        #expect(followers.count == 2 && followers.contains("local"))
        let name = try #require(followers.first { $0 != "local" })
        #expect(try OGPBinary.run(["index", "--forget", name, "--data-dir", dir], in: workspace.root).status == 0)
        let again = try OGPBinary.run(["index", "--forget", name, "--data-dir", dir], in: workspace.root)
        #expect(again.status == 66 && again.stderr.contains("known: local"), "\(again.stderr)")
    }
}
