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

    /// ogp-serve's and ogp-search's priors (commitments and plans ×3, publications ×2): a segment
    /// without those kinds is pruned as if there were no prior, and one with them gives the
    /// exhaustive top k. (The bound once multiplied every weight above 1: 18×, and pruning
    /// skipped next to nothing.)
    @Test func priorsAbsentFromASegmentDoNotWeakenPruning() throws {
        let priors: [String: Double] = ["commitment": 3, "action-plan": 3, "publication": 2, "dataset": 1]
        for withCommitments in [false, true] {
            let dir = Fixture.tempDir()
            let w = try IndexWriter(directory: dir)
            for i in 0..<4000 {
                var body = "commune texte numéro \(i % 13)"
                if i % 7 == 0 { body += " rapport budget annuel" }
                if i < 200 { body += " dénombrement" }
                let kind = withCommitments && i % 97 == 0 ? "commitment" : "dataset"
                try w.add(
                    IndexDocument(
                        id: "d\(i)", fields: [TextField("title", "document"), TextField("body", body)],
                        keywords: ["kind": [kind]]))
            }
            try w.commit()
            let reader = try IndexReader(directory: dir)
            for q in ["commune budget", "commune dénombrement", "texte commune budget annuel"] {
                try PruningTests.expectSame(reader, q) { $0.keywordBoosts = ["kind": priors] }
            }
            guard !withCommitments else { continue }
            var decoded: [Int] = []
            for boosts in [[:], ["kind": priors]] {
                var r = SearchRequest(query: "commune dénombrement", limit: 10, snippets: false, prefixLastWord: false)
                r.keywordBoosts = boosts
                let seg = try #require(reader.segments.first)
                let scratch = Scratch()
                _ = try reader.searchSegment(seg, plan: try reader.plan(r), request: r, scratch: scratch, k: 10)
                decoded.append(scratch.decodedBlocks)
            }
            #expect(decoded[0] > 0 && decoded[1] == decoded[0], "\(decoded)")
        }
    }
}
