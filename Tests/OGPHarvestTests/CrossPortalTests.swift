import Foundation
import OGPHarvest
import OGPModel
import OGPStore
import Testing

/// One dataset, many portals: data.gouv.fr's export rows of datasets it harvested from DataSud's
/// CKAN and from Cap Atlantique's DCAT are kept as the origin portals' records, with every
/// portal in their provenance and the origin's fields.
@Suite struct CrossPortalTests {
    static func setUp(_ workspace: Workspace, _ server: FixtureServer) throws {
        server.serve(
            "/api/3/action/package_search", try Array(Workspace.fixture("catalogs/ckan-datasud-package_search.json")))
        server.serve(
            "/catalog/exports/dcat", try Array(Workspace.fixture("catalogs/ods-capatlantique-dcat.rdf.xml")),
            contentType: "application/rdf+xml; charset=utf-8")
        server.serve(
            "/export.csv", try Array(Workspace.fixture("catalogs/export-origins.csv")), contentType: "text/csv")
        try workspace.writeConfig([
            Workspace.source("datasud", kind: "ckan", url: server.url("/"), extra: ["domains: [www.datasud.fr]"]),
            Workspace.source(
                "capatlantique", kind: "dcat", url: server.url("/catalog/exports/dcat"),
                extra: ["domains: [data.capatlantique.fr]"]),
            Workspace.source("dgv", kind: "udata-csv", url: server.url("/export.csv")),
        ])
    }

    @Test func dataGouvCopiesAreTheOriginsRecords() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try FixtureServer()
        try Self.setUp(workspace, server)
        _ = try await workspace.harvest(HarvestOptions(sources: ["datasud", "capatlantique"]))
        #expect(try workspace.store().counts()[.dataset] == 8)
        let report = try await workspace.harvest(HarvestOptions(sources: ["dgv"]))
        #expect(report.source("dgv")?.items.failed == 0)
        // Two rows, two datasets already known: no new dataset record.
        #expect(try workspace.store().counts()[.dataset] == 8)

        let store = try workspace.store()
        let canispaces = try #require(
            try store.record(RecordID(rawValue: "dataset:datasud:cfa98601-185f-4194-bc0f-119fc23a194b")))
        #expect(Set(canispaces.provenance.map(\.source)) == ["datasud", "dgv"])
        let copy = try #require(canispaces.provenance.first { $0.source == "dgv" })
        #expect(copy.sameAs?.rawValue == "dataset:data.gouv.fr:68879d860fae895e18ee5500")
        #expect(copy.matchedBy == .originLandingPage)
        // The origin's fields: its resources and licence, not the export row's.
        #expect(canispaces.dataset?.distributions.count == 3)
        #expect(canispaces.extras["harvest.backend"] == nil)
        #expect(try store.record(RecordID(rawValue: "dataset:data.gouv.fr:68879d860fae895e18ee5500")) == nil)

        let arretes = try #require(
            try store.record(
                RecordID(
                    rawValue:
                        "dataset:uri:https://data.capatlantique.fr/explore/dataset/264400516_arretes_ccas_guerande")))
        #expect(Set(arretes.provenance.map(\.source)) == ["capatlantique", "dgv"])
        #expect(arretes.provenance.first { $0.source == "dgv" }?.matchedBy == .originLandingPage)
        #expect(
            arretes.provenance.first { $0.source == "dgv" }?.sameAs?.rawValue
                == "dataset:data.gouv.fr:62db3ac8c517a5bce5b2178a")
        #expect(arretes.dataset?.distributions.isEmpty == false)

        // Unchanged on both sides: the next run writes nothing.
        let again = try await workspace.harvest()
        for source in again.sources where source.name != "ogp-plans" {
            #expect(source.items.added == 0 && source.items.updated == 0, "\(source.name)")
        }
    }

    @Test func twoDatasetsOfOnePortalAreNeverMerged() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try FixtureServer()
        // The export with the Canispaces row twice under two ids: both claim the same origin.
        var text = String(decoding: try Workspace.fixture("catalogs/export-origins.csv"), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let canispaces = try #require(lines.first { $0.hasPrefix("\"68879d860fae895e18ee5500\"") })
        text +=
            "\r\n" + canispaces.replacingOccurrences(of: "68879d860fae895e18ee5500", with: "68879d860fae895e18ee5599")
        try Self.setUp(workspace, server)
        server.serve("/export.csv", Array(text.utf8), contentType: "text/csv")
        _ = try await workspace.harvest(HarvestOptions(sources: ["datasud", "capatlantique"]))
        let report = try await workspace.harvest(HarvestOptions(sources: ["dgv"]))
        #expect(try workspace.store().counts()[.dataset] == 9)
        #expect(report.source("dgv")?.warnings.contains { $0.contains("kept apart") } == true)
    }
}
