import Foundation
import Testing

@testable import OGPIndex

/// Several terms looked up together (a word's family) answer as one lookup each: present and
/// absent terms, repeats, any order, terms at block boundaries and beyond the last term.
@Suite struct TermBatchLookupTests {
    @Test func batchLookupsAnswerAsTheDictionaryDoes() throws {
        var rng = SplitMix(seed: 77)
        let letters = Array("abcdeéilnorstu")
        func word() -> String { String((0..<(2 + Int(rng.next() % 9))).map { _ in letters[Int(rng.next() % 14)] }) }
        let docs = (0..<400).map { i in
            IndexDocument(
                id: "d\(i)",
                fields: [
                    TextField("title", word()), TextField("body", (0..<12).map { _ in word() }.joined(separator: " ")),
                ])
        }
        let (_, reader) = try Fixture.index(docs)
        let seg = try #require(reader.segments.first)
        #expect(seg.termBlockCount > 10, "several dictionary blocks")
        // Every indexed term, and as many words that are not.
        var terms: [String] = []
        try seg.forEachTerm(in: 0..<seg.termCount) { t, _ in terms.append(String(decoding: t, as: UTF8.self)) }
        let absent = (0..<300).map { _ in word() + "zz" } + ["", "\u{7F}", "zzzz", "a"]
        for round in 0..<40 {
            var batch: [String] = []
            for _ in 0..<(1 + Int(rng.next() % 20)) {
                batch.append(
                    rng.next() % 2 == 0
                        ? terms[Int(rng.next() % UInt64(terms.count))] : absent[Int(rng.next() % UInt64(absent.count))])
            }
            if round % 5 == 0, let t = batch.first { batch.append(t) }  // a repeat
            // A fresh segment each time: answers from the dictionary, not from earlier lookups.
            let fresh = try #require(try IndexReader(directory: reader.directory).segments.first)
            let got = try fresh.lookup(batch)
            for (t, info) in zip(batch, got) {
                let one = try seg.dictionaryLookup(t)
                let cached = try fresh.lookup(t)
                #expect(TermLookupCacheTests.same(info, one), "\(t)")
                #expect(TermLookupCacheTests.same(cached, info), "\(t) cached")
            }
        }
        // Terms at each block's start and end, together.
        var edges: [String] = []
        for b in 0..<seg.termBlockCount {
            edges.append(terms[b * seg.termBlockSize])
            edges.append(terms[min(terms.count - 1, (b + 1) * seg.termBlockSize - 1)])
        }
        let fresh = try #require(try IndexReader(directory: reader.directory).segments.first)
        for (t, info) in zip(edges.reversed(), try fresh.lookup(edges.reversed())) {
            let one = try seg.dictionaryLookup(t)
            #expect(info != nil && TermLookupCacheTests.same(info, one), "\(t)")
        }
    }
}
