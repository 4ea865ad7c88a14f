import Foundation
import OGPCore
import OGPHarvest
import OGPModel
import OGPStore
import OGPTestServer
import Testing

/// The run options and limits: a source over its time limit is stopped and reported while the
/// others complete; `--full` ignores validators; `--source` and `--max-items`.
@Suite struct RunOptionsTests {
    @Test func aSourceOverItsTimeLimitIsStoppedAndTheOthersComplete() async throws {
        let (workspace, server, datasets) = try IncrementalHarvestTests.setUp()
        defer { workspace.remove(); server.stop() }
        server.server.route(
            "/slow.txt",
            TestResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Array("lent\n".utf8), delay: 60))
        try workspace.writeConfig([
            Workspace.source("api", kind: "udata", url: server.url("/api/1/datasets/?page=1")),
            Workspace.source("slow", kind: "text", url: server.url("/slow.txt"), extra: ["time_limit: 1"]),
        ])
        let report = try await workspace.harvest()
        let slow = try #require(report.source("slow"))
        #expect(slow.status == .timedOut)
        #expect(slow.message?.contains("time limit") == true)
        #expect(try #require(report.source("api")).status == .ok)
        #expect(report.exitCode == ExitStatus.sourceFailed.rawValue)
        #expect(try workspace.store().counts()[.dataset] == datasets.count)
        #expect(
            try workspace.store().sourceReports(run: report.runID).first { $0.source == "slow" }?.status == .timedOut)
    }

    @Test func theRunTimeLimitStopsWhatIsLeftAndSaysSo() async throws {
        let (workspace, server, datasets) = try IncrementalHarvestTests.setUp()
        defer { workspace.remove(); server.stop() }
        server.server.route(
            "/slow.txt",
            TestResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Array("lent\n".utf8), delay: 120)
        )
        try workspace.writeConfig([
            Workspace.source("api", kind: "udata", url: server.url("/api/1/datasets/?page=1")),
            Workspace.source("slow", kind: "text", url: server.url("/slow.txt")),
        ])
        let report = try await workspace.harvest(HarvestOptions(runTimeLimit: 30))
        let slow = try #require(report.source("slow"))
        #expect(slow.status == .timedOut)
        #expect(slow.message?.contains("time limit") == true)
        #expect(
            try workspace.store().sourceReports(run: report.runID).first { $0.source == "slow" }?.status == .timedOut)
        let api = try #require(report.source("api"))
        #expect(api.status == .ok, "\(api)")
        #expect(report.exitCode == ExitStatus.sourceFailed.rawValue)
        #expect(try workspace.store().counts()[.dataset] == datasets.count)
    }

    @Test func fullIgnoresValidatorsAndStillWritesNothingUnchanged() async throws {
        let (workspace, server, _) = try IncrementalHarvestTests.setUp()
        defer { workspace.remove(); server.stop() }
        _ = try await workspace.harvest()
        let before = try workspace.export()
        let mark = server.mark()
        let report = try await workspace.harvest(HarvestOptions(full: true))
        #expect(report.exitCode == 0)
        let requests = server.requests(since: mark)
        #expect(requests.count == 5)
        #expect(requests.allSatisfy { $0.header("If-None-Match") == nil && $0.header("If-Modified-Since") == nil })
        for source in report.sources {
            #expect(source.http.notModified == 0, "\(source.name)")
            #expect(source.items.added == 0 && source.items.updated == 0, "\(source.name)")
            #expect(source.items.unchanged > 0, "\(source.name)")
        }
        #expect(try workspace.export() == before)
    }

    @Test func onlyTheNamedSourcesAndAtMostMaxItems() async throws {
        let (workspace, server, _) = try IncrementalHarvestTests.setUp()
        defer { workspace.remove(); server.stop() }
        let report = try await workspace.harvest(HarvestOptions(sources: ["csv"], maxItems: 7))
        // (then the plans pass, with the built-in plans reference)
        #expect(report.sources.map(\.name) == ["csv", "ogp-plans"])
        #expect(try #require(report.source("csv")).items.added == 7)
        #expect(server.requests.allSatisfy { $0.path == "/export/catalogue.csv" })
        #expect(try workspace.store().counts()[.dataset] == 7)

        do {
            _ = try await workspace.harvest(HarvestOptions(sources: ["nowhere"]))
            Issue.record("an unknown source was accepted")
        } catch let error as HarvestError {
            #expect(error.description.contains("nowhere"))
        }
    }
}
