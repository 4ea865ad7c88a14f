import Foundation
import Testing

@testable import OGPIndex

/// The dictionary's block keys (``TermBlockKeys``) steer its binary search: keys that differ
/// order as their terms do, and lookups and prefix ranges among terms that share their first
/// eight bytes (keys that tie) answer as a plain scan of the terms does.
@Suite struct TermBlockKeysTests {
    @Test func differentKeysOrderAsTheirTermsDo() {
        var rng = SplitMix(seed: 8)
        // Short and long terms, zero bytes, and many sharing their first bytes.
        let alphabet: [UInt8] = [0, 1, 0x61, 0x62, 0x7F, 0x80, 0xC3, 0xFF]
        func term() -> [UInt8] {
            let shared: [UInt8] = rng.next() % 2 == 0 ? Array("abcdefg".utf8) : []
            return shared + (0..<Int(rng.next() % 11)).map { _ in alphabet[Int(rng.next() % 8)] }
        }
        var ties = 0
        for _ in 0..<20_000 {
            let a = term()
            let b = term()
            let (ka, kb) = (TermBlockKeys.key(a), TermBlockKeys.key(b))
            let order = Segment.compare(a, b)
            if ka < kb { #expect(order < 0, "\(a) \(b)") }
            if ka > kb { #expect(order > 0, "\(a) \(b)") }
            if ka == kb { ties += 1 }
        }
        #expect(ties > 100, "ties are exercised")
    }

    @Test func lookupsAmongTiedKeysAnswerAsAPlainScan() throws {
        var rng = SplitMix(seed: 88)
        // Words sharing « administr » (nine bytes): most blocks' first terms tie on their key.
        let letters = Array("aeiorstu")
        func word() -> String {
            let head = rng.next() % 4 == 0 ? "adm" : "administr"
            return head + String((0..<Int(1 + rng.next() % 6)).map { _ in letters[Int(rng.next() % 8)] })
        }
        let docs = (0..<300).map { i in
            IndexDocument(
                id: "d\(i)",
                fields: [TextField("title", word()), TextField("body", (0..<10).map { _ in word() }.joined(separator: " "))])
        }
        let (_, reader) = try Fixture.index(docs)
        let seg = try #require(reader.segments.first)
        #expect(seg.termBlockCount > 8, "several dictionary blocks")
        #expect(seg.termBlockKeys.keys.count == seg.termBlockCount)
        var terms: [[UInt8]] = []
        var infos: [TermInfo] = []
        try seg.forEachTerm(in: 0..<seg.termCount) { t, info in
            terms.append(t)
            infos.append(info)
        }
        var tied = 0
        for b in 1..<seg.termBlockCount where seg.termBlockKeys.keys[b] == seg.termBlockKeys.keys[b - 1] { tied += 1 }
        #expect(tied > 3, "blocks whose first terms tie on their key")
        // Every term found with its own postings; absent neighbours not found.
        for (t, info) in zip(terms, infos) {
            let s = String(decoding: t, as: UTF8.self)
            #expect(TermLookupCacheTests.same(try seg.dictionaryLookup(s), info), "\(s)")
            #expect(try seg.dictionaryLookup(s + "zz") == nil || terms.contains(Array((s + "zz").utf8)))
        }
        // Prefix ranges against a scan of the sorted terms.
        for p in ["a", "adm", "admi", "administ", "administr", "administra", "administrz", "b", "", "administrat"] {
            let key = Array(p.utf8)
            let lower = terms.firstIndex { Segment.compare($0, key) >= 0 } ?? terms.count
            let upper = terms.firstIndex { Segment.compare($0, key) >= 0 && !$0.starts(with: key) } ?? terms.count
            #expect(try seg.prefixRange(p) == lower..<max(lower, upper), "\(p)")
        }
        // The batch lookup agrees, in any order.
        let batch = terms.map { String(decoding: $0, as: UTF8.self) }.shuffled(using: &rng) + ["administrzz", "ad"]
        let fresh = try #require(try IndexReader(directory: reader.directory).segments.first)
        for (t, info) in zip(batch, try fresh.lookup(batch)) {
            #expect(TermLookupCacheTests.same(info, try seg.dictionaryLookup(t)), "\(t)")
        }
    }
}

extension SplitMix: RandomNumberGenerator {}
