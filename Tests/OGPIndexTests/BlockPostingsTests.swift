import Foundation
import OGPAnalysis
import Testing

@testable import OGPIndex

/// The block postings format: bit packing, the skip table, cursors that skip blocks, positions
/// read apart, and the block maxima the pruning relies on (checked against every document).
@Suite("Block postings")
struct BlockPostingsTests {
    @Test func bitPackingRoundTrips() {
        var rng = SplitMix(seed: 3)
        for _ in 0..<2000 {
            let width = Int(rng.next() % 33)
            let count = 1 + Int(rng.next() % UInt64(PostingsBlock.size))
            let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (1 << UInt64(width)) - 1
            let values = (0..<count).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) }
            var packed: [UInt8] = []
            values.withUnsafeBufferPointer { v in
                #expect(BitPacking.width(v) <= width)
                BitPacking.pack(v, width: width, into: &packed)
            }
            #expect(packed.count == BitPacking.byteCount(count, width: width))
            // Packed bytes at the very end of the buffer (the byte-by-byte tail is exercised
            // too), or followed by others (8-byte loads all the way).
            let lead = Int(rng.next() % 9)
            let trail = rng.next() % 2 == 0 ? 0 : 16
            let buffer = [UInt8](repeating: 0xAA, count: lead) + packed + [UInt8](repeating: 0x55, count: trail)
            var out = [UInt32](repeating: 7, count: count)
            buffer.withUnsafeBytes { b in
                out.withUnsafeMutableBufferPointer { o in
                    BitPacking.unpack(b, offset: lead, end: b.count, count: count, width: width, into: o.baseAddress!)
                }
            }
            #expect(out == values, "width \(width), count \(count)")
        }
    }

    @Test func lengthCodesRoundDown() {
        var previous = -1
        for code in 0..<256 {
            let length = PostingsBlock.length(code: code)
            #expect(length > previous)
            previous = length
            #expect(PostingsBlock.lengthCode(length) == code)
        }
        for length in [0, 1, 63, 64, 65, 100, 1000, 12345, 253_952, 1 << 20] {
            let code = PostingsBlock.lengthCode(length)
            #expect(PostingsBlock.length(code: code) <= length)
            #expect(code == 255 || PostingsBlock.length(code: code + 1) > length)
        }
    }

    /// 1,000 documents: `alpha` in every third (with `omega` before a second one in every sixth), `beta` in every
    /// seventh, right after `alpha` in every 21st; a second body field in every fifth.
    static func corpus() throws -> (IndexReader, [IndexDocument]) {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        var docs: [IndexDocument] = []
        for i in 0..<1000 {
            var body = "texte numéro \(i)"
            if i % 3 == 0 { body += i % 21 == 0 ? " alpha beta" : " alpha gamma" }
            if i % 6 == 0 { body += " omega alpha" }
            if i % 7 == 0 && i % 21 != 0 { body += " delta beta" }
            var fields = [TextField("title", "document \(i)"), TextField("body", body)]
            if i % 5 == 0 { fields.append(TextField("body", "suite alpha beta")) }
            let d = IndexDocument(
                id: "d\(i)", fields: fields, keywords: ["kind": ["dataset"]], date: "2020-01-01", hidden: false,
                stored: [:])
            docs.append(d)
            try w.add(d)
        }
        try w.commit()
        return (try IndexReader(directory: dir), docs)
    }

    static func term(_ word: String) -> String {
        var t = ""
        Analyzer.french.forEachToken(word) { t = $0.term }
        return t
    }

    @Test func cursorsSkipToTheSameDocumentsAsAWalk() throws {
        let (reader, docs) = try Self.corpus()
        let seg = try #require(reader.segments.first)
        let info = try #require(try seg.lookup(Self.term("alpha")))
        let truth = docs.indices.filter { $0 % 3 == 0 || $0 % 5 == 0 }
        #expect(info.df == truth.count)
        #expect(PostingsBlock.blockCount(info.df) > 2)
        var walk = try PostingsCursor(segment: seg, info: info, layout: .positional)
        var entries: [PostingsCursor.Entry] = []
        var seen: [Int] = []
        while try walk.next(&entries) {
            seen.append(walk.doc)
            // Positions: one run per field, increasing, as many as the tf.
            for e in entries {
                let p = try PostingsCursor.positions(e.positions, file: "t")
                #expect(p.count == e.tf)
                #expect(p == p.sorted())
            }
            let body = try #require(entries.first { $0.field == 2 })
            let expected = (walk.doc % 3 == 0 ? 1 : 0) + (walk.doc % 6 == 0 ? 1 : 0) + (walk.doc % 5 == 0 ? 1 : 0)
            #expect(body.tf == expected, "doc \(walk.doc)")
        }
        #expect(seen == truth)
        var rng = SplitMix(seed: 11)
        for _ in 0..<50 {
            var c = try PostingsCursor(segment: seg, info: info, layout: .positional)
            var target = 0
            while true {
                target += Int(rng.next() % 300)
                let found = try c.advance(to: target, &entries)
                guard let want = truth.first(where: { $0 >= target }) else {
                    #expect(!found)
                    break
                }
                #expect(found && c.doc == want, "target \(target)")
                #expect(entries.contains { $0.field == 2 })
                target = c.doc + 1
            }
        }
    }

    @Test func phrasesReadPositionsAcrossBlocksAndRepeatedFields() throws {
        let (reader, _) = try Self.corpus()
        // "alpha beta": every 21st (one body) and every fifth (the second body field).
        let expected = (0..<1000).filter { $0 % 21 == 0 || $0 % 5 == 0 }.count
        #expect(try reader.search(SearchRequest(query: "\"alpha beta\"", limit: 5)).total == expected)
        // "beta alpha" never occurs in order, even across the two body fields.
        #expect(try reader.search(SearchRequest(query: "\"beta alpha\"", limit: 5)).total == 0)
        let gammaOmega = (0..<1000).filter { $0 % 6 == 0 && $0 % 21 != 0 }.count
        #expect(try reader.search(SearchRequest(query: "\"gamma omega\"", limit: 5)).total == gammaOmega)
    }

    @Test func blockMaximaBoundEveryDocument() throws {
        let (reader, _) = try Self.corpus()
        let seg = try #require(reader.segments.first)
        let boosts = reader.ranking.boosts(reader.schema)
        for word in ["alpha", "beta", "texte", "document"] {
            let info = try #require(try seg.lookup(Self.term(word)))
            let bounds = try MaxScoreScoring.blockImpacts(
                seg, info, field: nil, boosts: boosts, ranking: reader.ranking, schema: reader.schema)
            let postings = try BlockPostings(segment: seg, info: info, docsOnly: false)
            #expect(bounds.count == postings.blocks && bounds.count > 1, "\(word)")
            let scorer = SegmentScorer(segment: seg, boosts: boosts, scratch: Scratch(), ranking: reader.ranking)
            var c = try PostingsCursor(segment: seg, info: info, layout: .fieldCounts)
            var entries: [PostingsCursor.Entry] = []
            // Every document against its own block's bound (what block-max skipping relies on),
            // and each bound reached closely by some document of its block.
            var best = [Double](repeating: 0, count: bounds.count)
            var block = 0
            while try c.next(&entries) {
                while postings.lastDoc(block) < c.doc { block += 1 }
                let s = scorer.bm25f(entries, doc: c.doc, field: nil)
                #expect(s > 0 && s <= bounds[block] * (1 + 1e-6), "\(word) doc \(c.doc): \(s) > \(bounds[block])")
                best[block] = max(best[block], s)
            }
            for (b, s) in best.enumerated() { #expect(s >= bounds[b] * 0.5, "\(word) block \(b) bound is loose") }
        }
    }

    @Test func prunedAndExhaustiveAgreeOnTheCorpus() throws {
        let (reader, _) = try Self.corpus()
        for q in ["alpha", "alpha beta", "texte alpha", "numéro alpha delta", "document texte beta gamma omega"] {
            try PruningTests.expectSame(reader, q)
        }
    }

    @Test func aDamagedBlockIsCorruptNotACrash() throws {
        let (reader, _) = try Self.corpus()
        let seg = try #require(reader.segments.first)
        let info = try #require(try seg.lookup(Self.term("alpha")))
        let postings = try BlockPostings(segment: seg, info: info, docsOnly: false)
        // A skip table promising more than the segment holds is refused at decode.
        var bytes = Array(UnsafeRawBufferPointer(rebasing: seg.pst.bytes[info.offset..<(info.offset + info.length)]))
        bytes[0] = 0xFF
        bytes[1] = 0xFF
        bytes[2] = 0xFF
        try bytes.withUnsafeBytes { b in
            let docs = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsBlock.size)
            defer { docs.deallocate() }
            let damaged = try BlockPostings(
                base: b, offset: 0, length: b.count, positionsLength: 0, df: postings.df, fields: postings.fields,
                docsOnly: false, docCount: postings.docCount, file: "t")
            #expect(throws: IndexError.self) { _ = try damaged.decodeDocs(1, into: docs) }
        }
    }
}
