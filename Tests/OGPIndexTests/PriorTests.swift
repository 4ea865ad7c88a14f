import Testing

@testable import OGPIndex

@Suite("Keyword priors")
struct PriorTests {
    @Test func keywordPriorsReorderByKindWithoutChangingMatches() throws {
        let (_, reader) = try Fixture.index()
        var plain = SearchRequest(query: "participation citoyenne", limit: 10)
        let before = try reader.search(plain)
        // Without a prior a commitment (its title says it all) comes first.
        #expect(before.hits.first?.stored["kind"] == "commitment")
        let firstPublication = try #require(before.hits.firstIndex { $0.stored["kind"] == "publication" })
        plain.keywordBoosts = ["kind": ["publication": 10]]
        let after = try reader.search(plain)
        #expect(after.total == before.total)
        #expect(Set(after.hits.map(\.id)) == Set(before.hits.map(\.id)))
        #expect(after.hits.first?.stored["kind"] == "publication")
        #expect(after.hits.first?.id == before.hits[firstPublication].id)
        // Sorting by date ignores the prior.
        plain.sort = .date
        #expect(
            try reader.search(plain).hits.map(\.id)
                == reader.search(
                    {
                        var r = plain; r.keywordBoosts = [:]; return r
                    }()
                ).hits.map(\.id))
    }
}
