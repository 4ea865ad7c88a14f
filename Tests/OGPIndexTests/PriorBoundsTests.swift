import Testing

@testable import OGPIndex

/// The kind prior's bound per window of documents (``PriorBounds``): a segment of datasets with
/// a few plans (a harvest's index merged into one segment) is pruned as if there were no prior
/// outside the plans' window, and gives the exhaustive top k wherever the plans are.
@Suite("Prior bounds per window")
struct PriorBoundsTests {
    @Test func windowsAreCutAtTheRunsOfBoostedDocuments() {
        var b = PriorBounds([1000: 3, 1002: 2, 1100: 0.5, 2000: 2, 2001: 2, 5000: 3])
        #expect(b.segmentBound == 3)
        #expect(!b.isTrivial)
        #expect(b.runs.map(\.first) == [1000, 2000, 5000])
        #expect(b.window(0, 9999) == (999, 1))
        #expect(b.window(1000, 9999) == (1002, 3))
        #expect(b.window(1003, 1500) == (1500, 1))  // 1100's prior is below 1: no run
        #expect(b.window(1501, 9999) == (1999, 1))
        #expect(b.window(2000, 2000) == (2000, 2))
        #expect(b.window(2001, 4000) == (2001, 2))
        #expect(b.window(2002, 9999) == (4999, 1))
        #expect(b.window(5000, 9999) == (5000, 3))
        #expect(b.window(5001, 9999) == (9999, 1))
        var c = PriorBounds([1000: 3, 1002: 2, 2000: 2, 5000: 3])
        #expect(c.bound(0, 999) == 1)
        #expect(c.bound(0, 1000) == 3)
        #expect(c.bound(1001, 1999) == 3)
        #expect(c.bound(1003, 1999) == 1)
        #expect(c.bound(1003, 2000) == 2)
        #expect(c.bound(2002, 6000) == 3)
        // Boosted documents close together share a run (the documents between them bounded too).
        #expect(PriorBounds([10: 3, 200: 2]).runs == [.init(first: 10, last: 200, prior: 3)])
        #expect(PriorBounds([3: 0.5, 4: 1]).isTrivial)
        // Priors far apart are not joined, however close: a plan (×3) among popular datasets
        // (×1.03–1.09) would bound every dataset of the run ×3.
        #expect(
            PriorBounds([10: 1.03, 20: 1.09, 30: 3, 40: 1.06, 50: 1.03]).runs == [
                .init(first: 10, last: 20, prior: 1.09), .init(first: 30, last: 30, prior: 3),
                .init(first: 40, last: 50, prior: 1.06),
            ])
        #expect(PriorBounds([:]).segmentBound == 1)
    }

    /// ogp's priors with the popularity of datasets: one document in twenty lifted ×1.03–1.09
    /// (a twentieth of the datasets have followers or reuses), a few commitments ×3 among them;
    /// pruned and exhaustive give the same top k, and the segment's priors are computed once.
    @Test func popularityAmongCommitmentsIsPrunedExactly() throws {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        let levels = ["low", "medium", "high"]
        for i in 0..<3000 {
            var body = "commune texte mot \(i % 11)"
            if i % 3 == 0 { body += " rapport" }
            if i % 50 == 1 { body += " rapport budget" }
            var keywords: [String: [String]] = ["kind": [i % 400 == 9 ? "commitment" : "dataset"]]
            if i % 20 == 4 { keywords["popularity"] = [levels[(i / 20) % 3]] }
            try w.add(
                IndexDocument(
                    id: "d\(i)", fields: [TextField("title", "document \(i % 7)"), TextField("body", body)],
                    keywords: keywords))
        }
        try w.commit()
        let reader = try IndexReader(directory: dir)
        let boosts: [String: [String: Double]] = [
            "kind": ["commitment": 3, "dataset": 1], "popularity": ["low": 1.03, "medium": 1.06, "high": 1.09],
        ]
        for q in ["rapport", "rapport budget", "commune rapport", "texte budget mot", "document rapport"] {
            try PruningTests.expectSame(reader, q) { $0.keywordBoosts = boosts }
        }
        let seg = try #require(reader.segments.first)
        var computed = 0
        for _ in 0..<3 {
            let p = try seg.priorCache.priors(boosts) { () throws(IndexError) in
                computed += 1
                return SegmentPriors.none
            }
            #expect(p.maxPrior == 3)
            #expect(p.prior.count == 150 + 8)  // every twentieth document, and the commitments
        }
        #expect(computed == 0)  // the searches above computed them
        _ = try seg.priorCache.priors(["kind": ["commitment": 2]]) { () throws(IndexError) in
            computed += 1
            return SegmentPriors.none
        }
        #expect(computed == 1)
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
                if i % 1000 == 3 { body += " rare" }
                try w.add(
                    IndexDocument(
                        id: "d\(i)", fields: [TextField("title", "document"), TextField("body", body)],
                        keywords: ["kind": [isCommitment(i) ? "commitment" : "dataset"]]))
            }
            try w.commit()
            let reader = try IndexReader(directory: dir)
            for q in ["rapport", "rapport budget", "commune dénombrement", "rapport texte dénombrement", "commune rare"] {
                try PruningTests.expectSame(reader, q) { $0.keywordBoosts = ["kind": priors] }
            }
            var r = SearchRequest(query: "rapport", limit: 10, snippets: false, prefixLastWord: false)
            r.keywordBoosts = ["kind": priors]
            let seg = try #require(reader.segments.first)
            var scratch = Scratch()
            let top = try reader.searchSegment(
                seg, plan: try reader.plan(r), request: r, scratch: scratch, k: 10, exactTotal: false)
            // The first documents (three times the word), and the commitments holding it once (×3).
            #expect(top.top.count == 10 && top.top.allSatisfy { $0.doc < 30 || isCommitment($0.doc) }, "\(name)")
            decodedByPlacement[name] = scratch.decodedBlocks
            // A rare word in one block that spans the segment, beside a word in every document:
            // the window the rare word leads ends before the commitments (one window to the end,
            // bounded ×3, decoded every block of « commune »).
            r.query = "commune rare"
            r.limit = 3
            scratch = Scratch()
            _ = try reader.searchSegment(
                seg, plan: try reader.plan(r), request: r, scratch: scratch, k: 3, exactTotal: false)
            decodedByPlacement[name + " rare"] = scratch.decodedBlocks
        }
        // Only the windows holding the commitments are bounded ×3 (end, middle): a block or two
        // more (7 of 7 with the segment's largest prior).
        let none = try #require(decodedByPlacement["none"])
        #expect(none > 0)
        for name in ["end", "middle"] {
            let n = try #require(decodedByPlacement[name])
            #expect(n <= none + 2, "\(name): \(n) blocks decoded, \(none) without commitments")
            let rare = try #require(decodedByPlacement[name + " rare"])
            let noneRare = try #require(decodedByPlacement["none rare"])
            #expect(rare <= noneRare + 2, "\(name): \(rare) blocks decoded, \(noneRare) without commitments")
        }
    }
}
