import Foundation
import OGPHarvest
import Testing

/// A source configured with the wrong `kind` — an OpenDataSoft or a CKAN API URL under
/// `kind: udata` — fails with the decoder's words, which say what is missing;
/// the failure now also says which kind answers that way (real captures, on a loopback server).
@Suite struct WrongKindTests {
    @Test func theFailureNamesTheKindThatAnswersThatWay() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try FixtureServer()
        server.serve(
            "/api/explore/v2.1/catalog/datasets",
            text: String(decoding: try Workspace.fixture("catalogs/ods-v2.1-datasets.json"), as: UTF8.self),
            contentType: "application/json")
        server.serve(
            "/api/3/action/package_search",
            text: String(decoding: try Workspace.fixture("catalogs/ckan-datasud-package_search.json"), as: UTF8.self),
            contentType: "application/json")
        let udataPage = try #require(try UdataPages.pages(try UdataPages.datasets(), pageSize: 100) { _ in nil }.first)
        server.serve("/api/1/datasets/", text: udataPage, contentType: "application/json")
        try workspace.writeConfig([
            Workspace.source("udata-as-dcat", kind: "dcat", url: server.url("/api/1/datasets/")),
            Workspace.source("ods-as-udata", kind: "udata", url: server.url("/api/explore/v2.1/catalog/datasets")),
            Workspace.source("ckan-as-udata", kind: "udata", url: server.url("/api/3/action/package_search")),
            Workspace.source("ckan-right", kind: "ckan", url: server.url("/api/3/action/package_search")),
        ])
        let report = try await workspace.harvest()
        let wrong = try #require(report.source("ods-as-udata"))
        #expect(wrong.status == .failed)
        #expect(wrong.message?.contains("is the source's kind `opendatasoft`?") == true, "\(wrong.message ?? "")")
        let other = try #require(report.source("ckan-as-udata"))
        #expect(other.message?.contains("is the source's kind `ckan`?") == true, "\(other.message ?? "")")
        // Under `kind: dcat` a udata page was "suspicious: no items", as an empty catalogue is.
        let dcat = try #require(report.source("udata-as-dcat"))
        #expect(dcat.status == .failed)
        #expect(dcat.message?.contains("is the source's kind `udata`?") == true, "\(dcat.message ?? "")")
        let right = try #require(report.source("ckan-right"))
        #expect(right.status == .ok, "\(right.message ?? "")")
    }

    /// A WordPress posts list is a bare JSON array of objects with ids, as DKAN's answer is:
    /// under `kind: udata` it gave one junk dataset per post (titled by its slug) and an `ok`
    /// source (so did `kind: ckan` on a saved response: `ResponseShapeTests`). Now the page
    /// fails and says which kind answers that way.
    @Test func aWordPressListIsNotTakenForDatasets() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try FixtureServer()
        let posts = String(decoding: try Workspace.fixture("wordpress/posts.json"), as: UTF8.self)
        server.serve("/wp-json/wp/v2/posts", text: posts, contentType: "application/json")
        try workspace.writeConfig([
            Workspace.source("wp-as-udata", kind: "udata", url: server.url("/wp-json/wp/v2/posts")),
        ])
        let report = try await workspace.harvest()
        let source = try #require(report.source("wp-as-udata"))
        #expect(source.status == .failed)
        #expect(source.items.added == 0)
        #expect(source.message?.contains("is the source's kind `wordpress`?") == true, "\(source.message ?? "")")
    }
}
