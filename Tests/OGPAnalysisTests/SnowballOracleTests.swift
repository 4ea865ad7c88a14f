import Foundation
import OGPAnalysis
import Testing

/// The Snowball French stemmer against snowball-data's `voc.txt` → `output.txt`.
@Suite("Snowball French oracle")
struct SnowballOracleTests {
    /// Lines of a fixture file under `Fixtures/snowball/`.
    static func lines(_ name: String) throws -> [Substring] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/snowball/\(name)", withExtension: nil))
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0).map
        { $0 }
    }

    @Test("21,655/21,655 words of voc.txt stem to output.txt")
    func oracle() throws {
        let words = try Self.lines("voc.txt")
        let stems = try Self.lines("output.txt")
        #expect(words.count == 21_655)
        #expect(stems.count == words.count)
        var matched = 0
        var mismatches: [String] = []
        for (word, expected) in zip(words, stems) {
            let got = Analyzer.snowballStem(String(word))
            if got == expected {
                matched += 1
            } else if mismatches.count < 20 {
                mismatches.append("\(word): \(got) ≠ \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(matched == 21_655, "matched \(matched)/\(words.count)")
    }

    @Test("the whole chain with accented stemming gives the oracle's folded stems")
    func chainAgreesWithOracle() throws {
        let words = try Self.lines("voc.txt")
        let stems = try Self.lines("output.txt")
        let chain = Analyzer(stemming: .accentedWord, stopWords: false)
        var checked = 0
        var mismatches: [String] = []
        for (word, stem) in zip(words, stems) where !word.contains("'") {
            let terms = chain.tokens(String(word)).map(\.term)
            let expected = chain.fold(String(stem))
            checked += 1
            if terms != [expected], mismatches.count < 20 {
                mismatches.append("\(word): \(terms) ≠ \(expected)")
            }
        }
        #expect(checked == 20_832)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}
