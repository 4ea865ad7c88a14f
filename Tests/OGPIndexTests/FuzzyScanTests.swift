import Foundation
import Testing

@testable import OGPIndex

/// The fuzzy scan of the dictionary (`forEachTerm(in:skip:within:)`): the terms it gives, in
/// order and with their distances, are those a plain scan finds with a plain Levenshtein
/// distance, whatever the prefixes it reuses and the blocks it passes over.
@Suite struct FuzzyScanTests {
    /// A deterministic generator (the words must be the same from run to run).
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    /// Words of a small alphabet: long shared prefixes, thousands of terms, hundreds of blocks.
    static func words() -> [String] {
        var g = Generator(state: 42)
        let letters = Array("abcdé")
        var out = Set<String>()
        while out.count < 4000 {
            let n = 2 + g.next(9)
            out.insert(String((0..<n).map { _ in letters[g.next(letters.count)] }))
        }
        return out.sorted()
    }

    static func segment() throws -> Segment {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        // Keyword values are indexed as they are (no analysis): the words are the terms.
        for (i, word) in words().enumerated() {
            try w.add(IndexDocument(id: "d\(i)", fields: [TextField("title", "x")], keywords: ["k": [word]]))
        }
        try w.commit()
        return try #require(try IndexReader(directory: dir).segments.first)
    }

    /// Levenshtein distance, the textbook way.
    static func levenshtein(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var prev = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var cur = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }

    @Test func theScanFindsWhatAPlainScanFinds() throws {
        let seg = try Self.segment()
        #expect(seg.termCount > 50 * TermDictionaryWriter.blockSize)
        var g = Generator(state: 7)
        let letters = Array("abcdéf".utf8)
        let prefix = TermKey.keyword("k", "")
        let words = Self.words()
        var compared = 0
        var found = 0
        for round in 0..<60 {
            // A key near the dictionary's words (some in it, most not), limits 1 and 2; the
            // range either every keyword term (skipping the kind's prefix) or those of one letter.
            var key = Array(words[g.next(words.count)].utf8)
            for _ in 0..<g.next(3) {
                let p = g.next(key.count + 1)
                switch g.next(3) {
                case 0 where p < key.count: key[p] = letters[g.next(letters.count)]
                case 1: key.insert(letters[g.next(letters.count)], at: p)
                default: if p < key.count && key.count > 2 { key.remove(at: p) }
                }
            }
            let limit = 1 + round % 2
            let whole = round % 3 != 0
            let start = whole ? prefix : prefix + String(decoding: key.prefix(1), as: UTF8.self)
            let range = try seg.prefixRange(start)
            let skip = Array(prefix.utf8).count
            var expected: [String] = []
            try seg.forEachTerm(in: range) { term, _ in
                let word = Array(term[skip...])
                let d = Self.levenshtein(key, word)
                if d <= limit { expected.append("\(String(decoding: word, as: UTF8.self)) \(d)") }
            }
            var distance = EditDistance(key, limit: limit)
            var got: [String] = []
            try seg.forEachTerm(in: range, skip: skip, within: &distance) { word, d in
                got.append("\(String(decoding: word, as: UTF8.self)) \(d)")
            }
            #expect(got == expected, "key \(String(decoding: key, as: UTF8.self)), limit \(limit)")
            compared += 1
            found += expected.count
        }
        #expect(compared == 60 && found > 100)
    }

    @Test func distancesAreExactWithinTheLimitWhateverWasComputedBefore() {
        var g = Generator(state: 3)
        let letters = Array("abcé".utf8)
        func word() -> [UInt8] { (0..<g.next(9)).map { _ in letters[g.next(letters.count)] } }
        for _ in 0..<200 {
            let key = word()
            let limit = g.next(4)
            var d = EditDistance(key, limit: limit)
            var previous: [UInt8] = []
            for _ in 0..<30 {
                // Often a prefix of the word before, so rows are reused.
                var w = g.next(2) == 0 ? Array(previous.prefix(g.next(previous.count + 1))) : []
                w += word()
                let shared = zip(w, previous).prefix { $0 == $1 }.count
                let want = Self.levenshtein(key, w)
                let got = w.withUnsafeBytes { d.within($0, shared: shared) }
                #expect(got == (want <= limit ? want : nil))
                if got == nil, let p = d.deadPrefix {
                    // Beyond the limit from that prefix on: so is any word starting with it.
                    #expect(Self.levenshtein(key, Array(w.prefix(p)) + word()) > limit)
                }
                previous = w
            }
        }
    }
}
