import Foundation
import OGPHarvest
import OGPIndex
import OGPModel
import OGPStore
import Testing

/// The udata API v1 list followed through `next_page`: a loop, a page with the content of an
/// earlier one and an error page stop the listing (never a hang), and archival of what
/// disappeared honours the grace period and the zero-items guard.
@Suite struct UdataHarvestTests {
    static let first = "/api/1/datasets/?page=1"

    /// Serves `datasets` in pages of 3 whose `next_page` is `next(n)`; writes the config.
    static func setUp(
        _ workspace: Workspace, _ server: FixtureServer, datasets: [[String: Any]], extra: [String] = [],
        next: ((Int) -> String?)? = nil
    ) throws {
        let pages = try UdataPages.pages(
            datasets, pageSize: 3,
            next: next ?? { n in
                n * 3 < datasets.count ? server.url("/api/1/datasets/?page=\(n + 1)") : nil
            })
        for (n, page) in pages.enumerated() { server.serve("/api/1/datasets/?page=\(n + 1)", text: page) }
        try workspace.writeConfig([Workspace.source("api", kind: "udata", url: server.url(first), extra: extra)])
    }

    @Test(arguments: StoreChoice.available)
    func aNextPageLoopIsStopped(_ storeChoice: StoreChoice) async throws {
        let workspace = try Workspace(store: storeChoice)
        defer { workspace.remove() }
        let server = try FixtureServer()
        let datasets = try UdataPages.datasets()
        try Self.setUp(workspace, server, datasets: datasets) { n in
            server.url("/api/1/datasets/?page=\(n == 3 ? 2 : n + 1)")
        }
        let report = try await workspace.harvest()
        let api = try #require(report.source("api"))
        #expect(api.errors.contains { $0.message.contains("loops back") && $0.url?.hasSuffix("page=2") == true })
        #expect(try workspace.store().counts()[.dataset] == datasets.count)
        #expect(server.requests.filter { $0.path == "/api/1/datasets/" }.count == 3)
        #expect(report.exitCode == 0)
    }

    @Test(arguments: StoreChoice.available)
    func aPageRepeatingAnEarlierOneIsStopped(_ storeChoice: StoreChoice) async throws {
        let workspace = try Workspace(store: storeChoice)
        defer { workspace.remove() }
        let server = try FixtureServer()
        let datasets = try UdataPages.datasets()
        // page 3 says its next page is `?page=3&again=1`, which answers page 3's bytes again.
        try Self.setUp(workspace, server, datasets: datasets) { n in
            n < 3 ? server.url("/api/1/datasets/?page=\(n + 1)") : server.url("/api/1/datasets/?page=3&again=1")
        }
        let pages = try UdataPages.pages(datasets, pageSize: 3) { n in
            n < 3 ? server.url("/api/1/datasets/?page=\(n + 1)") : server.url("/api/1/datasets/?page=3&again=1")
        }
        server.serve("/api/1/datasets/?page=3&again=1", text: pages[2])
        let report = try await workspace.harvest()
        let api = try #require(report.source("api"))
        #expect(api.errors.contains { $0.message.contains("same content") })
        #expect(api.items.failed == 0)
        #expect(try workspace.store().counts()[.dataset] == datasets.count)
        #expect(server.requests.filter { $0.path == "/api/1/datasets/" }.count == 4)
    }

    @Test(arguments: StoreChoice.available)
    func anErrorPageIsRecordedAndStopsTheListingWithoutArchiving(_ storeChoice: StoreChoice) async throws {
        let workspace = try Workspace(store: storeChoice)
        defer { workspace.remove() }
        let server = try FixtureServer()
        let datasets = try UdataPages.datasets()
        try Self.setUp(workspace, server, datasets: datasets, extra: ["grace_days: 0"])
        _ = try await workspace.harvest()
        server.fail("/api/1/datasets/?page=2")
        let report = try await workspace.harvest()
        let api = try #require(report.source("api"))
        #expect(api.errors.contains { $0.url?.hasSuffix("page=2") == true && $0.message.contains("500") })
        #expect(api.items.archived == 0)
        #expect(try workspace.store().counts()[.dataset] == datasets.count)
        #expect(server.requests.filter { $0.target.hasSuffix("page=3") }.count == 1)
    }

    @Test(arguments: StoreChoice.available)
    func aVanishedDatasetIsArchivedOnlyAfterTheGracePeriod(_ storeChoice: StoreChoice) async throws {
        let server = try FixtureServer()
        let datasets = try UdataPages.datasets()
        let gone = try #require(datasets.last?["id"] as? String)
        for grace in [nil, 0] {
            let workspace = try Workspace(store: storeChoice)
            defer { workspace.remove() }
            let extra = grace.map { ["grace_days: \($0)"] } ?? []
            try Self.setUp(workspace, server, datasets: datasets, extra: extra)
            _ = try await workspace.harvest()
            try Self.setUp(workspace, server, datasets: Array(datasets.dropLast()), extra: extra)
            let report = try await workspace.harvest()
            let api = try #require(report.source("api"))
            let record = try #require(try workspace.records().first { $0.dataset?.remoteID == gone })
            if grace == 0 {
                #expect(api.items.archived >= 1)
                #expect(record.archived?.reason == "not-on-remote")
                #expect((report.index?.deleted ?? 0) >= 1)
                let index = try IndexReader(directory: workspace.dataDirectory.indexPath)
                #expect(try index.document(id: record.id.rawValue) == nil)
                let kept = try #require(try workspace.records().first { $0.kind == .dataset && $0.archived == nil })
                #expect(try index.document(id: kept.id.rawValue) != nil)
                let items = try workspace.store().items(run: report.runID)
                #expect(
                    items.contains {
                        $0.recordID == record.id && $0.outcome == .archived && $0.message == "not-on-remote"
                    })
            } else {
                #expect(api.items.archived == 0)
                #expect(record.archived == nil)
            }
            let current = try workspace.records().filter { $0.kind == .dataset && $0.archived == nil }.count
            #expect(current == datasets.count - (grace == 0 ? 1 : 0))
        }
    }

    @Test(arguments: StoreChoice.available)
    func aRunWithZeroItemsIsSuspiciousAndArchivesNothing(_ storeChoice: StoreChoice) async throws {
        let workspace = try Workspace(store: storeChoice)
        defer { workspace.remove() }
        let server = try FixtureServer()
        let datasets = try UdataPages.datasets()
        try Self.setUp(workspace, server, datasets: datasets, extra: ["grace_days: 0"])
        _ = try await workspace.harvest()
        server.serve(
            Self.first,
            text: #"{"data": [], "page": 1, "page_size": 3, "total": 0, "next_page": null, "previous_page": null}"#)
        let report = try await workspace.harvest()
        let api = try #require(report.source("api"))
        #expect(api.status == .suspicious)
        #expect(api.items.archived == 0)
        #expect(try workspace.records().filter { $0.archived != nil }.isEmpty)
        let saved = try workspace.store().sourceReports(run: report.runID)
        #expect(saved.first { $0.source == "api" }?.status == .suspicious)
    }

    /// The same datasets through the API and the catalogue export are one record each: the
    /// API's fields win (its distributions stay), the provenance names both sources, and a
    /// second run changes nothing.
    @Test(arguments: StoreChoice.available)
    func theSameDatasetsThroughBothKindsAreOneRecordEach(_ storeChoice: StoreChoice) async throws {
        let workspace = try Workspace(store: storeChoice)
        defer { workspace.remove() }
        let server = try FixtureServer()
        let datasets = try UdataPages.datasets()
        try Self.setUp(workspace, server, datasets: datasets)
        server.serve(
            "/export/api-datasets.csv", [UInt8](try Workspace.fixture("csv/export-api-datasets.csv")),
            contentType: "text/csv")
        try workspace.writeConfig([
            Workspace.source("api", kind: "udata", url: server.url(Self.first)),
            Workspace.source("csv", kind: "udata-csv", url: server.url("/export/api-datasets.csv")),
        ])
        let first = try await workspace.harvest()
        #expect(first.exitCode == 0)
        #expect(try #require(first.source("csv")).items.failed == 0)
        let records = try workspace.records().filter { $0.kind == .dataset }
        #expect(records.count == datasets.count)
        for dataset in datasets {
            let id = try #require(dataset["id"] as? String)
            let record = try #require(records.first { $0.dataset?.remoteID == id }, "\(id)")
            #expect(Set(record.provenance.map(\.source)) == ["api", "csv"], "\(id)")
            let resources = (dataset["resources"] as? [Any])?.count ?? 0
            #expect(record.dataset?.distributions.count == resources, "\(id)")
        }
        let before = try workspace.export()
        let second = try await workspace.harvest()
        #expect(second.sources.allSatisfy { $0.items.added == 0 && $0.items.updated == 0 })
        #expect(try workspace.export() == before)
    }
}
