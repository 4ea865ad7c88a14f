import Foundation
import OGPHarvest
import OGPModel
import OGPParse
import OGPStore
import Testing

/// A CKAN `url` pasted from a browser page of the portal's site (`…/dataset/?q=gap`,
/// `…/organization/x`, `…/group/y`, `…/dataset/a-slug`): the API is asked at the portal root,
/// never under `/dataset`, and the page's search becomes the `package_search` parameters.
@Suite struct CKANPageURLTests {
    static func query(_ request: String) -> [String: String] {
        var out: [String: String] = [:]
        for item in URLComponents(string: "http://x" + request)?.queryItems ?? [] { out[item.name] = item.value }
        return out
    }

    @Test func aSearchPagePastedAsURLHarvestsThePortalWithItsQuery() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let portal = try CKANPortal(count: 12)
        try workspace.writeConfig([
            Workspace.source(
                "datasud", kind: "ckan", url: portal.server.url("/dataset/?q=gap&tags=transport&page=2&sort=name"),
                extra: ["page_size: 10"])
        ])
        let report = try #require(try await workspace.harvest().source("datasud"))
        #expect(report.status == .ok)
        #expect(report.items.added > 0 && report.items.failed == 0)
        // Every request went to the API at the root (nothing under /dataset/), with the page's search.
        #expect(portal.server.requests.allSatisfy { !$0.target.hasPrefix("/dataset") })
        #expect(portal.searchRequests.count == 2)
        for request in portal.searchRequests {
            let q = Self.query(request.target)
            #expect(q["q"] == "gap")
            #expect(q["fq"] == #"tags:"transport""#)
            #expect(q["sort"] == "metadata_modified desc")  // the page's own sort and page are not kept
        }
        let dataset = try #require(
            try workspace.store().record(RecordID(rawValue: "dataset:datasud:pkg-003")))
        // Provenance points at the API at the portal root, not under /dataset/.
        #expect(dataset.provenance.first?.url == portal.server.url("/api/3/action/package_show?id=pkg-003"))
        #expect(dataset.url?.contains("/dataset/dataset") != true)
    }

    @Test func anOrganizationPageFiltersOnItAndTheConfigParamsWin() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let portal = try CKANPortal(count: 5)
        try workspace.writeConfig([
            Workspace.source(
                "datasud", kind: "ckan", url: portal.server.url("/organization/region-sud?q=eau"),
                extra: ["params:", "  q: air"])
        ])
        let report = try #require(try await workspace.harvest().source("datasud"))
        #expect(report.status == .ok)
        let q = Self.query(try #require(portal.searchRequests.first).target)
        #expect(q["fq"] == #"organization:"region-sud""#)
        #expect(q["q"] == "air")
    }

    @Test func pageURLsGiveTheirRootAndSearch() throws {
        func page(_ url: String) -> (String, [String])? {
            CKANDecoder.browserPage(url).map { ($0.root, $0.params.map { "\($0.0)=\($0.1)" }) }
        }
        #expect(page("https://trouver.datasud.fr/dataset/?q=gap")! == ("https://trouver.datasud.fr", ["q=gap"]))
        #expect(page("https://trouver.datasud.fr/dataset")! == ("https://trouver.datasud.fr", []))
        #expect(
            page("https://trouver.datasud.fr/dataset/horaires-bus-gap")!
                == ("https://trouver.datasud.fr", [#"fq=name:"horaires-bus-gap""#]))
        #expect(page("https://trouver.datasud.fr/group/transport")! == ("https://trouver.datasud.fr", [#"fq=groups:"transport""#]))
        #expect(
            page("http://127.0.0.1:8080/portail/fr/organization/x?res_format=CSV&_tags_limit=0&ext_bbox=1&fq=a:b")!
                == ("http://127.0.0.1:8080/portail/fr", [#"fq=organization:"x" res_format:"CSV" a:b"#]))
        // API URLs and plain roots are not pages.
        #expect(page("https://trouver.datasud.fr/api/3/action/package_search?q=x") == nil)
        #expect(page("https://trouver.datasud.fr/") == nil)
        #expect(CKANDecoder.portalRoot("https://trouver.datasud.fr/dataset/?q=gap") == "https://trouver.datasud.fr")
        #expect(CKANDecoder.portalRoot("https://trouver.datasud.fr/api/3/action/package_search") == "https://trouver.datasud.fr")
        #expect(CKANDecoder.portalRoot("https://trouver.datasud.fr/") == "https://trouver.datasud.fr")
    }
}
