import Foundation
@testable import OGPCatalog
import OGPModel
import OGPStore
import Testing

/// `ogp export --format csv`: one table a spreadsheet opens, every field read back as written,
/// nothing a spreadsheet would run as a formula.
@Suite struct CSVExportTests {
    /// RFC 4180 with `;`, as a spreadsheet reads it.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars = chars.dropFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == ";" {
                row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(c)
            }
        }
        return rows
    }

    @Test func everyRecordIsOneRowThatReadsBackAsWritten() throws {
        let store = try ExportTests.sampleStore()
        let hostile = Record(
            id: RecordID(kind: .publication, namespace: "blog", remoteID: "p1"), kind: .publication,
            title: "=HYPERLINK(\"http://evil.example\";\"clic\")", summary: "Deux lignes;\nun \"guillemet\"",
            tags: ["-2+3", "@moi"],
            provenance: [
                Provenance(source: "blog", sourceKind: "wordpress", url: "https://blog.example/p1", parser: "wp", parserVersion: "1")
            ])
        _ = try store.upsert([hostile], source: "blog", at: Date(timeIntervalSince1970: 1_700_000_000))
        let dir = try TestPaths.temporaryDirectory()
        let path = dir.appendingPathComponent("catalogue.csv").path
        #expect(try CSVExporter(store: store).export(kinds: nil, since: nil, includeArchived: true, to: path) == 4)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let rows = Self.parse(text)
        #expect(rows.count == 5)
        #expect(rows[0] == CSVExporter.columns)
        #expect(rows.allSatisfy { $0.count == CSVExporter.columns.count }, "\(rows)")
        func row(_ id: String) throws -> [String: String] {
            let r = try #require(rows.first { $0.first == id })
            return Dictionary(uniqueKeysWithValues: zip(CSVExporter.columns, r))
        }
        let commitment = try row("commitment:ogp-fr:plan-2021-2023-gov-c4")
        #expect(commitment["plan"] == "2021-2023-gov")
        #expect(commitment["number"] == "4")
        #expect(commitment["status"] == "unknown")
        #expect(commitment["summary"] == "La stratégie d’ouverture des données environnementales…")
        let dataset = try row("dataset:data.gouv.fr:620bc18f19e4cfe601d272c4")
        #expect(dataset["formats"] == "csv")
        #expect(dataset["distributions"] == "1")
        #expect(dataset["license"] == "lov2")
        #expect(dataset["plan"] == "")
        let post = try row("publication:blog:p1")
        // Defused: a spreadsheet shows the text, it does not run it.
        #expect(post["title"] == "'=HYPERLINK(\"http://evil.example\";\"clic\")")
        #expect(post["tags"] == "'-2+3, @moi")
        #expect(post["summary"] == "Deux lignes;\nun \"guillemet\"")
        #expect(text.hasSuffix("\r\n"))
        // Kinds as for the other exports.
        let only = dir.appendingPathComponent("datasets.csv").path
        #expect(try CSVExporter(store: store).export(kinds: [.dataset], since: nil, includeArchived: true, to: only) == 1)
    }

    /// A line break written CR LF is one Swift character, equal neither to "\r" nor to "\n":
    /// fields holding one went out unquoted, and 2 of data.gouv.fr's 121,074 titles broke their
    /// rows (found by reading the whole export back with Python's csv module). Fields are now
    /// examined byte by byte.
    @Test func aCRLFInsideAFieldIsQuoted() {
        #expect(CSVExporter.quoted("Anciennes limites\r\ndu Havre") == "\"Anciennes limites\r\ndu Havre\"")
        #expect(CSVExporter.quoted("seule\rligne") == "\"seule\rligne\"")
        #expect(CSVExporter.quoted("\r\nen tête") == "\"'\r\nen tête\"")
        #expect(CSVExporter.quoted("-a;b") == "\"'-a;b\"")
        #expect(CSVExporter.quoted("=1") == "'=1")
        #expect(CSVExporter.quoted("éà « ok »") == "éà « ok »")
        #expect(CSVExporter.quoted("") == "")
        #expect(CSVExporter.row(["a\r\nb", "dit \"non\"", "c"]) == "\"a\r\nb\";\"dit \"\"non\"\"\";c\r\n")
    }
}
