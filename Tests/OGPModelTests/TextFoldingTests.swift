import Foundation
import Testing

@testable import OGPModel

/// `TextFolding.fold` folds Latin text from a table (issue 11: Foundation's folding was 1.6 ms
/// per post in duplicate detection); it must give exactly what Foundation gives.
@Suite struct TextFoldingTests {
    /// A small deterministic generator (SplitMix64), so a failure replays.
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

    @Test func theTableIsFoundationsFolding() throws {
        #expect(TextFolding.latinTable.count == Int(TextFolding.latinTableEnd - TextFolding.latinTableStart))
        for v in TextFolding.latinTableStart..<TextFolding.latinTableEnd {
            let scalar = try #require(Unicode.Scalar(v))
            let s = String(Character(scalar))
            #expect(
                TextFolding.latinTable[Int(v - TextFolding.latinTableStart)] == TextFolding.foundationFold(s),
                "U+\(String(v, radix: 16))")
        }
        for v in UInt32(0)..<0x80 {
            let s = String(Character(try #require(Unicode.Scalar(v))))
            #expect(TextFolding.fastFold(s) == TextFolding.foundationFold(s), "U+\(String(v, radix: 16))")
        }
        for v in UInt32(0x2000)..<0x2100 where TextFolding.isUnchangedPunctuation(v) {
            let s = String(Character(try #require(Unicode.Scalar(v))))
            #expect(TextFolding.foundationFold(s) == s, "U+\(String(v, radix: 16))")
        }
    }

    /// Strings mixing every covered range (letters, controls, CR LF, punctuation) fold as
    /// Foundation folds them: the table's per-scalar folding is context-free there.
    @Test func randomLatinTextFoldsAsFoundationDoes() throws {
        var generator = Generator(state: 11)
        let pools: [ClosedRange<UInt32>] = [
            0x00...0x7F, 0x41...0x5A, 0x80...0x24F, 0xC0...0x17F, 0x2000...0x200A, 0x2010...0x2027, 0x2030...0x205E,
        ]
        for _ in 0..<3_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                let pool = pools.randomElement(using: &generator) ?? pools[0]
                if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &generator)) {
                    s.unicodeScalars.append(scalar)
                }
            }
            if Bool.random(using: &generator) { s += "\r\n€" }
            let fast = try #require(TextFolding.fastFold(s), "\(s.debugDescription) left the table")
            #expect(fast == TextFolding.foundationFold(s), "\(s.debugDescription)")
        }
    }

    @Test func textBeyondTheTableGoesThroughFoundation() {
        for s in ["E\u{301}te\u{301}", "a\u{200C}b", "ΣΟΦΊΑ", "Ελληνικά και français", "ﬁn de l’œuvre", "日本語"] {
            #expect(TextFolding.fastFold(s) == nil, "\(s)")
            #expect(TextFolding.fold(s) == TextFolding.foundationFold(s))
        }
        #expect(TextFolding.fold("E\u{301}LABORATION") == "elaboration")
    }

    @Test func frenchExamples() {
        #expect(TextFolding.fold("Élaboration du Plan d’Action") == "elaboration du plan d’action")
        #expect(TextFolding.fold("ŒUVRE, Ægis, cœur") == "oeuvre, aegis, coeur")
        #expect(TextFolding.fold("Ça «marche» – à 100 %") == "ca «marche» – a 100 %")
        #expect(TextFolding.fold("İstanbul, Ǆemal") == TextFolding.foundationFold("İstanbul, Ǆemal"))
        #expect(TextFolding.fold("") == "")
    }

    @Test func simpleWhitespaceIsCharacterWhitespace() throws {
        for v in UInt32(0)..<0x2100 where TextFolding.isSimple(v) {
            let scalar = try #require(Unicode.Scalar(v))
            #expect(TextFolding.isSimpleWhitespace(v) == Character(scalar).isWhitespace, "U+\(String(v, radix: 16))")
        }
    }

    /// Collapsing scalar by scalar gives what collapsing character by character gives; text with
    /// combining marks, joiners or other scripts takes the character path.
    @Test func collapsingWhitespaceScalarByScalarIsCollapsingByCharacter() throws {
        var generator = Generator(state: 12)
        let pools: [ClosedRange<UInt32>] = [
            0x09...0x0D, 0x20...0x20, 0x41...0x7A, 0x80...0x2FF, 0x2000...0x202F, 0x2028...0x205F, 0x300...0x36F,
            0x0391...0x03C9,
        ]
        var simple = 0
        for _ in 0..<3_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                let pool = pools.randomElement(using: &generator) ?? pools[0]
                if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &generator)) {
                    s.unicodeScalars.append(scalar)
                }
            }
            if Bool.random(using: &generator) { s = " \r\n" + s + "\u{A0}\u{202F}" }
            let expected = TextFolding.characterCollapseWhitespace(s)
            #expect(TextFolding.collapseWhitespace(s) == expected, "\(s.debugDescription)")
            if let fast = TextFolding.simpleCollapseWhitespace(s) {
                simple += 1
                #expect(fast == expected, "\(s.debugDescription)")
            }
        }
        #expect(simple > 100)
    }
}

