import Foundation
import Testing

@testable import OGPParse

/// ``JSONValueReader`` (behind `UdataJSON.parse`) against Foundation's `JSONDecoder`, the reader
/// it replaced: the same values on every JSON fixture and on hand-made edge cases, errors with
/// their byte offset where JSON is broken.
@Suite struct JSONValueReaderTests {
    static let fixtureDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Every `.json` / `.jsonld` fixture of the parse tests (udata, CKAN, DKAN, ODS v1/v2.1,
    /// DCAT-US, JSON-LD).
    static func fixtureFiles() throws -> [URL] {
        let urls =
            FileManager.default.enumerator(at: fixtureDirectory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? []
        return urls.filter { ["json", "jsonld"].contains($0.pathExtension) }.sorted { $0.path < $1.path }
    }

    @Test func fixturesReadAsFoundationReadsThem() throws {
        let files = try Self.fixtureFiles()
        #expect(files.count >= 8)
        for file in files {
            let data = try Data(contentsOf: file)
            let ours = try UdataJSON.parse(data)
            let reference = try UdataJSON.parseWithFoundation(data)
            #expect(ours == reference, "\(file.lastPathComponent)")
        }
    }

    @Test(arguments: [
        #"{"a": "caf\u00e9 \ud83c\udf0d \"q\" \\ \/ \b\f\n\r\t", "b": [1, -2, 3.5, -0.25e2, 1E3, 0]}"#,
        #"[12345678901234567890, -9007199254740993, 1.7976931348623157e308, 5e-324, 0.1, 123456789012345]"#,
        #"  {"empty": {}, "list": [], "nested": [[[]], {"x": null}], "t": true, "f": false}  "#,
        "\u{FEFF}{\"bom\": \"é\"}",
        #""just a string""#, "42", "null",
        #"{"dup": 1, "dup": 2}"#, #"{"trailing": [1, 2,], "comma": 1,}"#,
    ])
    func edgeCasesReadAsFoundationReadsThem(_ text: String) throws {
        let data = Data(text.utf8)
        #expect(try UdataJSON.parse(data) == UdataJSON.parseWithFoundation(data))
    }

    @Test func escapesDecodeToTheirCharacters() throws {
        let json = try UdataJSON.parse(Data(#"{"s": "\u00c9t\u00e9 \ud83c\udf0d\u0041\n"}"#.utf8))
        #expect(json["s"]?.string == "Été 🌍A\n")
        // A lone surrogate becomes U+FFFD rather than failing the whole page.
        let lone = try UdataJSON.parse(Data(#"["\ud800x", "\udc00", "\ud800\u0041"]"#.utf8))
        #expect(lone.array?.compactMap(\.string) == ["\u{FFFD}x", "\u{FFFD}", "\u{FFFD}A"])
    }

    @Test(arguments: [
        ("{\"a\": 1,,}", 8), ("[1, 2", 5), ("{\"a\" 1}", 5), ("[01]", 2), ("[1.]", 3), ("[-]", 2),
        ("[tru]", 4), ("\"open", 0), ("{\"a\": \"x\ty\"}", 8), ("[1] [2]", 4), ("", 0), ("{'a': 1}", 1),
        ("[\"\\x\"]", 3), ("[\"\\u12G4\"]", 6), ("[1e]", 3),
    ])
    func brokenJSONFailsWithItsOffset(_ text: String, _ offset: Int) throws {
        let data = Data(text.utf8)
        #expect(throws: (any Error).self) { try UdataJSON.parseWithFoundation(data) }
        do {
            _ = try UdataJSON.parse(data)
            Issue.record("parsed \(text)")
        } catch let error as ParseError {
            #expect(error.code == .invalidJSON)
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test func nestingIsLimitedWithTheOffsetOfTheBracket() throws {
        let deep = Data((String(repeating: "[", count: 150) + String(repeating: "]", count: 150)).utf8)
        do {
            _ = try UdataJSON.parse(deep)
            Issue.record("parsed")
        } catch let error as ParseError {
            #expect(error.code == .tooDeep)
            #expect(error.offset == UdataJSON.maxDepth)
        }
        let limit = UdataJSON.maxDepth
        let ok = Data((String(repeating: "[", count: limit) + String(repeating: "]", count: limit)).utf8)
        #expect(throws: Never.self) { try UdataJSON.parse(ok) }
    }

    @Test func invalidUTF8IsRepairedNotFatal() throws {
        var bytes = Array(#"{"t": "ab"#.utf8)
        bytes += [0xFF, 0xC3]
        bytes += Array(#"c"}"#.utf8)
        let json = try UdataJSON.parse(Data(bytes))
        #expect(json["t"]?.string == "ab\u{FFFD}\u{FFFD}c")
    }
}
