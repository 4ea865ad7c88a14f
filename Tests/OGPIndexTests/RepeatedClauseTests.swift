import Foundation
import Testing

@testable import OGPIndex

/// A clause the query repeats (« données » × 50, « données~2 » × 50: a crafted 500-character
/// query took 168 ms) has identical lists in each clause: the pruned search reads such a list
/// once and adds its score as many times (the same integer sum), so the cost is one clause's and
/// the scores are those of the exhaustive path, which reads every copy.
@Suite("Repeated clauses read once")
struct RepeatedClauseTests {
    static func reader() throws -> IndexReader {
        let (dir, _) = try Fixture.index(PhrasePruningTests.corpus())
        return try IndexReader(directory: dir, synonyms: try SynonymList.parse(PhrasePruningTests.synonyms))
    }

    @Test func sameTopKScoresAndTotalsAsTheExhaustiveSearch() throws {
        let reader = try Self.reader()
        for q in [
            "inondation inondation", "inondation commune inondation", "pprn pprn multirisques",
            Array(repeating: "prévention~2", count: 20).joined(separator: " "),
            Array(repeating: "inondation", count: 30).joined(separator: " ") + " commune",
            "\"prévention des risques\" \"prévention des risques\" inondation", "title:document document",
        ] {
            try PruningTests.expectSame(reader, q)
            try PruningTests.expectSame(reader, q) { $0.keywordBoosts = ["kind": ["plan": 3]] }
            try PruningTests.expectSame(reader, q) { $0.prefixLastWord = true }
        }
    }

    /// Identical lists (term or phrase, field, weight) become one standing for their copies,
    /// their clause bits together; the blocks a repeated word's search decodes are about one
    /// word's (each copy decoded its own before).
    @Test func identicalListsAreReadOnce() throws {
        let reader = try Self.reader()
        let seg = try #require(reader.segments.first)
        let repeated = Array(repeating: "inondation", count: 4).joined(separator: " ")
        let r = SearchRequest(query: repeated, limit: 10, snippets: false, prefixLastWord: false)
        let plan = try reader.plan(r)
        let coordination = Coordination(masses: plan.positive.map { $0.alts[0].mass }, allTerms: 2)
        let merged = try MaxScoreScoring(
            segment: seg, plan: plan, request: r, coordination: coordination, ranking: reader.ranking,
            schema: reader.schema, merge: true)
        let separate = try MaxScoreScoring(
            segment: seg, plan: plan, request: r, coordination: coordination, ranking: reader.ranking,
            schema: reader.schema)
        #expect(separate.lists.count == 4 * merged.lists.count)
        #expect(merged.lists.allSatisfy { $0.copies == 4 })
        #expect(merged.lists.contains { $0.maskBit == 0b1111 })
        var decoded: [Int] = []
        for q in ["inondation", repeated] {
            let scratch = Scratch()
            let request = SearchRequest(query: q, limit: 10, snippets: false, prefixLastWord: false)
            _ = try reader.searchSegment(
                seg, plan: try reader.plan(request), request: request, scratch: scratch, k: 10, exactTotal: false)
            decoded.append(scratch.decodedBlocks)
        }
        #expect(decoded[0] > 0 && decoded[1] <= decoded[0] + decoded[0] / 2, "\(decoded)")
    }
}
