import Foundation
import OGPAnalysis
import Testing

/// `Analyzer.forEachToken(_:analysingWordsStartingWith:_:)`: the tokens of `forEachToken`, with
/// their forms only where they may match; and the property it rests on.
@Suite("Highlighting tokens")
struct HighlightingTests {
    @Test("a folded word's stem starts with the word's first scalar (every word of voc.txt, and its accent-stripped form)")
    func stemKeepsTheFirstScalar() throws {
        let words = try SnowballOracleTests.lines("voc.txt")
        var checked = 0
        var broken: [String] = []
        for word in words {
            for text in [String(word), Analyzer.french.fold(String(word))] {
                for t in Analyzer(stopWords: false).tokens(text) {
                    checked += 1
                    if t.term.unicodeScalars.first != t.exact.unicodeScalars.first, broken.count < 20 {
                        broken.append("\(text): \(t.term) / \(t.exact)")
                    }
                }
            }
        }
        #expect(checked > 40_000)
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    }

    @Test("a folded word's stem of two scalars or more starts with the word's first two (every word of voc.txt, and its accent-stripped form)")
    func stemKeepsTheFirstTwoScalars() throws {
        // Snowball's French suffixes lie in RV, R1 or R2, which start at the third scalar at the
        // earliest, and the prelude's capitals (qU, aIe, Yeux) are undone by its postlude; only
        // the residual `s` is deleted anywhere (`es` → `e`), leaving a stem of one scalar.
        let words = try SnowballOracleTests.lines("voc.txt")
        var checked = 0
        var broken: [String] = []
        for word in words {
            for text in [String(word), Analyzer.french.fold(String(word))] {
                for t in Analyzer(stopWords: false).tokens(text) {
                    checked += 1
                    let exact = Array(t.exact.unicodeScalars.prefix(2))
                    if t.term.unicodeScalars.count >= 2, Array(t.term.unicodeScalars.prefix(2)) != exact, broken.count < 20 {
                        broken.append("\(text): \(t.term) / \(t.exact)")
                    }
                }
            }
        }
        #expect(checked > 40_000)
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    }

    static let texts = [
        "Les données environnementales de l’Île-de-France : qualité de l'air, eaux usées et déchets.",
        "L'ÉCOLE, les écoles et l’école élémentaire ; aujourd'hui jusqu'à demain — yeux, œuvres, Œuvre.",
        "Transports\u{AD}publics, 2024-2025, n° 3 : cafe\u{301} (décomposé), ﬁchier, Straße, Ærø, ÇA.",
        "", "   ", "l' d' qu'", "un deux trois 𝒳 😀 zéro", "R.G.P.D. et l’O.N.U., M. Dupont, a.b.c1",
    ]

    @Test("the same tokens as forEachToken, forms given to every word whose first scalar is accepted")
    func sameTokens() {
        let accepts: [(String, (UInt32) -> Bool)] = [
            ("all", { _ in true }), ("none", { _ in false }), ("e and d", { $0 == 0x65 || $0 == 0x64 }),
            ("non-ASCII", { $0 > 0x7F }),
        ]
        for analyzer in [Analyzer.french, Analyzer(stopWords: false), Analyzer(stemming: .none)] {
            for text in Self.texts {
                let full = analyzer.tokens(text)
                for (name, accept) in accepts {
                    var got: [HighlightToken] = []
                    analyzer.forEachToken(text, analysingWordsStartingWith: accept) { got.append($0) }
                    #expect(got.count == full.count, "\(name): \(text)")
                    for (g, t) in zip(got, full) {
                        #expect(g.position == t.position && g.start == t.start && g.end == t.end, "\(name): \(text)")
                        let first = t.exact.unicodeScalars.first?.value
                        if first.map(accept) ?? true {
                            #expect(g.term == t.term && g.exact == t.exact, "\(name): \(t.exact)")
                        } else {
                            #expect(g.term == nil && g.exact == nil, "\(name): \(t.exact)")
                        }
                    }
                }
            }
        }
    }

    @Test("words chosen by their first two scalars: the same tokens, forms for every token that has a searched term")
    func prefixesGiveFormsToEveryMatch() throws {
        // Terms as queries make them (stems and exact forms of the texts' own words, one-scalar
        // and non-ASCII ones, an empty one), and the voc.txt words with their stems.
        let vocabulary = try SnowballOracleTests.lines("voc.txt").prefix(3_000).map(String.init)
        var texts = Self.texts
        texts.append(vocabulary.joined(separator: " "))
        texts.append("es e l'es d’e é œuvre Œuvres qu'y y à a ça çà " + vocabulary.suffix(200).joined(separator: ", "))
        var termSets: [Set<String>] = [[], [""], ["e", "y"], ["œuvr", "ça"]]
        for text in texts {
            let tokens = Analyzer.french.tokens(text)
            termSets.append(Set(tokens.enumerated().filter { $0.offset % 3 == 0 }.map(\.element.term)))
            termSets.append(Set(tokens.enumerated().filter { $0.offset % 4 == 1 }.map(\.element.exact)))
        }
        var matched = 0
        for analyzer in [Analyzer.french, Analyzer(stopWords: false), Analyzer(stemming: .none), Analyzer(stemming: .accentedWord)] {
            for text in texts {
                let full = analyzer.tokens(text)
                for terms in termSets {
                    var got: [HighlightToken] = []
                    Array(text.utf8).withUnsafeBufferPointer { bytes in
                        analyzer.forEachToken(utf8: bytes, analysingWordsMatching: HighlightPrefixes(terms)) { got.append($0) }
                    }
                    #expect(got.count == full.count)
                    for (g, t) in zip(got, full) {
                        #expect(g.position == t.position && g.start == t.start && g.end == t.end)
                        if terms.contains(t.term) || terms.contains(t.exact) {
                            matched += 1
                            #expect(g.term == t.term && g.exact == t.exact, "\(t.exact) for \(terms.sorted().prefix(5))")
                        } else if g.term != nil {
                            #expect(g.term == t.term && g.exact == t.exact)
                        }
                    }
                }
            }
        }
        #expect(matched > 10_000)
    }

    @Test("spans: the tokens of forEachToken, match asked for exactly the analysed ones, its number kept")
    func spansAreTheTokens() {
        let terms: Set<String> = ["donne", "environnemental", "eau", "ecol", "œuvr", "e"]
        let prefixes = HighlightPrefixes(terms)
        for text in Self.texts {
            var tokens: [HighlightToken] = []
            var spans: [HighlightSpan] = [HighlightSpan(term: 7, position: 0, start: 0, end: 0)]  // appended to
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                Analyzer.french.forEachToken(utf8: bytes, analysingWordsMatching: prefixes) { tokens.append($0) }
                var asked = 0
                Analyzer.french.highlightSpans(utf8: bytes, analysingWordsMatching: prefixes, into: &spans) { term, exact in
                    asked += 1
                    return terms.contains(term) || terms.contains(exact) ? asked : -1
                }
                #expect(asked == tokens.filter { $0.term != nil }.count, "\(text)")
            }
            #expect(spans.first == HighlightSpan(term: 7, position: 0, start: 0, end: 0))
            let got = spans.dropFirst()
            #expect(got.map(\.position) == tokens.map(\.position) && got.map(\.start) == tokens.map(\.start)
                && got.map(\.end) == tokens.map(\.end), "\(text)")
            var n = 0
            for (s, t) in zip(got, tokens) {
                if t.term != nil { n += 1 }
                let expected = t.term.map { terms.contains($0) || terms.contains(t.exact ?? "") } ?? false ? n : -1
                #expect(s.term == expected, "\(text): \(t.exact ?? "-")")
            }
        }
    }

    @Test("UTF-8 bytes read in place give the string's tokens; broken UTF-8 is read within its bounds")
    func bytesGiveTheStringsTokens() {
        let accept: (UInt32) -> Bool = { $0 == 0x65 || $0 == 0x64 || $0 > 0x7F }
        for text in Self.texts {
            var fromString: [HighlightToken] = []
            Analyzer.french.forEachToken(text, analysingWordsStartingWith: accept) { fromString.append($0) }
            var fromBytes: [HighlightToken] = []
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                Analyzer.french.forEachToken(utf8: bytes, analysingWordsStartingWith: accept) { fromBytes.append($0) }
            }
            #expect(fromBytes.map(\.term) == fromString.map(\.term), "\(text)")
            #expect(fromBytes.map(\.exact) == fromString.map(\.exact), "\(text)")
            #expect(fromBytes.map(\.position) == fromString.map(\.position) && fromBytes.map(\.start) == fromString.map(\.start)
                && fromBytes.map(\.end) == fromString.map(\.end), "\(text)")
        }
        // A stored block damaged where its checksum cannot see: cut sequences, stray continuation
        // bytes, a lead byte at the very end. No trap, every token inside the bytes.
        let broken: [[UInt8]] = [
            [0x64, 0xC3], [0xE2, 0x80], [0x80, 0x80, 0x64, 0x65], Array("données".utf8.dropLast(2)) + [0xF0],
            [0xFF, 0xFE, 0x61, 0xED, 0xA0, 0x80, 0x62], Array("élève".utf8) + [0xC3],
        ]
        for bytes in broken {
            var tokens: [HighlightToken] = []
            bytes.withUnsafeBufferPointer { b in
                Analyzer.french.forEachToken(utf8: b, analysingWordsStartingWith: { _ in true }) { tokens.append($0) }
            }
            #expect(tokens.allSatisfy { 0 <= $0.start && $0.start <= $0.end && $0.end <= bytes.count }, "\(bytes)")
        }
    }

    @Test("the accented-word chain analyses every word (its stems are folded afterwards)")
    func accentedChainAnalysesAll() {
        let analyzer = Analyzer(stemming: .accentedWord)
        for text in Self.texts {
            var got: [HighlightToken] = []
            analyzer.forEachToken(text, analysingWordsStartingWith: { _ in false }) { got.append($0) }
            #expect(got.map(\.term) == analyzer.tokens(text).map(\.term))
        }
    }
}
