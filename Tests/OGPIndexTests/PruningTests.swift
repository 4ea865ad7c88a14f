import Foundation
import Testing

@testable import OGPIndex

/// MaxScore pruning must not change results: the pruned top-k equals the exhaustive one (same
/// ids, same order, same scores) on the fixture corpus and on a larger generated corpus.
@Suite("Dynamic pruning")
struct PruningTests {
    /// Compares the pruned and exhaustive top-k of `query` for a few depths and options.
    static func expectSame(
        _ reader: IndexReader, _ query: String, configure: (inout SearchRequest) -> Void = { _ in }
    ) throws {
        for limit in [1, 10, 25] {
            var r = SearchRequest(query: query, limit: limit, snippets: false, prefixLastWord: false)
            configure(&r)
            let pruned = try reader.searchIDs(r, pruning: true)
            let full = try reader.searchIDs(r, pruning: false)
            #expect(pruned.map(\.id) == full.map(\.id), "\(query) (limit \(limit))")
            for (a, b) in zip(pruned, full) { #expect(abs(a.score - b.score) <= 1e-6, "\(query): \(a.id)") }
            // `search` prunes too, but counts the matches it does not score: the total is exact.
            let results = try reader.search(r)
            #expect(results.hits.map(\.id) == full.map(\.id))
            #expect(results.total == (try exhaustiveTotal(reader, r)), "\(query)")
        }
    }

    /// The number of matches, every one scored.
    static func exhaustiveTotal(_ reader: IndexReader, _ r: SearchRequest) throws -> Int {
        let plan = try reader.plan(r)
        var n = 0
        for seg in reader.segments {
            n += try reader.searchSegment(seg, plan: plan, request: r, scratch: Scratch(), k: r.limit, pruning: false)
                .total
        }
        return n
    }

    @Test func fixtureCorpusTopKUnchanged() throws {
        let (_, reader) = try Fixture.index()
        let queries = [
            "gouvernement", "données environnementales", "participation citoyenne transparence",
            "plan action gouvernement ouvert transparence citoyens", "environnemental", "transparance",
            "action publique", "ouverte",
        ]
        for q in queries {
            try Self.expectSame(reader, q)
            try Self.expectSame(reader, q) { $0.keywordBoosts = ["kind": ["commitment": 3, "publication": 0.5]] }
            try Self.expectSame(reader, q) { $0.includeHidden = true }
            try Self.expectSame(reader, q) { $0.prefixLastWord = true }
            try Self.expectSame(reader, "title:" + q)
        }
    }

    @Test func generatedCorpusTopKUnchanged() throws {
        var rng = SplitMix(seed: 42)
        let words = Self.vocabulary
        func text(_ n: Int) -> String {
            (0..<n).map { _ in
                // Zipf-like: early words are frequent, later ones rare.
                let r = Double(rng.next() % 1_000_000) / 1_000_000
                return words[min(words.count - 1, Int(pow(r, 2.5) * Double(words.count)))]
            }.joined(separator: " ")
        }
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        for i in 0..<3000 {
            let kind = ["dataset", "commitment", "publication"][i % 3]
            try w.add(
                IndexDocument(
                    id: "d\(i)", fields: [TextField("title", text(3 + i % 6)), TextField("body", text(10 + i % 70))],
                    keywords: ["kind": [kind]], date: "2020-01-01", hidden: i % 97 == 0, stored: [:]))
            if i == 1500 { try w.commit() }  // two segments
        }
        for i in stride(from: 5, to: 3000, by: 211) { w.delete(id: "d\(i)") }
        try w.commit()
        let reader = try IndexReader(directory: dir)
        for n in [1, 2, 3, 6] {
            for _ in 0..<12 {
                let q = (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
                try Self.expectSame(reader, q)
                try Self.expectSame(reader, q) { $0.keywordBoosts = ["kind": ["commitment": 2.5]] }
                // Filters decide which documents count for the k-th best score the block-max
                // windows prune against.
                try Self.expectSame(reader, q) { $0.filters = ["kind": ["dataset"]] }
                try Self.expectSame(reader, q) { $0.query += " -\(words[5])" }
            }
        }
        // Frequent words only: long lists, most documents match.
        try Self.expectSame(reader, "\(words[0]) \(words[1])")
        try Self.expectSame(reader, "\(words[0]) \(words[1]) \(words[2]) \(words[3]) \(words[4]) \(words[5])")
        // A rare word with a frequent one: the frequent list brings no new candidates once the
        // documents with both fill the top-k, so fewer documents are candidates than match.
        let rare = words[words.count - 1]
        let r = SearchRequest(query: "\(words[0]) \(rare)", limit: 5, snippets: false, prefixLastWord: false)
        let plan = try reader.plan(r)
        var candidates = 0
        var matches = 0
        for seg in reader.segments {
            candidates += try reader.searchSegment(
                seg, plan: plan, request: r, scratch: Scratch(), k: 5, exactTotal: false
            ).total
            matches += try reader.searchSegment(seg, plan: plan, request: r, scratch: Scratch(), k: 5, pruning: false)
                .total
        }
        #expect(candidates < matches)
        try Self.expectSame(reader, r.query)
        #expect(try reader.search(r).total == matches)  // `search` keeps the exact count
    }

    /// A generated corpus where most blocks of the lists cannot reach the top k: the document-
    /// at-a-time path skips them and still returns the exhaustive top k at every depth.
    @Test func blockMaxSkipsWithoutChangingTheTopK() throws {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        for i in 0..<4000 {
            // "commune" everywhere, "budget" in one document of 7, both near each other in one
            // document of 300, "recensement" in one of 450 and, for the count of blocks below,
            // in the first 200 (then never again).
            var body = "commune texte numéro \(i % 13)"
            if i % 7 == 0 { body += " rapport budget annuel" }
            if i % 300 == 0 { body += " commune budget" }
            if i % 450 == 0 { body += " recensement" }
            if i < 200 { body += " dénombrement" }
            try w.add(
                IndexDocument(
                    id: "d\(i)", fields: [TextField("title", i % 11 == 0 ? "budget communal" : "document"), TextField("body", body)]))
        }
        try w.commit()
        let reader = try IndexReader(directory: dir)
        for q in [
            "commune budget", "budget", "commune recensement budget", "recensement", "texte commune budget annuel",
            "commune dénombrement", "dénombrement budget",
        ] {
            try Self.expectSame(reader, q)
        }
        // With a rare word in more than 10 documents, the frequent lists' blocks that hold none of
        // them cannot reach the top 10: most are never decoded (the exact-form lists included).
        let r = SearchRequest(query: "commune dénombrement", limit: 10, snippets: false, prefixLastWord: false)
        let plan = try reader.plan(r)
        let seg = try #require(reader.segments.first)
        let scratch = Scratch()
        _ = try reader.searchSegment(seg, plan: plan, request: r, scratch: scratch, k: 10, exactTotal: false)
        var blocks = 0
        for word in ["commune", "dénombrement"] {
            let info = try #require(try seg.lookup(BlockPostingsTests.term(word)))
            blocks += PostingsBlock.blockCount(info.df)
            // The exact forms' lists (the exact-form bonus) are read the same way.
            if let exact = try seg.lookup(TermKey.exact(word)) { blocks += PostingsBlock.blockCount(exact.df) }
        }
        #expect(blocks > 30)
        #expect(scratch.decodedBlocks > 0 && scratch.decodedBlocks < blocks / 2, "\(scratch.decodedBlocks) of \(blocks)")
    }

    /// The first k-th best comes from the rare word's few blocks of largest bounds (the seed),
    /// with documents dropped once they cannot enter it: a rare word in about 1,500 documents
    /// (a dozen blocks) whose best documents sit in a few blocks of the middle, with a frequent
    /// word everywhere, keeps the exhaustive top k at every depth, with filters and priors
    /// deciding which documents count.
    @Test func seedFromTheBestBlocksKeepsTheTopK() throws {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        var rng = SplitMix(seed: 7)
        for i in 0..<6000 {
            var body = "commune texte \(i % 17)"
            // "inondation" in one document of 4; often (short titles, several times) around
            // documents 3000–3400, once in a long body elsewhere.
            let hot = (3000..<3400).contains(i)
            if i % 4 == 0 {
                body += hot ? " inondation risque inondation" : " " + String(repeating: "autre ", count: 20) + "inondation"
            }
            if rng.next() % 3 == 0 { body += " risque" }
            let title = hot && i % 8 == 0 ? "inondation" : "document \(i % 5)"
            try w.add(
                IndexDocument(
                    id: "d\(i)", fields: [TextField("title", title), TextField("body", body)],
                    keywords: ["kind": [["dataset", "commitment"][i % 2]]]))
        }
        try w.commit()
        let reader = try IndexReader(directory: dir)
        let seg = try #require(reader.segments.first)
        let rare = try #require(try seg.lookup(BlockPostingsTests.term("inondation")))
        #expect(PostingsBlock.blockCount(rare.df) > 2 * MaxScoreScoring.seedBlocks && rare.df <= 4096)
        for q in ["commune inondation", "inondation risque", "commune risque inondation", "texte inondation commune risque"] {
            try Self.expectSame(reader, q)
            try Self.expectSame(reader, q) { $0.filters = ["kind": ["commitment"]] }
            try Self.expectSame(reader, q) { $0.keywordBoosts = ["kind": ["dataset": 1.7]] }
        }
    }

    @Test func fixedPointScoresNeverTrapAndAddInAnyOrder() {
        #expect(Scratch.fixed(.nan) == 0)
        #expect(Scratch.fixed(.infinity) > 0 && Scratch.fixed(-.infinity) < 0)
        #expect(Scratch.fixed(1e300) == Scratch.fixed(.infinity))
        var rng = SplitMix(seed: 3)
        let parts = (0..<40).map { _ in Double(rng.next() % 1_000_000) / 37_000 - 5 }
        let forward = parts.reduce(Int64(0)) { $0 + Scratch.fixed($1) }
        let backward = parts.reversed().reduce(Int64(0)) { $0 + Scratch.fixed($1) }
        #expect(forward == backward)
        #expect(abs(Double(forward) / Scratch.unit - parts.reduce(0, +)) < 1e-6)
    }

    @Test func skippingVarintsMatchesDecoding() throws {
        var rng = SplitMix(seed: 7)
        var w = ByteBuffer()
        let values = (0..<2000).map { _ in rng.next() >> (rng.next() % 64) }
        for v in values { w.varint(v) }
        try withBytes(w.bytes) { buf throws(IndexError) in
            for _ in 0..<300 {
                let start = Int(rng.next() % 1000)
                let n = Int(rng.next() % 40)
                var a = ByteCursor(buf, file: "t")
                var b = ByteCursor(buf, file: "t")
                for _ in 0..<start { _ = try a.varint(); _ = try b.varint() }
                for _ in 0..<n { _ = try a.varint() }
                try b.skipVarints(n)
                #expect(a.offset == b.offset)
            }
            var c = ByteCursor(buf, file: "t")
            #expect(throws: IndexError.self) { try c.skipVarints(values.count + 1) }
        }
    }

    static let vocabulary: [String] = {
        let stems = [
            "donnée", "public", "gouvernement", "ouvert", "transparence", "citoyen", "environnement", "commune",
            "région", "budget", "transport", "santé", "école", "élection", "énergie", "forêt", "eau", "route",
            "population", "logement", "agriculture", "pollution", "climat", "subvention", "marché", "emploi",
            "tourisme", "culture", "musée", "biodiversité", "déchet", "recyclage", "vélo", "gare", "hôpital",
            "impôt", "recensement", "cadastre", "parcelle", "adresse", "entreprise", "association", "sport",
        ]
        let suffixes = ["", "s", "ale", "aux", "ique", "ement", "isation"]
        return stems.flatMap { s in suffixes.map { s + $0 } }
    }()
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
