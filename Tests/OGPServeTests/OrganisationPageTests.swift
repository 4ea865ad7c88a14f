import Foundation
import Hummingbird
import OGPConfig
import OGPIndex
@testable import OGPServe
import Testing

/// An organisation's page links to the search that lists its datasets, with their number.
@Suite struct OrganisationPageTests {
    @Test func anOrganisationsPageLinksToItsDatasets() async throws {
        let api = ServeFixture.source(
            "datagouv-api", kind: "udata",
            path: ServeFixture.repository.appendingPathComponent("config/demo/datagouv-api/page-1.json").path)
        let fixture = try await ServeFixture.make(sources: [api])
        defer { fixture.remove() }
        try await fixture.serve { client in
            let ademe = "organization:data.gouv.fr:534fff4ca3a7292c64a77c95"
            try await client.execute(uri: "/records/\(pathID(ademe))", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("<h1>ADEME</h1>"))
                #expect(
                    r.text.contains(
                        "<a href=\"/search?kind=dataset&amp;publisher=organization%3Adata.gouv.fr%3A534fff4ca3a7292c64a77c95\">1 jeu de données publié par cette organisation</a>"
                    ), "\(r.text)")
            }
            // The link lists that dataset.
            try await client.execute(uri: "/api/search?publisher=organization:data.gouv.fr:534fff4ca3a7292c64a77c95&kind=dataset", method: .get) { r in
                let body = try #require(try r.json() as? [String: Any])
                #expect(body["total"] as? Int == 1)
            }
            // A dataset's page has no such section.
            try await client.execute(uri: "/records/dataset:data.gouv.fr:5ee2391763c79811ddfbc86a", method: .get) { r in
                #expect(r.status == .ok)
                #expect(!r.text.contains("publié par cette organisation"))
            }
        }
    }

    /// The demo's Ministry of the Economy publishes 6 datasets: one from the udata API, which
    /// names it as it is called now, and 5 from the catalogue export, which still names it
    /// « Ministères économiques et financiers ». Counted by name, its page said 1.
    @Test func anOrganisationsDatasetsAreCountedWhateverNameTheyGiveIt() async throws {
        let api = ServeFixture.source(
            "datagouv-api", kind: "udata",
            path: ServeFixture.repository.appendingPathComponent("config/demo/datagouv-api/page-1.json").path)
        let fixture = try await ServeFixture.make(sources: [api, ServeFixture.export])
        defer { fixture.remove() }
        let ministry = "organization:data.gouv.fr:534fff8ea3a7292c64a77f02"
        try await fixture.serve { client in
            try await client.execute(uri: "/records/\(pathID(ministry))", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("6 jeux de données publiés par cette organisation"), "\(r.text)")
            }
            try await client.execute(uri: "/search?kind=dataset&publisher=\(pathID(ministry))", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("6 résultats"), "\(r.text)")
                #expect(r.text.contains("Organisation : Ministère de l’Économie") || r.text.contains("Organisation : Ministère de l&#39;Économie") || r.text.contains("Organisation : Ministère de l&#x27;Économie"), "\(r.text)")
                // Both names are facets of the match.
                #expect(r.text.contains("Ministères économiques et financiers"))
            }
            for bad in ["publisher=dataset:data.gouv.fr:x", "publisher=ADEME"] {
                try await client.execute(uri: "/api/search?\(bad)", method: .get) { r in
                    #expect(r.status == .badRequest, "\(bad)")
                }
            }
        }
    }
}
