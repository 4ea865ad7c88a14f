import Foundation
import Testing

@testable import OGPIndex

/// The search as ogp-serve asks it on a harvested catalogue: several segments (the harvest
/// commits every 20,000 records), each one's pruning starting from the k-th best score of those
/// before; phrases (the synonyms' spelled-out expressions); and a total counted up to a threshold.
@Suite("Several segments, phrases, counting thresholds")
struct SegmentsAndTotalsTests {
    static let words = ["lac", "mont", "val", "pic", "col", "cap", "roc", "gué"]

    /// Documents of near-identical words over `segments` commits (not merged: fewer than the
    /// writer's merge factor).
    static func segmentedIndex(segments: Int = 5, perSegment: Int = 700) throws -> IndexReader {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        var n = 0
        for _ in 0..<segments {
            for _ in 0..<perSegment {
                // A deterministic mix: a word sequence of varying length from the small vocabulary.
                var body: [String] = []
                for j in 0..<(5 + n % 11) { body.append(words[(n * 7 + j * j * 3 + j) % words.count]) }
                if n % 9 == 0 { body += ["rapport", "annuel"] }
                if n % 31 == 0 { body += ["plan", "prévention", "risques", "naturels"] }
                let kind = n % 53 == 0 ? "commitment" : "dataset"
                try w.add(
                    IndexDocument(
                        id: "d\(n)", fields: [TextField("title", words[n % words.count]), TextField("body", body.joined(separator: " "))],
                        keywords: ["kind": [kind]]))
                n += 1
            }
            try w.commit()
        }
        return try IndexReader(directory: dir)
    }

    @Test func eachSegmentPrunesFromTheBestOfTheOnesBefore() throws {
        let reader = try Self.segmentedIndex()
        #expect(reader.segments.count == 5)
        let priors: [String: Double] = ["commitment": 3, "dataset": 1]
        for q in ["lac mont", "val pic col", "rapport annuel lac", "plan risques naturels", "cap roc gué val"] {
            // Pruned against every match scored: same ids, same scores, exact totals.
            try PruningTests.expectSame(reader, q)
            try PruningTests.expectSame(reader, q) { $0.keywordBoosts = ["kind": priors] }
            try PruningTests.expectSame(reader, q) { $0.prefixLastWord = true }
            // Deeper pages too (the k of the floor is offset + limit).
            try PruningTests.expectSame(reader, q) { $0.offset = 20 }
        }
    }

    @Test func aFloorNeverDropsADocumentThatBelongsInTheTopK() throws {
        let reader = try Self.segmentedIndex(segments: 3, perSegment: 400)
        let r = SearchRequest(query: "lac mont val", limit: 10, snippets: false, prefixLastWord: false)
        let plan = try reader.plan(r)
        let full = try reader.searchIDs(r, pruning: false)
        let tenth = try #require(full.last?.score)
        // A floor just below the 10th best score keeps all ten; one above it keeps none of the
        // segment's documents that score below it.
        var kept: [(String, Double)] = []
        for seg in reader.segments {
            let res = try reader.searchSegment(
                seg, plan: plan, request: r, scratch: Scratch(), k: 10, exactTotal: false, floor: tenth - 1e-9)
            for c in res.top where c.score >= tenth - 1e-9 { kept.append((try seg.id(c.doc), c.score)) }
        }
        #expect(Set(kept.map(\.0)).isSuperset(of: full.map(\.id)))
    }

    @Test func phrasesMatchAdjacentWordsInOrderAsOftenAsTheyOccur() throws {
        let docs: [IndexDocument] = [
            IndexDocument(id: "once", fields: [TextField("title", "t"), TextField("body", "lac mont val pic col")]),
            IndexDocument(id: "twice", fields: [TextField("title", "t"), TextField("body", "lac mont pic lac mont")]),
            IndexDocument(id: "apart", fields: [TextField("title", "t"), TextField("body", "lac val mont pic col")]),
            IndexDocument(id: "reversed", fields: [TextField("title", "t"), TextField("body", "mont lac pic val col")]),
            IndexDocument(id: "repeat", fields: [TextField("title", "t"), TextField("body", "lac lac lac mont col")]),
            IndexDocument(id: "fields", fields: [TextField("title", "lac"), TextField("body", "mont pic val col roc")]),
        ]
        let (_, reader) = try Fixture.index(docs)
        func ids(_ q: String) throws -> Set<String> {
            Set(try reader.searchIDs(SearchRequest(query: q, limit: 10, snippets: false, prefixLastWord: false)).map(\.id))
        }
        #expect(try ids("\"lac mont\"") == ["once", "twice", "repeat"])
        #expect(try ids("\"lac lac mont\"") == ["repeat"])
        #expect(try ids("\"lac mont val\"") == ["once"])
        #expect(try ids("\"mont lac\"") == ["reversed"])
        // Two occurrences score above one in a document of the same length.
        let hits = try reader.searchIDs(
            SearchRequest(query: "\"lac mont\"", limit: 10, snippets: false, prefixLastWord: false))
        let score = Dictionary(uniqueKeysWithValues: hits.map { ($0.id, $0.score) })
        #expect((score["twice"] ?? 0) > (score["once"] ?? 0))
    }

    @Test func theTotalIsCountedUpToTheThresholdThenALowerBound() throws {
        let reader = try Self.segmentedIndex()
        for q in ["lac", "mont val", "rapport annuel", "plan risques naturels"] {
            var r = SearchRequest(query: q, limit: 10, snippets: false, prefixLastWord: false)
            let exact = try reader.search(r)
            #expect(!exact.totalIsLowerBound)
            #expect(exact.total == (try PruningTests.exhaustiveTotal(reader, r)), "\(q)")
            for threshold in [0, 1, 50, exact.total - 1, exact.total, exact.total + 1, 1_000_000] where threshold >= 0 {
                r.totalHitsThreshold = threshold
                let counted = try reader.search(r)
                // Same hits, same scores, whatever the threshold.
                #expect(counted.hits.map(\.id) == exact.hits.map(\.id), "\(q) \(threshold)")
                #expect(counted.hits.map(\.score) == exact.hits.map(\.score), "\(q) \(threshold)")
                if counted.totalIsLowerBound {
                    #expect(counted.total >= threshold && counted.total <= exact.total, "\(q) \(threshold)")
                } else {
                    #expect(counted.total == exact.total, "\(q) \(threshold)")
                }
                // Below the threshold the count is exact and said so.
                if exact.total < threshold { #expect(!counted.totalIsLowerBound && counted.total == exact.total) }
                if threshold < exact.total, threshold > 0 { #expect(counted.totalIsLowerBound, "\(q) \(threshold)") }
            }
        }
    }

    @Test func facetsKeepTheTotalExact() throws {
        let reader = try Self.segmentedIndex(segments: 2, perSegment: 300)
        var r = SearchRequest(query: "lac", limit: 10, snippets: false)
        let exact = try reader.search(r).total
        r.facets = ["kind"]
        r.totalHitsThreshold = 5
        let counted = try reader.search(r)
        #expect(counted.total == exact && !counted.totalIsLowerBound)
        #expect(counted.facets["kind"]?.reduce(0) { $0 + $1.count } == exact)
    }
}
