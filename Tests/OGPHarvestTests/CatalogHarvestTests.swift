import Foundation
@testable import OGPHarvest
import OGPModel
import OGPStore
import Testing

/// The `ckan`, `opendatasoft` and `dcat` kinds against portals on 127.0.0.1: paging to the end,
/// loops stopped, incremental second runs that write nothing, one change → one update, a broken
/// item → one failure, a 500 → the source fails and nothing is archived.
@Suite struct CatalogHarvestTests {
    static func ckan(_ workspace: Workspace, _ portal: CKANPortal, extra: [String] = []) throws {
        try workspace.writeConfig([
            Workspace.source(
                "datasud", kind: "ckan", url: portal.url, extra: ["page_size: 10", "grace_days: 0"] + extra)
        ])
    }

    @Test func ckanPagesToTheEndThenAnIncrementalRunWritesNothing() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let portal = try CKANPortal(count: 25)
        try Self.ckan(workspace, portal)
        let first = try await workspace.harvest()
        let report = try #require(first.source("datasud"))
        #expect(report.status == .ok)
        #expect(try workspace.store().counts()[.dataset] == 25)
        #expect(portal.searchRequests.count == 3)  // 10 + 10 + 5, stopping at `count`
        #expect(portal.searchRequests.allSatisfy { $0.target.contains("sort=metadata_modified%20desc") })
        let datasets = try workspace.records().filter { $0.kind == .dataset }
        #expect(datasets.allSatisfy { $0.provenance.first?.sourceKind == "ckan" })

        let before = portal.searchRequests.count
        let second = try await workspace.harvest()
        let again = try #require(second.source("datasud"))
        #expect(again.status == .ok)
        #expect(again.items.added == 0 && again.items.updated == 0 && again.items.archived == 0)
        // Newest first and unchanged: one request, then stop.
        #expect(portal.searchRequests.count - before == 1)
        #expect(try workspace.store().counts()[.dataset] == 25)
    }

    @Test func oneChangedPackageIsOneUpdate() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let portal = try CKANPortal(count: 25)
        try Self.ckan(workspace, portal)
        _ = try await workspace.harvest()
        portal.change("pkg-007", title: "Canispaces révisés", modifiedDay: 40)
        let before = portal.searchRequests.count
        let report = try #require(try await workspace.harvest().source("datasud"))
        #expect(report.items.updated == 1)
        #expect(report.items.added == 0)
        #expect(report.items.archived == 0)
        #expect(portal.searchRequests.count - before == 1)
        let changed = try workspace.store().record(RecordID(rawValue: "dataset:datasud:pkg-007"))
        #expect(changed?.title == "Canispaces révisés")
        #expect(try workspace.store().counts()[.dataset] == 25)
    }

    /// A full listing after a change: every other package moved one place down the listing,
    /// onto another page; only the changed one is updated.
    @Test func aFullListingAfterOneChangeUpdatesOnlyThatPackage() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let portal = try CKANPortal(count: 25)
        try Self.ckan(workspace, portal)
        _ = try await workspace.harvest()
        portal.change("pkg-003", title: "Déplacé en tête", modifiedDay: 50)
        let report = try #require(try await workspace.harvest(HarvestOptions(full: true)).source("datasud"))
        #expect(report.items.updated == 1)
        #expect(report.items.added == 0)
        #expect(portal.searchRequests.count == 6)
    }

    @Test func aBrokenPackageIsOneFailureAndTheRestIsHarvested() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let portal = try CKANPortal(count: 25)
        portal.breakPackage("pkg-012")
        try Self.ckan(workspace, portal)
        let report = try #require(try await workspace.harvest().source("datasud"))
        #expect(report.items.failed == 1)
        #expect(report.status == .itemsFailed)
        #expect(report.errors.contains { $0.message.contains("not an object") })
        #expect(try workspace.store().counts()[.dataset] == 24)
    }

    @Test func aPortalAnswering500FailsTheSourceAndArchivesNothing() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let portal = try CKANPortal(count: 12)
        try Self.ckan(workspace, portal)
        _ = try await workspace.harvest()
        portal.failing = true
        let report = try #require(try await workspace.harvest(HarvestOptions(full: true)).source("datasud"))
        #expect(report.status == .failed)
        #expect(report.message?.contains("500") == true)
        #expect(report.items.archived == 0)
        let store = try workspace.store()
        #expect(try store.counts()[.dataset] == 12)
        var archived = 0
        try store.forEachRecord(RecordFilter(kinds: [.dataset])) { if $0.archived != nil { archived += 1 } }
        #expect(archived == 0)
    }

    @Test func anEmptyListingArchivesNothing() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let portal = try CKANPortal(count: 12)
        try Self.ckan(workspace, portal)
        _ = try await workspace.harvest()
        portal.empty = true
        let report = try #require(try await workspace.harvest(HarvestOptions(full: true)).source("datasud"))
        #expect(report.status != .ok)
        #expect(report.items.archived == 0)
        var archived = 0
        try workspace.store().forEachRecord(RecordFilter(kinds: [.dataset])) { if $0.archived != nil { archived += 1 } }
        #expect(archived == 0)
    }

    @Test func aServerIgnoringTheOffsetIsStopped() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let portal = try CKANPortal(count: 25)
        portal.ignoresStart = true
        try Self.ckan(workspace, portal)
        let report = try #require(try await workspace.harvest().source("datasud"))
        #expect(report.errors.contains { $0.message.contains("same content") })
        #expect(portal.searchRequests.count == 2)
        #expect(try workspace.store().counts()[.dataset] == 10)
        #expect(report.items.archived == 0)
    }

    @Test func openDataSoftPagesThenAsksOnlyForWhatChanged() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let portal = try OpenDataSoftPortal(count: 12)
        try workspace.writeConfig([
            Workspace.source("ods", kind: "opendatasoft", url: portal.url, extra: ["page_size: 5"])
        ])
        let first = try #require(try await workspace.harvest().source("ods"))
        #expect(first.status == .ok)
        #expect(first.items.failed == 0)
        #expect(try workspace.store().counts()[.dataset] == 12)
        #expect(portal.requests.count == 3)
        let dataset = try #require(try workspace.store().record(RecordID(rawValue: "dataset:ods:jeu-3")))
        #expect(
            dataset.dataset?.distributions.first?.url
                == portal.server.url("/api/explore/v2.1/catalog/datasets/jeu-3/exports/csv"))

        var before = portal.requests.count
        let second = try #require(try await workspace.harvest().source("ods"))
        #expect(second.status == .ok)
        #expect(second.items.added == 0 && second.items.updated == 0 && second.items.archived == 0)
        #expect(portal.requests.count - before == 1)
        let asked = try #require(portal.requests.last?.target.removingPercentEncoding)
        #expect(asked.contains("where=metas.default.modified > date'2025-01-12T00:00:00Z'"))

        portal.touch(4, title: "Jeu quatre", day: 30)
        before = portal.requests.count
        let third = try #require(try await workspace.harvest().source("ods"))
        #expect(third.items.updated == 1)
        #expect(third.items.added == 0)
        #expect(portal.requests.count - before == 1)
        #expect(try workspace.store().record(RecordID(rawValue: "dataset:ods:jeu-4"))?.title == "Jeu quatre")
    }

    /// A catalogue page copied from the portal keeps its search and facet filters.
    @Test func openDataSoftExplorePageKeepsItsFilters() async throws {
        #expect(
            OpenDataSoftAdapter.explorePageFilters(
                "https://data.x.fr/explore/?sort=modified&q=v%C3%A9lo%20%22cargo%22&refine.theme=Transports")
                .map { "\($0.0)=\($0.1)" } == [#"where="vélo \"cargo\"""#, #"refine=theme:"Transports""#])
        #expect(OpenDataSoftAdapter.explorePageFilters("https://data.x.fr/api/explore/v2.1/catalog/datasets?q=x").isEmpty)
        // A dataset's page names that dataset (its q filters its rows): not the whole portal.
        for page in [
            "https://data.x.fr/explore/dataset/comptages-velo/table/?q=2024&refine.site=Nord",
            "https://data.x.fr/explore/dataset/comptages-velo/",
            "https://data.x.fr/explore/embed/dataset/comptages-velo/map/",
        ] {
            #expect(
                OpenDataSoftAdapter.explorePageFilters(page).map { "\($0.0)=\($0.1)" }
                    == [#"where=dataset_id="comptages-velo""#], "\(page)")
        }

        let workspace = try Workspace()
        defer { workspace.remove() }
        let portal = try OpenDataSoftPortal(count: 3)
        try workspace.writeConfig([
            Workspace.source("ods", kind: "opendatasoft", url: portal.url + "explore/?q=jeu%202&refine.theme=Transports")
        ])
        let first = try #require(try await workspace.harvest().source("ods"))
        #expect(first.status == .ok, "\(first.errors)")
        let asked = try #require(portal.requests.first?.target.removingPercentEncoding)
        #expect(asked.hasPrefix("/api/explore/v2.1/catalog/datasets?"))
        #expect(asked.contains(#"where="jeu 2""#) && asked.contains(#"refine=theme:"Transports""#))
        #expect(try workspace.records().filter { $0.kind == .dataset }.map(\.title) == ["Jeu 2"])
        // The next run adds the watermark to the page's search.
        _ = try await workspace.harvest()
        let again = try #require(portal.requests.last?.target.removingPercentEncoding)
        #expect(again.contains(#"where=("jeu 2") AND metas.default.modified > date'"#))
    }

    @Test func openDataSoftPastTheOffsetCapReadsTheCatalogueExport() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let count = 10_000 + 150  // past the Explore API's offset cap
        let portal = try OpenDataSoftPortal(count: count, light: true)
        try workspace.writeConfig([Workspace.source("ods", kind: "opendatasoft", url: portal.url)])
        let first = try #require(try await workspace.harvest().source("ods"))
        #expect(first.status == .ok, "\(first.errors)")
        #expect(first.items.failed == 0)
        #expect(try workspace.store().counts()[.dataset] == count)
        // The first page tells the total; everything then comes from the export, read once, and
        // no page request goes past the cap (the portal would answer 400).
        #expect(portal.requests.count == 1)
        #expect(portal.exportRequests.count == 1)
        let last = try #require(try workspace.store().record(RecordID(rawValue: "dataset:ods:jeu-\(count - 1)")))
        #expect(last.title == "Jeu \(count - 1)")
        #expect(first.items.added == count + 1)  // the datasets and their one publisher

        // An incremental run asks only for what changed: a short listing, no export.
        portal.touch(10_100, title: "Jeu modifié", day: 300)
        let second = try #require(try await workspace.harvest().source("ods"))
        #expect(second.status == .ok)
        #expect(second.items.updated == 1 && second.items.added == 0 && second.items.archived == 0)
        #expect(portal.requests.count == 2)
        #expect(portal.exportRequests.count == 1)
    }

    @Test func dcatFollowsHydraPagesAndSecondRunIsConditional() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try FixtureServer()
        for n in [1, 2] {
            let text = String(
                decoding: try Workspace.fixture("catalogs/udata--paged-collection-\(n).jsonld"), as: UTF8.self
            )
            .replacingOccurrences(
                of: "http://data.test.org/catalog.jsonld?page=", with: server.url("/catalog.jsonld?page="))
            server.serve("/catalog.jsonld?page=\(n)", text: text, contentType: "application/ld+json")
        }
        try workspace.writeConfig([Workspace.source("dcat", kind: "dcat", url: server.url("/catalog.jsonld?page=1"))])
        let first = try #require(try await workspace.harvest().source("dcat"))
        #expect(first.status == .ok)
        #expect(try workspace.store().counts()[.dataset] == 4)
        #expect(server.requests.count == 2)
        let mark = server.mark()
        let second = try #require(try await workspace.harvest().source("dcat"))
        #expect(second.items.added == 0 && second.items.updated == 0 && second.items.archived == 0)
        #expect(second.items.unchanged >= 4)
        let conditional = server.requests(since: mark)
        #expect(conditional.count == 2)
        #expect(conditional.allSatisfy { $0.header("If-None-Match") != nil })
    }

    @Test func dcatHydraLoopIsStopped() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try FixtureServer()
        let one = String(decoding: try Workspace.fixture("catalogs/udata--paged-collection-1.jsonld"), as: UTF8.self)
            .replacingOccurrences(
                of: "http://data.test.org/catalog.jsonld?page=", with: server.url("/catalog.jsonld?page="))
        // Page 2 names page 1 as its next page.
        let two = String(decoding: try Workspace.fixture("catalogs/udata--paged-collection-2.jsonld"), as: UTF8.self)
            .replacingOccurrences(
                of: "\"http://www.w3.org/ns/hydra/core#lastPage\"",
                with:
                    "\"http://www.w3.org/ns/hydra/core#nextPage\": [{\"@value\": \"\(server.url("/catalog.jsonld?page=1"))\"}], \"http://www.w3.org/ns/hydra/core#lastPage\""
            )
            .replacingOccurrences(
                of: "http://data.test.org/catalog.jsonld?page=", with: server.url("/catalog.jsonld?page="))
        server.serve("/catalog.jsonld?page=1", text: one, contentType: "application/ld+json")
        server.serve("/catalog.jsonld?page=2", text: two, contentType: "application/ld+json")
        try workspace.writeConfig([Workspace.source("dcat", kind: "dcat", url: server.url("/catalog.jsonld?page=1"))])
        let report = try #require(try await workspace.harvest().source("dcat"))
        #expect(report.errors.contains { $0.message.contains("loops back") })
        #expect(server.requests.count == 2)
        #expect(try workspace.store().counts()[.dataset] == 4)
    }

    @Test func dcatRDFXMLPageFromDataGouv() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try FixtureServer()
        server.serve(
            "/api/1/organizations/x/catalog.rdf", try Array(Workspace.fixture("catalogs/datagouv-catalog.rdf.xml")),
            contentType: "application/rdf+xml")
        try workspace.writeConfig([
            Workspace.source("dgv-dcat", kind: "dcat", url: server.url("/api/1/organizations/x/catalog.rdf"))
        ])
        let report = try #require(try await workspace.harvest().source("dgv-dcat"))
        #expect(report.status == .ok)
        #expect(try workspace.store().counts()[.dataset] == 2)
        let d = try #require(
            try workspace.store().record(
                RecordID(
                    rawValue:
                        "dataset:uri:https://vanves-seineouest.opendatasoft.com/explore/dataset/bureau-de-vote-vanves"))
        )
        #expect(d.dataset?.distributions.count == 4)
    }
}
