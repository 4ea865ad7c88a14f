import Foundation
import OGPModel
import OGPParse
import Testing

/// Random inputs built from the characters that matter to the decoders: every decoder returns
/// items (parsed or failed), never crashes or hangs.
@Suite("Random inputs")
struct RandomInputTests {
    /// A small deterministic generator (SplitMix64).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = [
        "---\n", "title: ", "\"", "'", "[", "]", "(", ")", "{:", "}", "<", ">", "</p>", "<div>", "<a href=\"x\">",
        "&#8217;",
        "&amp", "*", "**", "\\", "\\u00e9", "\n", " ", "é", "[:fr]", "[:en]", "[:]", "<!--:fr-->", "<!--", "-->", "{",
        ":",
        ",", "\"id\":", "1", "&a ", "*a ", "- ", "\t", "#### ", "> ", "2015-2017", "26 engagements", "Les ambitions :",
    ]

    static func input(_ g: inout Generator) -> Data {
        var s = ""
        for _ in 0..<Int.random(in: 0...200, using: &g) { s += pieces.randomElement(using: &g) ?? "" }
        var d = Data(s.utf8)
        if Bool.random(using: &g), !d.isEmpty {
            d[Int.random(in: 0..<d.count, using: &g)] = UInt8.random(in: 0...255, using: &g)
        }
        return d
    }

    @Test(.timeLimit(.minutes(1))) func decodersNeverCrash() throws {
        var g = Generator(state: 42)
        let context = WordPressDecoderTests.context
        let extractor = PlanExtractor(catalog: try PlanExtractorTests.catalog())
        for _ in 0..<150 {
            let data = Self.input(&g)
            var records: [Record] = []
            for result in [
                JekyllPostDecoder.decode(data, path: "p.md", context: context),
                TextPageDecoder.decode(data, context: context),
            ]
                + WordPressDecoder.decodePosts(data, context: context, terms: [:])
                + HTMLPageDecoder.decode(data, context: context, rules: nil)
            {
                if case .parsed(_, let r) = result { records += r }
            }
            _ = WordPressDecoder.decodeTerms(data)
            for r in records { _ = extractor.extract(from: r) }
            _ = DuplicateDetector.apply(to: records)
        }
    }
}
