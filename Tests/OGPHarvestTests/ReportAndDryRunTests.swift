import Foundation
import OGPHarvest
import OGPModel
import OGPStore
import Testing

/// `--dry-run` writes nothing; `--report FILE` has the documented shape (README, issue 7).
@Suite struct ReportAndDryRunTests {
    /// On PostgreSQL the dry run works in one transaction rolled back at the end.
    @Test(arguments: StoreChoice.available)
    func aDryRunOnAnEmptyCatalogueWritesNothing(_ choice: StoreChoice) async throws {
        let (workspace, server, datasets) = try IncrementalHarvestTests.setUp(choice)
        defer { workspace.remove(); server.stop() }
        let report = try await workspace.harvest(HarvestOptions(dryRun: true))
        #expect(report.dryRun)
        #expect(try #require(report.source("api")).items.added > datasets.count)
        #expect(try #require(report.source("csv")).items.added == 20)
        #expect(try workspace.records().isEmpty)
        #expect(try workspace.store().runs(limit: 5).isEmpty)
        #expect(try workspace.store().validators(for: server.url("/api/1/datasets/?page=1")) == nil)
        #expect(try workspace.store().indexFollowers().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: workspace.dataDirectory.lockPath))
        #expect(!FileManager.default.fileExists(atPath: workspace.dataDirectory.indexPath))

        // It reported exactly what the real run then does.
        let real = try await workspace.harvest()
        #expect(real.sources.map(\.name) == report.sources.map(\.name))
        for (dry, done) in zip(report.sources, real.sources) {
            #expect(dry.items == done.items, "\(dry.name)")
            #expect(dry.status == done.status, "\(dry.name)")
        }
    }

    @Test(arguments: StoreChoice.available)
    func aDryRunAfterAChangeReportsItButLeavesTheCatalogueAsItWas(_ choice: StoreChoice) async throws {
        let (workspace, server, datasets) = try IncrementalHarvestTests.setUp(choice)
        defer { workspace.remove() }
        _ = try await workspace.harvest()
        var changed = datasets
        changed[0]["title"] = "Marchés publics de la Métropole de Lyon (nouveau titre)"
        let pages = try UdataPages.pages(changed, pageSize: 3) { n in
            n < 3 ? server.url("/api/1/datasets/?page=\(n + 1)") : nil
        }
        server.serve("/api/1/datasets/?page=1", text: pages[0])
        let before = try workspace.export()
        let runs = try workspace.store().runs(limit: 10)
        let validators = try workspace.store().validators(for: server.url("/api/1/datasets/?page=1"))
        let versions = try workspace.store().changes(since: "0").count
        let followers = try workspace.store().indexFollowers()

        let report = try await workspace.harvest(HarvestOptions(dryRun: true))
        #expect(try #require(report.source("api")).items.updated == 1)
        #expect(try workspace.export() == before)
        #expect(try workspace.store().runs(limit: 10) == runs)
        #expect(try workspace.store().validators(for: server.url("/api/1/datasets/?page=1")) == validators)
        #expect(try workspace.store().changes(since: "0").count == versions)
        #expect(try workspace.store().indexFollowers() == followers)

        // The real run after it still sees the change.
        let real = try await workspace.harvest()
        #expect(try #require(real.source("api")).items.updated == 1)
    }

    /// `ogp harvest --dry-run --store postgres://…`: refused (exit 3) while workers hold the
    /// harvest lock, since its transaction would lock rows under them; then it reports the
    /// records and writes nothing.
    @Test(.enabled(if: TestPostgres.serverURL != nil && OGPBinary.path != nil, TestPostgres.skipReason))
    func aDryRunOnPostgreSQLRunsWhenNoHarvestDoesAndWritesNothing() throws {
        let (workspace, server, _) = try IncrementalHarvestTests.setUp(.postgres)
        defer { workspace.remove(); server.stop() }
        let url = try #require(workspace.storeURL)
        let store = try PostgresStore(url: url)
        let arguments = [
            "harvest", "--config", workspace.configPath, "--data-dir", workspace.dataDirectory.path, "--store", url,
            "--dry-run", "--quiet", "--report", workspace.root.appendingPathComponent("dry.json").path,
        ]
        let worker = try #require(try store.tryHarvestLock(shared: true))
        let refused = try OGPBinary.run(arguments, in: workspace.root)
        #expect(refused.status == 3, "\(refused.stderr)")
        worker.release()
        let dry = try OGPBinary.run(arguments, in: workspace.root)
        #expect(dry.status == 0, "\(dry.stderr)")
        let report = try JSONDecoder().decode(
            HarvestReport.self, from: Data(contentsOf: workspace.root.appendingPathComponent("dry.json")))
        #expect(report.dryRun && report.sources.contains { $0.items.added > 0 })
        #expect(try workspace.records().isEmpty)
        #expect(try store.runs(limit: 5).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: workspace.dataDirectory.path))
    }

    /// A released harvest lock is free at once: a harvest started right after the last one ends
    /// must not find it still held while the server closes the old connection.
    @Test(.enabled(if: TestPostgres.serverURL != nil, TestPostgres.skipReason))
    func aReleasedHarvestLockIsFreeAtOnce() throws {
        let (workspace, server, _) = try IncrementalHarvestTests.setUp(.postgres)
        defer { workspace.remove(); server.stop() }
        let store = try PostgresStore(url: try #require(workspace.storeURL))
        for round in 0..<50 {
            let lock = try #require(try store.tryHarvestLock(shared: false), "round \(round): still held")
            lock.release()
        }
    }

    @Test(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
    func theJSONReportHasTheDocumentedShape() throws {
        let (workspace, server, _) = try IncrementalHarvestTests.setUp()
        defer { workspace.remove() }
        server.fail("/ditp/pgo.txt", status: 503)
        let path = workspace.root.appendingPathComponent("report.json").path
        let result = try OGPBinary.run(
            [
                "harvest", "--config", workspace.configPath, "--data-dir", workspace.dataDirectory.path, "--report",
                path, "--quiet",
            ],
            in: workspace.root)
        #expect(result.status == 2, "\(result.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        for key in ["run_id", "started_at", "ended_at", "status", "exit_code", "dry_run", "sources"] {
            #expect(json[key] != nil, "\(key)")
        }
        #expect(json["status"] as? String == "sourceFailed")
        #expect(json["exit_code"] as? Int == 2)
        #expect(json["dry_run"] as? Bool == false)
        for key in ["started_at", "ended_at"] {
            #expect(ISODate.normalize(json[key] as? String ?? "") != nil, "\(key)")
        }
        let sources = try #require(json["sources"] as? [[String: Any]])
        // ogp-plans: the plans pass, with the built-in plans reference (the config names none).
        #expect(sources.compactMap { $0["name"] as? String }.sorted() == ["api", "csv", "ditp", "ogp-plans"])
        for source in sources {
            for key in ["name", "kind", "status", "message", "items", "http", "errors"] {
                #expect(source.keys.contains(key), "\(key)")
            }
            let items = try #require(source["items"] as? [String: Int])
            #expect(Set(items.keys) == ["added", "updated", "unchanged", "skipped", "failed", "archived"])
            let http = try #require(source["http"] as? [String: Int])
            #expect(Set(http.keys) == ["requests", "notModified", "retries", "bytes"])
            for error in try #require(source["errors"] as? [[String: Any]]) {
                #expect(Set(error.keys) == ["url", "item", "message"])
            }
        }
        let ditp = try #require(sources.first { $0["name"] as? String == "ditp" })
        #expect(ditp["kind"] as? String == "text")
        #expect(ditp["status"] as? String == "failed")
        let errors = try #require(ditp["errors"] as? [[String: Any]])
        #expect(
            errors.contains {
                ($0["url"] as? String)?.hasSuffix("/ditp/pgo.txt") == true
                    && ($0["message"] as? String)?.contains("503") == true
            })
        let api = try #require(sources.first { $0["name"] as? String == "api" })
        #expect(((api["http"] as? [String: Int])?["requests"] ?? 0) >= 3)
        #expect(((api["http"] as? [String: Int])?["bytes"] ?? 0) > 0)
        #expect(result.stdout.isEmpty)
    }
}
