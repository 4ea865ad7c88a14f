import Foundation
import OGPModel
import Testing

/// `detail: true`: a list entry without its resources is completed from `/datasets/{id}/`, and
/// only that one.
@Suite struct UdataDetailTests {
    @Test(arguments: StoreChoice.available)
    func incompleteEntriesAreCompletedFromTheDetailEndpoint(_ storeChoice: StoreChoice) async throws {
        let workspace = try Workspace(store: storeChoice)
        defer { workspace.remove() }
        let server = try FixtureServer()
        defer { server.stop() }
        let datasets = Array(try UdataPages.datasets().prefix(3))
        let target = try #require(datasets[1]["id"] as? String)
        let resources = try #require(datasets[1]["resources"] as? [Any])
        try #require(!resources.isEmpty)
        var listed = datasets
        listed[1]["resources"] = nil  // as a list endpoint that links resources instead of embedding them
        // The first entry is complete: it must not cost a request.
        let complete = try #require(listed[0]["id"] as? String)
        for (key, value) in [
            "license": "lov2", "description": "Description.", "last_modified": "2024-01-01T00:00:00",
            "created_at": "2020-01-01T00:00:00",
        ] where listed[0][key] == nil {
            listed[0][key] = value
        }
        if listed[0]["resources"] == nil { listed[0]["resources"] = [] as [Any] }
        let pages = try UdataPages.pages(listed, pageSize: 10) { _ in nil }
        server.serve("/api/1/datasets/?page=1", text: pages[0])
        let detail = try JSONSerialization.data(withJSONObject: datasets[1], options: [.sortedKeys])
        server.serve("/api/1/datasets/\(target)/", text: String(decoding: detail, as: UTF8.self))
        try workspace.writeConfig([
            Workspace.source("api", kind: "udata", url: server.url("/api/1/datasets/?page=1"), extra: ["detail: true"])
        ])
        let report = try await workspace.harvest()
        #expect(report.exitCode == 0, "\(report.sources.map(\.errors))")
        let details = server.requests.filter { $0.path.hasPrefix("/api/1/datasets/") && $0.path != "/api/1/datasets/" }
        #expect(details.map(\.path).contains("/api/1/datasets/\(target)/"))
        #expect(!details.map(\.path).contains("/api/1/datasets/\(complete)/"))
        let record = try #require(
            try workspace.store().record(
                RecordID(kind: .dataset, namespace: "data.gouv.fr", remoteID: target)))
        #expect(record.dataset?.distributions.count == resources.count)
    }
}
