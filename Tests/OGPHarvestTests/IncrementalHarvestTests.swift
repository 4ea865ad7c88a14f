import Foundation
import OGPCore
import OGPHarvest
import OGPModel
import OGPStore
import Testing

/// Several sources served by a test server on 127.0.0.1 (udata API pages, the catalogue export
/// CSV, a text page): first run counts, a second run that only makes conditional requests and
/// writes nothing, one changed response, and one failing source.
@Suite struct IncrementalHarvestTests {
    /// Serves the three sources and writes their config.
    static func setUp(_ storeChoice: StoreChoice = .sqlite) throws -> (Workspace, FixtureServer, [[String: Any]]) {
        let workspace = try Workspace(store: storeChoice)
        let server = try FixtureServer()
        let datasets = try UdataPages.datasets()
        let pages = try UdataPages.pages(datasets, pageSize: 3) { n in
            n < 3 ? server.url("/api/1/datasets/?page=\(n + 1)") : nil
        }
        for (n, page) in pages.enumerated() { server.serve("/api/1/datasets/?page=\(n + 1)", text: page) }
        server.serve(
            "/export/catalogue.csv", [UInt8](try Workspace.fixture("csv/export-slice.csv")), contentType: "text/csv")
        server.serve(
            "/ditp/pgo.txt", [UInt8](try Workspace.fixture("pages/002_8cef8a0224ee8d09.txt")),
            contentType: "text/plain; charset=utf-8")
        try workspace.writeConfig([
            Workspace.source("api", kind: "udata", url: server.url("/api/1/datasets/?page=1")),
            Workspace.source("csv", kind: "udata-csv", url: server.url("/export/catalogue.csv")),
            Workspace.source("ditp", kind: "text", url: server.url("/ditp/pgo.txt")),
        ])
        return (workspace, server, datasets)
    }

    @Test(arguments: StoreChoice.available)
    func firstRunCountsThenSecondRunIsConditionalAndWritesNothing(_ storeChoice: StoreChoice) async throws {
        let (workspace, server, datasets) = try Self.setUp(storeChoice)
        defer { workspace.remove() }
        let first = try await workspace.harvest()
        #expect(first.exitCode == 0)
        #expect(first.status == .ok)
        let api = try #require(first.source("api"))
        let organizations = Set(datasets.compactMap { ($0["organization"] as? [String: Any])?["id"] as? String })
        #expect(api.status == .ok)
        #expect(api.items.added == datasets.count + organizations.count)
        #expect(server.requests.filter { $0.path == "/api/1/datasets/" }.count == 3)
        #expect(try #require(first.source("csv")).items.added == 20)
        #expect(try #require(first.source("ditp")).items.added >= 1)
        let counts = try workspace.store().counts()
        #expect(counts[.dataset] == datasets.count + 20)
        #expect(first.index?.indexed == counts.values.reduce(0, +))
        #expect(first.index?.error == nil)
        #expect(try workspace.store().runs(limit: 1).first?.status == .ok)

        let mark = server.mark()
        let before = try workspace.export()
        let second = try await workspace.harvest()
        #expect(second.exitCode == 0)
        for source in second.sources {
            #expect(source.items.added == 0, "\(source.name)")
            #expect(source.items.updated == 0, "\(source.name)")
            #expect(source.items.unchanged > 0, "\(source.name)")
            // (The plans pass, run with the built-in plans reference, fetches nothing.)
            #expect(source.http.notModified >= 1 || source.name == "ogp-plans", "\(source.name): \(source.http)")
        }
        // Every request but robots.txt (read again by each run, once per host) was conditional
        // and answered 304.
        let requests = server.requests(since: mark)
        #expect(requests.count == 5)
        #expect(second.sources.map(\.http.notModified).reduce(0, +) == requests.count)
        #expect(second.sources.map(\.http.requests).reduce(0, +) == server.server.requests.count - mark)
        for request in requests {
            #expect(
                request.header("If-None-Match") != nil || request.header("If-Modified-Since") != nil,
                "\(request.target)")
        }
        #expect(second.index?.indexed == 0)
        #expect(second.runID != first.runID)
        #expect(try workspace.store().runs(limit: 5).map(\.id) == [second.runID, first.runID])
        let items = try workspace.store().items(run: second.runID)
        #expect(!items.contains { $0.outcome == .added || $0.outcome == .updated })
        #expect(try workspace.export() == before)
    }

    /// Run after run on unchanged pages, every page is still asked for (conditionally) and every
    /// record counted once: the next-page links survive runs that read nothing.
    @Test(arguments: StoreChoice.available)
    func manyRunsInARowKeepFollowingTheUnchangedPages(_ storeChoice: StoreChoice) async throws {
        let (workspace, server, _) = try Self.setUp(storeChoice)
        defer { workspace.remove() }
        let first = try await workspace.harvest()
        let added = try #require(first.source("api")).items.added
        for _ in 0..<3 {
            let mark = server.mark()
            let report = try await workspace.harvest()
            let api = try #require(report.source("api"))
            #expect(api.items.unchanged == added)
            #expect(api.items.added + api.items.updated + api.items.archived == 0)
            let pages = server.requests(since: mark).filter { $0.path == "/api/1/datasets/" }
            #expect(pages.count == 3)
            #expect(pages.allSatisfy { $0.header("If-None-Match") != nil || $0.header("If-Modified-Since") != nil })
        }
    }

    @Test(arguments: StoreChoice.available)
    func aChangedResponseUpdatesExactlyThatItemWithHistory(_ storeChoice: StoreChoice) async throws {
        let (workspace, server, datasets) = try Self.setUp(storeChoice)
        defer { workspace.remove() }
        _ = try await workspace.harvest()
        var changed = datasets
        let target = try #require(changed[4]["id"] as? String)
        changed[4]["title"] = "Défibrillateurs de Sixt-sur-Arff (mis à jour)"
        let pages = try UdataPages.pages(changed, pageSize: 3) { n in
            n < 3 ? server.url("/api/1/datasets/?page=\(n + 1)") : nil
        }
        server.serve("/api/1/datasets/?page=2", text: pages[1])

        let mark = server.mark()
        let report = try await workspace.harvest()
        #expect(report.exitCode == 0)
        let api = try #require(report.source("api"))
        #expect(api.items.updated == 1)
        #expect(api.items.added == 0)
        #expect(api.http.notModified == 2)
        let pageRequests = server.requests(since: mark).filter { $0.path == "/api/1/datasets/" }
        #expect(pageRequests.count == 3)
        #expect(pageRequests.allSatisfy { $0.header("If-None-Match") != nil })
        for other in ["csv", "ditp"] {
            let source = try #require(report.source(other))
            #expect(source.items.updated == 0 && source.items.added == 0, "\(other)")
        }
        let items = try workspace.store().items(run: report.runID)
        let updated = items.filter { $0.outcome == .updated }
        #expect(updated.count == 1)
        let id = try #require(updated.first?.recordID)
        let store = try workspace.store()
        #expect(try store.record(id)?.dataset?.remoteID == target)
        let history = try store.history(of: id)
        #expect(history.count == 2)
        #expect(history.first?.record.title != history.last?.record.title)
        #expect(history.last?.record.title == "Défibrillateurs de Sixt-sur-Arff (mis à jour)")
        #expect(history.first?.validTo != nil)
    }

    @Test(arguments: StoreChoice.available)
    func aSourceAnswering500FailsAloneWithExitStatus2(_ storeChoice: StoreChoice) async throws {
        let (workspace, server, datasets) = try Self.setUp(storeChoice)
        defer { workspace.remove() }
        server.fail("/export/catalogue.csv")
        let report = try await workspace.harvest()
        #expect(report.exitCode == ExitStatus.sourceFailed.rawValue)
        #expect(report.status == .sourceFailed)
        let csv = try #require(report.source("csv"))
        #expect(csv.status == .failed)
        #expect(csv.errors.contains { $0.message.contains("500") })
        #expect(try #require(report.source("api")).status == .ok)
        #expect(try #require(report.source("ditp")).status == .ok)
        #expect(try workspace.store().counts()[.dataset] == datasets.count)
        let run = try #require(try workspace.store().runs(limit: 1).first)
        #expect(run.status == .sourceFailed)
        let sources = try workspace.store().sourceReports(run: report.runID)
        #expect(sources.first { $0.source == "csv" }?.status == .failed)
    }
}
