import Foundation
import Testing

@testable import OGPIndex

/// `ogp index --jsonl`: lines read by ``FlatJSONObject`` give the documents, and the errors,
/// that Foundation's `JSONSerialization` gives (the fast reader leaves it anything unusual).
@Suite struct JSONLinesImportTests {
    static let lines: [String] = [
        #"{"id": "a1", "title": "Données ouvertes", "body": "Le budget de la commune."}"#,
        #"  {"body":"corps","title":"titre","id":"x"}  "#,
        #"{"id": "e", "title": "guillemets \" barre \\ oblique \/ \b\f\n\r\t fin", "body": ""}"#,
        #"{"id": "u", "title": "\u00e9t\u00C9 \u20ac \u0041", "body": "\u0000nul"}"#,
        #"{"id": "s", "title": "emoji \ud83d\ude00 paire", "body": "seul \ud800 surrogat"}"#,
        #"{"id": "raw", "title": "déjà 😀 «guillemets»", "contents": "contenu seul"}"#,
        #"{"id": "both", "body": "corps", "contents": "contenu"}"#,
        #"{"id": 42, "title": "identifiant numérique"}"#,
        #"{"id": 4.5e1, "title": "nombre"}"#,
        #"{"id": "n", "title": null, "body": 12, "contents": "repli"}"#,
        #"{"id": "nested", "meta": {"a": [1, 2, {"b": "c"}]}, "title": "imbriqué", "extra": true}"#,
        #"{"id": "dup", "title": "premier", "title": "second"}"#,
        #"{"id": "k\u0065y", "ti\u0074le": "clé échappée"}"#,
        #"{"ïd": "x", "id": "clé non ASCII", "title": "t"}"#,
        #"{"id": ""}"#,
        #"{"title": "sans id"}"#,
        #"{}"#,
        #"[1, 2]"#,
        #""chaîne""#,
        #"{"id": "a", "title": "b"} trailing"#,
        #"{"id": "a", "title": "b",}"#,
        #"{"id": "a" "title": "b"}"#,
        #"{"id": "a", "title": "non fermé}"#,
        #"{"id": "a", "title": "\x"}"#,
        #"{"id": "a", "title": "\u12"}"#,
        "{\"id\": \"tab\", \"title\": \"tabulation\tbrute\"}",
        "{\"id\": \"nl\",\r\n \"title\": \"retour\"}\n",
        "\u{FEFF}{\"id\": \"bom\", \"title\": \"t\"}",
        // U+FEFF inside values, raw and escaped, first and after an escape (Foundation drops
        // some of them: the export has one).
        "{\"id\": \"bom2\", \"title\": \"\u{FEFF}début\", \"body\": \"a\\n\u{FEFF}Réf \\ufeff x\"}",
    ]

    static func outcome(_ r: Result<IndexDocument, IndexError>) -> String {
        switch r {
        case .success(let d): "doc \(d.id) | \(d.fields.map { "\($0.name)=\($0.text)" })"
        case .failure(let e): "error \(e.message)"
        }
    }

    @Test func everyLineGivesWhatFoundationGives() {
        var fast = 0
        var lines = Self.lines.map { Data($0.utf8) }
        // Invalid UTF-8 inside a value and inside a key.
        lines.append(Data(#"{"id": "bad", "title": ""#.utf8) + Data([0xC3, 0x28]) + Data(#""}"#.utf8))
        lines.append(Data(#"{""#.utf8) + Data([0xFF]) + Data(#"": "x", "id": "k"}"#.utf8))
        for (n, line) in lines.enumerated() {
            let got = Self.outcome(JSONLinesImport.document(line, line: n + 1, file: "t.jsonl"))
            let want = Self.outcome(JSONLinesImport.foundationDocument(line, line: n + 1, file: "t.jsonl"))
            #expect(got == want, "line \(n + 1): \(String(decoding: line, as: UTF8.self))")
            if line.withUnsafeBytes({ FlatJSONObject.strings($0, keys: JSONLinesImport.keys) }) != nil { fast += 1 }
        }
        // The fast reader took the plain lines (not only fallbacks were compared).
        #expect(fast >= 8)
    }

    @Test func theFastReaderDecodesEscapesAndLeavesSurrogatesToFoundation() throws {
        func values(_ s: String) -> [String?]? {
            Data(s.utf8).withUnsafeBytes { FlatJSONObject.strings($0, keys: JSONLinesImport.keys) }
        }
        let v = try #require(values(#"{"id": "é\u00e9\n", "contents": "c", "other": "o"}"#))
        #expect(v == ["éé\n", nil, nil, "c"])
        #expect(values(#"{"id": "\ud83d\ude00"}"#) == nil)
        #expect(values(#"{"id": 1}"#) == nil)
        #expect(values(#"{"id": "a", "id": "b"}"#) == nil)
        #expect(values(#"{"id": "a"} x"#) == nil)
        #expect(values(#" { } "#) == [nil, nil, nil, nil])
    }

    /// A file with a broken line in the middle: that line is skipped and named with its number,
    /// the others read by the fast reader are indexed.
    @Test func aBrokenLineIsSkippedWithItsNumber() throws {
        let dir = Fixture.tempDir()
        let path = dir + "/in.jsonl"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let text = [Self.lines[0], Self.lines[1], "", #"{"id": "z", "title": "non fermé}"#, Self.lines[2]]
            .joined(separator: "\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let summary = try JSONLinesImport.run(path: path, into: dir + "/index")
        #expect(summary.documents == 3)
        #expect(summary.skippedCount == 1)
        #expect(summary.skipped.first?.message.contains("line 4") == true)
        let reader = try IndexReader(directory: dir + "/index")
        #expect(try reader.document(id: "e") != nil)
        #expect(try reader.document(id: "z") == nil)
    }
}
