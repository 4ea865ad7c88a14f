import Foundation
import OGPServe
import Testing

/// `/api/search` counts matches up to a threshold (1,000 by default), then says the total is a
/// lower bound (`totalRelation`: `gte`); hits never depend on it, and facets keep it exact.
@Suite struct TotalRelationTests {
    static func body(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func ids(_ body: [String: Any]) -> [String] {
        (body["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func belowTheThresholdTheTotalIsExact() async throws {
        let fixture = try await ServeFixture.shared.value
        let (api, page) = try await fixture.serve { client in
            (
                try await client.execute(uri: "/api/search?q=donn%C3%A9es", method: .get) { $0.data },
                try await client.execute(uri: "/api/search?q=donn%C3%A9es&facets=true", method: .get) { $0.data }
            )
        }
        let plain = try Self.body(api)
        let withFacets = try Self.body(page)
        #expect(plain["totalRelation"] as? String == "eq")
        #expect(withFacets["totalRelation"] as? String == "eq")
        // The demo catalogue has fewer than 1,000 matches: the same exact total either way.
        #expect((plain["total"] as? Int ?? 0) > 20)
        #expect(plain["total"] as? Int == withFacets["total"] as? Int)
    }

    @Test func pastTheThresholdTheTotalIsALowerBoundAndTheHitsAreTheSame() async throws {
        let fixture = try await ServeFixture.shared.value
        let uris = ["/api/search?q=donn%C3%A9es", "/api/search?q=donn%C3%A9es&page=2&page_size=5"]
        var exact: [Data] = []
        for uri in uris {
            exact.append(try await fixture.serve { client in try await client.execute(uri: uri, method: .get) { $0.data } })
        }
        let (bounded, facets) = try await fixture.serve(totalHitsThreshold: 10) { client in
            var out: [Data] = []
            for uri in uris { out.append(try await client.execute(uri: uri, method: .get) { $0.data }) }
            let facets = try await client.execute(uri: uris[0] + "&facets=true", method: .get) { $0.data }
            return (out, facets)
        }
        for (e, b) in zip(exact, bounded) {
            let full = try Self.body(e)
            let counted = try Self.body(b)
            let total = try #require(full["total"] as? Int)
            let lower = try #require(counted["total"] as? Int)
            #expect(counted["totalRelation"] as? String == "gte")
            #expect(lower >= 10 && lower <= total)
            // Hits, ranks and scores unchanged.
            #expect(
                NSArray(array: counted["hits"] as? [Any] ?? []) == NSArray(array: full["hits"] as? [Any] ?? []))
            #expect(!Self.ids(counted).isEmpty)
        }
        // Facets count every match: exact, whatever the threshold.
        let withFacets = try Self.body(facets)
        #expect(withFacets["totalRelation"] as? String == "eq")
        #expect(withFacets["total"] as? Int == (try Self.body(exact[0]))["total"] as? Int)
    }
}
