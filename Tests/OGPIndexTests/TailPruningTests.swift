import Foundation
import Testing

@testable import OGPIndex

/// The slowest queries' fixes (issue 16, p99): bounds that count only what a document can get,
/// a k-th best taken on final scores (proximity bonus included), and scoring that reads less
/// memory — each keeping the exhaustive top k (ids, order, scores).
@Suite("Pruning of the slowest queries")
struct TailPruningTests {
    /// The exact-form bonus sets no clause bit: the clauses the lists from `j` on can add to a
    /// document's mask (coordination and proximity bounds) are their main lists' only.
    @Test func exactFormListsAddNoClauseToTheBounds() throws {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        for i in 0..<600 {
            var body = "document \(i % 7)"
            if i % 2 == 0 { body += " risques naturels" }
            if i % 3 == 0 { body += " risque" }
            if i % 5 == 0 { body += " communes" }
            try w.add(IndexDocument(id: "d\(i)", fields: [TextField("title", "titre"), TextField("body", body)]))
        }
        try w.commit()
        let reader = try IndexReader(directory: dir)
        let seg = try #require(reader.segments.first)
        let r = SearchRequest(query: "risques naturels communes", limit: 10, snippets: false, prefixLastWord: false)
        let plan = try reader.plan(r)
        let ms = try MaxScoreScoring(
            segment: seg, plan: plan, request: r, coordination: Coordination(masses: [1, 1, 1], allTerms: 2),
            ranking: reader.ranking, schema: reader.schema)
        #expect(ms.lists.contains { $0.bit < 0 }, "an exact-form list (« risques », « communes »)")
        for j in ms.lists.indices {
            var main: UInt64 = 0
            for l in ms.lists[j...] where l.bit >= 0 { main |= 1 << UInt64(l.bit) }
            #expect(ms.suffixClauses[j] == main, "lists \(j)…")
        }
        for q in ["risques naturels communes", "risques communes", "naturels risque document communes"] {
            try PruningTests.expectSame(reader, q)
        }
    }

    /// « risques naturels juvigny »: fewer than k documents hold every word, so the k-th best is
    /// a partial match, and the documents holding the two frequent words (adjacent: a proximity
    /// bonus) all come within its bound unless the k-th best counts the bonus too. With the
    /// bonus counted as documents enter the k best, few remain candidates, few bonuses are
    /// computed, and the top k is the exhaustive one.
    @Test func theKthBestCountsTheProximityBonus() throws {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        var rng = SplitMix(seed: 16)
        for i in 0..<3000 {
            var body = "texte \(i % 11)"
            // The two words in one document of 5 (idf well above the proximity floor), adjacent
            // in most, with bodies of varied length (varied scores).
            if i % 5 == 0 {
                body += rng.next() % 4 == 0 ? " risques et autres naturels" : " risques naturels"
                body += String(repeating: " mot", count: Int(rng.next() % 30))
            }
            if i % 7 == 0 { body += " naturels" }
            if i == 10 || i == 1500 || i == 2990 { body += " juvigny" }
            try w.add(IndexDocument(id: "d\(i)", fields: [TextField("title", "titre \(i % 3)"), TextField("body", body)]))
        }
        try w.commit()
        let reader = try IndexReader(directory: dir)
        for q in ["risques naturels juvigny", "risques naturels", "naturels risques juvigny", "juvigny risques"] {
            try PruningTests.expectSame(reader, q)
            try PruningTests.expectSame(reader, q) { $0.keywordBoosts = ["kind": ["dataset": 2]] }
        }
        let r = SearchRequest(query: "risques naturels juvigny", limit: 10, snippets: false, prefixLastWord: false)
        let plan = try reader.plan(r)
        let seg = try #require(reader.segments.first)
        let scratch = Scratch()
        let kept = try reader.searchSegment(seg, plan: plan, request: r, scratch: scratch, k: 10, exactTotal: false).total
        let matches = try reader.searchSegment(seg, plan: plan, request: r, scratch: Scratch(), k: 10, pruning: false)
            .total
        #expect(matches >= 600)
        #expect(kept < 100, "\(kept) of \(matches) documents kept")
        #expect(scratch.proximityBonuses < 100, "\(scratch.proximityBonuses) bonuses computed")
    }

    /// Near-identical documents (the « plan de prévention des risques » siblings): equal scores
    /// but for the words' distance, so ties on the bound; pruning keeps the exhaustive order.
    @Test func nearIdenticalDocumentsKeepTheExhaustiveOrder() throws {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        for i in 0..<2000 {
            let title: String
            switch i % 10 {
            case 0: title = "plan prévention risques commune \(i % 13)"
            case 1, 2, 3: title = "plan de prévention des risques commune \(i % 13)"
            case 4: title = "prévention des risques"
            default: title = "arrêté \(i % 17)"
            }
            try w.add(
                IndexDocument(
                    id: "d\(i)", fields: [TextField("title", title), TextField("body", "risques naturels \(i % 5)")]))
        }
        try w.commit()
        let reader = try IndexReader(directory: dir)
        for q in ["plan prévention risques", "prévention risques", "plan risques commune", "plan prévention risques naturels"]
        {
            try PruningTests.expectSame(reader, q)
        }
    }

    /// Length norms are the formula's `Float`s, coded (few distinct lengths) or one per document
    /// and field (more than 65,536).
    @Test func lengthNormsAreTheFormulasFloats() {
        func expected(_ len: UInt32, _ b: Double, _ avg: Double) -> Float { Float(1 / (1 - b + b * Double(len) / avg)) }
        var rng = SplitMix(seed: 5)
        let short = (0..<5000).map { _ in UInt32(rng.next() % 300) + (rng.next() % 50 == 0 ? 9000 : 0) }
        func norms(_ lengths: [UInt32], docs: Int, fields: Int, avg: [Double], b: @escaping (Int) -> Double) -> LengthNorms {
            // Lengths as the doc values file holds them: little-endian UInt32s after a header.
            var bytes = [UInt8](repeating: 0xEE, count: 12)
            for l in lengths { withUnsafeBytes(of: l.littleEndian) { bytes += $0 } }
            return bytes.withUnsafeBytes {
                LengthNorms(docCount: docs, fields: fields, avg: avg, b: b, lengths: $0, at: 12)
            }
        }
        let coded = norms(short, docs: 2500, fields: 2, avg: [12.5, 140]) { $0 == 0 ? 0.5 : 0.75 }
        defer { coded.deallocate() }
        #expect(coded.coded)
        for d in 0..<2500 {
            for f in 0..<2 { #expect(coded(d, f) == expected(short[d * 2 + f], f == 0 ? 0.5 : 0.75, f == 0 ? 12.5 : 140)) }
        }
        // Every length distinct: more values than 2-byte codes.
        let n = 70_000
        let plain = norms((0..<n).map { UInt32($0) }, docs: n, fields: 1, avg: [35_000]) { _ in 0.75 }
        defer { plain.deallocate() }
        #expect(!plain.coded)
        for d in stride(from: 0, to: n, by: 97) { #expect(plain(d, 0) == expected(UInt32(d), 0.75, 35_000)) }
    }

    /// A pass ended by an error leaves the window accumulators dirty: the next query's
    /// `prepare` clears them.
    @Test func windowAccumulatorsAreClearedAfterAnInterruptedPass() {
        let scratch = Scratch()
        scratch.prepare(1000)
        for i in 0..<1000 where i % 3 == 0 {
            scratch.windowScores[i] = Int64(i)
            scratch.windowMasks[i] = UInt64(i)
        }
        scratch.windowsClean = false
        scratch.prepare(1000)
        #expect(scratch.windowsClean)
        #expect((0..<1000).allSatisfy { scratch.windowScores[$0] == 0 && scratch.windowMasks[$0] == 0 })
    }
}
