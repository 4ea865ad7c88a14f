import Testing

@testable import OGPIndex

/// The kind prior's bound per window of documents (``PriorBounds``): a segment of datasets with
/// a few plans (a harvest's index merged into one segment) is pruned as if there were no prior
/// outside the plans' window, and gives the exhaustive top k wherever the plans are.
@Suite("Prior bounds per window")
struct PriorBoundsTests {
    @Test func theLargestPriorOfARangeAtLeastOne() {
        var b = PriorBounds([10: 3, 12: 2, 40: 0.5, 41: 2, 90: 3])
        #expect(b.segmentBound == 3)
        #expect(!b.isTrivial)
        #expect(b.bound(0, 9) == 1)
        #expect(b.bound(10, 10) == 3)
        #expect(b.bound(11, 39) == 2)
        #expect(b.bound(40, 40) == 1)  // a prior below 1: other documents of the range count 1
        #expect(b.bound(40, 89) == 2)
        #expect(b.bound(90, 1000) == 3)
        #expect(b.bound(1001, 2000) == 1)
        #expect(PriorBounds([3: 0.5]).isTrivial)
        #expect(PriorBounds([:]).segmentBound == 1)
    }

    /// 4,000 documents of one segment, ten of them commitments (×3): none, at the end, in the
    /// middle, or spread. « rapport » is three times in the first 30 documents (the top 10) and
    /// once in every fifth document (bounded below the 10th best at ×1, above it at ×3, BM25
    /// saturating): with the segment's largest prior every block of « rapport » was decoded.
    @Test func aFewBoostedDocumentsDoNotWeakenTheRestOfTheSegment() throws {
        let priors: [String: Double] = ["commitment": 3, "action-plan": 3, "publication": 2, "dataset": 1]
        let placements: [(String, (Int) -> Bool)] = [
            ("none", { _ in false }), ("end", { $0 >= 3990 }), ("middle", { $0 >= 2000 && $0 < 2010 }),
            ("spread", { $0 % 400 == 7 }),
        ]
        var decodedByPlacement: [String: Int] = [:]
        for (name, isCommitment) in placements {
            let dir = Fixture.tempDir()
            let w = try IndexWriter(directory: dir)
            for i in 0..<4000 {
                // The same length everywhere (BM25's length normalisation aside).
                var body =
                    i < 30
                    ? "rapport rapport rapport commune texte"
                    : i % 5 == 0 ? "rapport commune texte mot mot" : "commune texte mot mot mot"
                if i % 7 == 0 { body += " budget" }
                if isCommitment(i) { body += " dénombrement" }
                try w.add(
                    IndexDocument(
                        id: "d\(i)", fields: [TextField("title", "document"), TextField("body", body)],
                        keywords: ["kind": [isCommitment(i) ? "commitment" : "dataset"]]))
            }
            try w.commit()
            let reader = try IndexReader(directory: dir)
            for q in ["rapport", "rapport budget", "commune dénombrement", "rapport texte dénombrement"] {
                try PruningTests.expectSame(reader, q) { $0.keywordBoosts = ["kind": priors] }
            }
            var r = SearchRequest(query: "rapport", limit: 10, snippets: false, prefixLastWord: false)
            r.keywordBoosts = ["kind": priors]
            let seg = try #require(reader.segments.first)
            let scratch = Scratch()
            let top = try reader.searchSegment(
                seg, plan: try reader.plan(r), request: r, scratch: scratch, k: 10, exactTotal: false)
            // The first documents (three times the word), and the commitments holding it once (×3).
            #expect(top.top.count == 10 && top.top.allSatisfy { $0.doc < 30 || isCommitment($0.doc) }, "\(name)")
            decodedByPlacement[name] = scratch.decodedBlocks
        }
        // Only the windows holding the commitments are bounded ×3 (end, middle): a block or two
        // more (7 of 7 with the segment's largest prior).
        let none = try #require(decodedByPlacement["none"])
        #expect(none > 0)
        for name in ["end", "middle"] {
            let n = try #require(decodedByPlacement[name])
            #expect(n <= none + 2, "\(name): \(n) blocks decoded, \(none) without commitments")
        }
    }
}
