import Foundation
import OGPModel
import Testing

@testable import OGPHarvest

/// A udata source configured with a URL copied from the portal's web pages (which answer HTML)
/// reads the API list those pages show.
@Suite struct UdataPageURLTests {
    @Test func webPagesBecomeTheirAPIList() {
        let cases: [(String, String)] = [
            ("https://www.data.gouv.fr", "https://www.data.gouv.fr/api/1/datasets/"),
            ("https://www.data.gouv.fr/fr/", "https://www.data.gouv.fr/api/1/datasets/"),
            (
                "https://www.data.gouv.fr/fr/datasets/?q=gouvernement+ouvert&tag=pgo",
                "https://www.data.gouv.fr/api/1/datasets/?q=gouvernement+ouvert&tag=pgo"
            ),
            ("https://www.data.gouv.fr/datasets/search?q=budget", "https://www.data.gouv.fr/api/1/datasets/?q=budget"),
            ("https://www.data.gouv.fr/fr/organizations/etalab/", "https://www.data.gouv.fr/api/1/organizations/etalab/datasets/"),
            // One dataset's page: its detail.
            (
                "https://www.data.gouv.fr/fr/datasets/plan-daction-national-2018-2020-de-la-france/",
                "https://www.data.gouv.fr/api/1/datasets/plan-daction-national-2018-2020-de-la-france/"
            ),
            ("https://www.data.gouv.fr/fr/datasets/r/f868cca6", "https://www.data.gouv.fr/fr/datasets/r/f868cca6"),
            // The API v2 (resources as a link to another list): its v1 twin.
            (
                "https://www.data.gouv.fr/api/2/datasets/search/?q=pgo&page_size=50",
                "https://www.data.gouv.fr/api/1/datasets/?q=pgo&page_size=50"
            ),
            ("https://demo.data.gouv.fr/api/2/datasets/", "https://demo.data.gouv.fr/api/1/datasets/"),
            (
                "https://www.data.gouv.fr/api/2/datasets/5b1e37a188ee3849c6b7df9b/",
                "https://www.data.gouv.fr/api/1/datasets/5b1e37a188ee3849c6b7df9b/"
            ),
            (
                "https://www.data.gouv.fr/api/2/datasets/5b1e37a188ee3849c6b7df9b/resources/",
                "https://www.data.gouv.fr/api/2/datasets/5b1e37a188ee3849c6b7df9b/resources/"
            ),
            // API URLs and pages ogp cannot read as a list stay as they are.
            ("https://www.data.gouv.fr/api/1/datasets/?q=x", "https://www.data.gouv.fr/api/1/datasets/?q=x"),
            ("https://www.data.gouv.fr/fr/reuses/", "https://www.data.gouv.fr/fr/reuses/"),
        ]
        for (given, expected) in cases { #expect(UdataAdapter.apiList(given) == expected, "\(given)") }
    }

    @Test func aSearchPageURLHarvestsTheAPIList() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try FixtureServer()
        let datasets = try UdataPages.datasets()
        let pages = try UdataPages.pages(datasets, pageSize: datasets.count) { _ in nil }
        server.serve("/api/1/datasets/?q=gouvernement", text: try #require(pages.first))
        try workspace.writeConfig([
            Workspace.source("portal", kind: "udata", url: server.url("/fr/datasets/?q=gouvernement"))
        ])
        let source = try #require(try await workspace.harvest().source("portal"))
        #expect(source.status == .ok, "\(source.errors)")
        #expect(try workspace.store().counts()[.dataset] == datasets.count)
        #expect(server.requests.allSatisfy { $0.path != "/fr/datasets/" })
    }
}
