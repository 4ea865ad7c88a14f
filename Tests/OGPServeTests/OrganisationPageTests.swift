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
                        "<a href=\"/search?kind=dataset&amp;org=ADEME\">1 jeu de données publié par cette organisation</a>"
                    ), "\(r.text)")
            }
            // The link lists that dataset.
            try await client.execute(uri: "/api/search?org=ADEME&kind=dataset", method: .get) { r in
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
}
