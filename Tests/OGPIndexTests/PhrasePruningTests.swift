import Foundation
import Testing

@testable import OGPIndex

/// Phrases in the pruned (block-max) search: a synonym of several words (`PPRN` → « plan de
/// prévention des risques naturels ») or a quoted phrase is a list of its own there, matched
/// only for the candidates that can still reach the top k, where it sent the whole query to
/// the clause-by-clause path (every list scanned, the phrase matched in every document holding
/// its words: 4.7 ms for « pprn multirisques » on the data.gouv.fr export). Same top k, same
/// scores, same totals as the exhaustive path.
@Suite("Phrases in the pruned search")
struct PhrasePruningTests {
    static let synonyms = "PPRN | plan de prévention des risques naturels\nvélo | bicyclette\n"

    /// 4,000 documents: one in two holds the expression (some with its words apart, some twice,
    /// some in the title), a few the acronym, some the other query words.
    static func corpus() -> [IndexDocument] {
        var rng = SplitMix(seed: 23)
        var docs: [IndexDocument] = []
        for i in 0..<4000 {
            var title = "document \(i % 17)"
            var body = "commune \(i % 13)"
            switch rng.next() % 10 {
            case 0...3: body += " plan de prévention des risques naturels"
            case 4: body += " plan de prévention des risques naturels et plan de prévention des risques naturels"
            case 5: title += " plan de prévention des risques naturels"
            case 6: body += " plan des risques de prévention naturels"
            default: break
            }
            if i % 9 == 0 { body += " multirisques" }
            if i % 97 == 0 { title += " pprn" }
            if i % 5 == 0 { body += " inondation" }
            body += String(repeating: " mot", count: Int(rng.next() % 40))
            docs.append(
                IndexDocument(
                    id: "d\(i)", fields: [TextField("title", title), TextField("body", body)],
                    keywords: ["kind": [i % 50 == 0 ? "plan" : "dataset"]]))
        }
        return docs
    }

    static func reader(ranking: RankingParameters = RankingParameters()) throws -> IndexReader {
        let (dir, _) = try Fixture.index(corpus())
        return try IndexReader(directory: dir, ranking: ranking, synonyms: try SynonymList.parse(synonyms))
    }

    static let queries = [
        "pprn multirisques", "pprn", "multirisques pprn inondation", "pprn commune", "\"prévention des risques\"",
        "\"plan de prévention\" multirisques", "title:\"prévention des risques\" inondation",
        "\"risques naturels\" \"plan de prévention\"", "\"plan plan\" risques", "pprn vélo multirisques",
    ]

    @Test func sameTopKScoresAndTotalsAsTheExhaustiveSearch() throws {
        let variants = [
            RankingParameters(),
            RankingParameters(k1: 2.4, b: 0.5, fieldBoosts: ["title": 8], exactForm: 0.5, proximity: 0.5, allTerms: 3),
            RankingParameters(fieldBoosts: ["title": 3], perFieldSaturation: true),
            RankingParameters(fieldB: ["title": 0.2], longCoordination: 0.5, fieldOwn: ["title": 1]),
            RankingParameters(keywordFieldOwn: ["title": 2], keywordCoordination: 0),
        ]
        for ranking in variants {
            let reader = try Self.reader(ranking: ranking)
            for q in Self.queries {
                try PruningTests.expectSame(reader, q)
                try PruningTests.expectSame(reader, q) { $0.keywordBoosts = ["kind": ["plan": 3]] }
                try PruningTests.expectSame(reader, q) { $0.prefixLastWord = true }
            }
        }
    }

    /// With the count bounded (`totalHitsThreshold`, the server's), the hits are the same and
    /// the total exact below the threshold, at least it above.
    @Test func countUpToAThresholdCountsPhraseMatches() throws {
        let reader = try Self.reader()
        for q in Self.queries {
            var r = SearchRequest(query: q, limit: 20, snippets: false)
            let exact = try reader.search(r)
            #expect(exact.total == (try PruningTests.exhaustiveTotal(reader, r)), "\(q)")
            for threshold in [10, 1000, 10_000] {
                r.totalHitsThreshold = threshold
                let bounded = try reader.search(r)
                #expect(bounded.hits.map(\.id) == exact.hits.map(\.id), "\(q)")
                if bounded.totalIsLowerBound {
                    #expect(bounded.total >= threshold && bounded.total <= exact.total, "\(q): \(bounded.total)")
                } else {
                    #expect(bounded.total == exact.total, "\(q)")
                }
            }
        }
    }

    /// The phrase is matched for few of the documents holding it: those that can still reach
    /// the top k (the clause-by-clause path matched all of them).
    @Test func thePhraseIsMatchedOnlyWhereItCanChangeTheTopK() throws {
        let reader = try Self.reader()
        let seg = try #require(reader.segments.first)
        let r = SearchRequest(query: "pprn multirisques", limit: 10, snippets: false, prefixLastWord: false)
        let plan = try reader.plan(r)
        #expect(plan.positive.contains { $0.alts.contains { !$0.phrase.isEmpty } }, "the synonym's phrase")
        let full = try reader.searchSegment(seg, plan: plan, request: r, scratch: Scratch(), k: 10, pruning: false)
        let holding = try reader.search(
            SearchRequest(query: "\"plan de prévention des risques naturels\"", limit: 1, snippets: false)
        ).total
        #expect(holding > 1500)
        let scratch = Scratch()
        let pruned = try reader.searchSegment(seg, plan: plan, request: r, scratch: scratch, k: 10, exactTotal: false)
        #expect(pruned.top.map(\.doc) == full.top.map(\.doc))
        // Each candidate's bound from its terms' frequencies (``PhraseMatcher/holdsTerms(_:)``)
        // spares most position reads that the window's bound alone would make (339 here).
        #expect(
            scratch.phraseMatches > 0 && scratch.phraseMatches < holding / 12, "\(scratch.phraseMatches) of \(holding)")
    }

    /// The bound before positions: a document holding the phrase holds every term, and the
    /// phrase scores at most the bound from its terms' least frequencies; a document lacking a
    /// term is told apart without its positions.
    @Test func theBoundFromTheTermsFrequenciesHolds() throws {
        let reader = try Self.reader(ranking: RankingParameters(fieldBoosts: ["title": 3], perFieldSaturation: true))
        let seg = try #require(reader.segments.first)
        let scorer = SegmentScorer(
            segment: seg, boosts: reader.ranking.boosts(reader.schema), own: reader.ranking.ownWeights(reader.schema),
            scratch: Scratch(), ranking: reader.ranking)
        #expect(scorer.phraseBoundHolds)
        for q in ["\"plan de prévention des risques naturels\"", "title:\"prévention des risques\"", "\"plan plan\""] {
            let plan = try reader.plan(SearchRequest(query: q, limit: 10, snippets: false, prefixLastWord: false))
            let text = try #require(plan.positive.first?.alts.first)
            var all = try #require(try PhraseMatcher(segment: seg, text: text))
            var probe = try #require(try PhraseMatcher(segment: seg, text: text, bounded: scorer.searched(text.field)))
            var matches = 0
            var told = 0
            var next = try all.next()
            for d in 0..<seg.docCount {
                let holds = try probe.holdsTerms(d)
                let matched = try probe.match(d)
                if next == d, !all.hits.isEmpty {
                    matches += 1
                    #expect(holds && matched)
                    #expect(scorer.phraseBound(probe, doc: d) >= scorer.phraseScore(all, doc: d), "\(q): \(d)")
                    #expect(scorer.phraseScore(probe, doc: d) == scorer.phraseScore(all, doc: d))
                } else {
                    #expect(!matched, "\(q): \(d)")
                    if !holds { told += 1 }
                }
                if next == d { next = try all.next() }
            }
            #expect(matches > 0 || q.contains("plan plan"), "\(q)")
            #expect(told > 0, "\(q)")
        }
    }
}
