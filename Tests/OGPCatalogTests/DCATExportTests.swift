import Foundation
@testable import OGPCatalog
import OGPModel
import OGPStore
import Testing

/// The DCAT-AP 3.0.1 export: vocabulary IRIs, determinism, and the demo catalogue validated in
/// its three serialisations against the official SHACL shapes (Fixtures/dcat-ap-shacl) with
/// pyshacl, which `scripts/setup.sh` installs (the validation skips, saying so, without it).
@Suite("DCAT export", .serialized)
struct DCATExportTests {
    static let shapes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/dcat-ap-shacl")

    /// Runs `python3 args…`; its standard output, or nil when it cannot run.
    static func python(_ args: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let hasPySHACL: Bool = python(["-c", "import pyshacl"])?.status == 0

    /// Validates `files`; one decoded report per file.
    static func validate(_ files: [String]) throws -> [[String: Any]] {
        let result = try #require(python([shapes.appendingPathComponent("validate.py").path] + files))
        return result.output.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func vocabulariesAreIRIsAndTheExportIsDeterministic() throws {
        let store = try ExportTests.sampleStore()
        let dir = try TestPaths.temporaryDirectory().path
        for format in RDFFormat.allCases {
            let a = dir + "/a." + format.fileExtension, b = dir + "/b." + format.fileExtension
            #expect(
                try DCATExporter(store: store).export(
                    to: a, format: format, now: Date(timeIntervalSince1970: 1), reproducible: true) == 1)
            try DCATExporter(store: store).export(
                to: b, format: format, now: Date(timeIntervalSince1970: 2), reproducible: true)
            #expect(try Self.text(a) == Self.text(b), "\(format)")
        }
        let turtle = try Self.text(dir + "/a.ttl")
        #expect(turtle.contains("dct:license <http://spdx.org/licenses/etalab-2.0>"))
        #expect(turtle.contains("dct:format <http://publications.europa.eu/resource/authority/file-type/CSV>"))
        #expect(turtle.contains("a dcat:Resource"))
        // The commitment points to its plan and the plan to the dataset it names.
        #expect(turtle.contains("dct:isPartOf <urn:ogp:actionPlan:ogp-fr:plan-2021-2023-gov>"))
        // A description is always there (this dataset has none: its title stands in).
        #expect(turtle.contains("dct:description \"Liste des engagements du plan d'action\"@fr"))
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/a.jsonld")))
            as? [String: Any]
        let graph = try #require(json?["@graph"] as? [[String: Any]])
        #expect((graph.first?["dcat:dataset"] as? [Any])?.count == 1)
        #expect((graph.first?["dcat:resource"] as? [Any])?.count == 2)
        #expect(graph.dropFirst().allSatisfy { $0["@type"] as? String == "foaf:Agent" })
        // Non-reproducible exports carry their date.
        try DCATExporter(store: store).export(
            to: dir + "/dated.ttl", format: .turtle, now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(try Self.text(dir + "/dated.ttl").contains("2027-01-15T08:00:00Z"))
    }

    /// The byte-level escapes and the trim that replaced Foundation's (same output, without
    /// the NSString bridge that was a quarter of an export's time).
    @Test func literalEscapesAndTrimsWithoutFoundation() {
        #expect(JSONLDStreamWriter.quote("a\u{01}\"é\\\n\u{1F}") == "\"a\\u0001\\\"é\\\\\\n\\u001f\"")
        #expect(TurtleStreamWriter.literal("\u{1F}«\r\t»") == "\"\\u001F«\\r\\t»\"")
        #expect(RDFTerm.trimmedWhitespace("\u{00A0} x y \n") == "x y")
        #expect(RDFTerm.trimmedWhitespace(" \u{2003}\t") == "")
        #expect(RDFTerm.trimmedWhitespace("déjà") == "déjà")
        #expect(RDFTerm.cleanIRI("  https://a.fr/x y\r\n") == "https://a.fr/x%20y")
        #expect(!RDFTerm.hasNonWhitespace(" \u{00A0}\r\n"))
        #expect(RDFTerm.hasNonWhitespace(" a "))
    }

    @Test func vocabularyMappingsAndEscaping() throws {
        let dir = try TestPaths.temporaryDirectory()
        let store = try SQLiteStore(path: dir.appendingPathComponent("catalog.sqlite").path)
        func dataset(
            _ n: Int, frequency: String, license: String?, label: String?, format: String, mime: String?
        ) -> Record {
            Record(
                id: RecordID(kind: .dataset, namespace: "test", remoteID: "d\(n)"), kind: .dataset,
                title: "Jeu \(n) \"cité\" \\ <b>&amp;</b>\u{0B}", body: "ligne 1\r\nligne 2\t«»",
                extras: [
                    "organization": "Ville d'Exemple",
                    n == 1 ? "contact_point.email" : "contact_point": "open@example.fr",
                ],
                dataset: DatasetInfo(
                    remoteID: "d\(n)", license: license, licenseLabel: label, frequency: frequency,
                    distributions: [
                        Distribution(
                            url: "https://example.fr/a b{\(n)}.csv", format: format, mimeType: mime,
                            checksum: "sha1:ABCDEF")
                    ]))
        }
        _ = try store.upsert(
            [
                dataset(
                    1, frequency: "weekly", license: "odc-odbl", label: nil, format: "CSV",
                    mime: "text/csv; charset=utf-8"),
                dataset(
                    2, frequency: "fourTimesADay", license: nil, label: "Licence maison", format: "shapefile",
                    mime: "pas un type"),
            ], source: "test", at: Date(timeIntervalSince1970: 1_700_000_000))
        let path = dir.appendingPathComponent("v.ttl").path
        #expect(try DCATExporter(store: store).export(to: path, format: .turtle, reproducible: true) == 2)
        let turtle = try Self.text(path)
        #expect(turtle.contains("<http://publications.europa.eu/resource/authority/frequency/WEEKLY> a dct:Frequency"))
        #expect(turtle.contains("[ a dct:Frequency ;"))
        #expect(turtle.contains("rdfs:label \"fourTimesADay\""))
        #expect(
            turtle.contains("<http://publications.europa.eu/resource/authority/licence/ODC_BL> a dct:LicenseDocument"))
        #expect(turtle.contains("[ a dct:LicenseDocument ;"))
        #expect(turtle.contains("rdfs:label \"Licence maison\""))
        #expect(turtle.contains("<http://publications.europa.eu/resource/authority/file-type/SHP>"))
        #expect(turtle.contains("<https://www.iana.org/assignments/media-types/text/csv> a dct:MediaType"))
        #expect(!turtle.contains("pas un type"))
        #expect(turtle.contains("<https://example.fr/a%20b%7B1%7D.csv>"))
        #expect(turtle.contains("\"abcdef\"^^xsd:hexBinary"))
        #expect(turtle.components(separatedBy: "vcard:hasEmail <mailto:open@example.fr>").count == 3)  // both forms of extras
        // One agent for the two datasets of one publisher.
        #expect(turtle.components(separatedBy: "a foaf:Agent").count == 3)  // the catalogue's and the city's
        #expect(!turtle.contains("\u{0B}"))
        #expect(turtle.contains("\\r\\nligne 2\\t«»"))
    }

    @Test(
        .enabled(
            if: DCATExportTests.hasPySHACL,
            "pyshacl is not installed (scripts/setup.sh installs it with pip; offline?): SHACL validation skipped"))
    func demoExportConformsToDCATAP3() async throws {
        let (dir, _) = try await DemoCatalogueTests.harvestDemo()
        let store = try SQLiteStore(path: dir.catalogPath)
        var files: [String] = []
        for format in RDFFormat.allCases {
            let path = dir.path + "/catalogue." + format.fileExtension
            let count = try DCATExporter(store: store).export(to: path, format: format, reproducible: true)
            #expect(count == (try store.counts()[.dataset] ?? 0))
            files.append(path)
        }
        let reports = try Self.validate(files)
        #expect(reports.count == 3)
        for report in reports {
            #expect(report["error"] == nil, "\(report)")
            #expect(report["violations"] as? Int == 0, "\(report["file"] ?? "")): \(report["messages"] ?? "")")
            #expect((report["triples"] as? Int ?? 0) > 20_000)
        }
        // The three serialisations carry the same graph (blank nodes aside, by count).
        #expect(Set(reports.compactMap { $0["triples"] as? Int }).count == 1)
        #expect(Set(reports.compactMap { $0["iri_triples"] as? Int }).count == 1)

        // The validator does catch what the export must not do: a dataset without description,
        // a publisher as a literal, a licence as a string.
        let broken = dir.path + "/broken.ttl"
        try Data(
            """
            @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
            <urn:x> a dcat:Dataset ; dct:title "x" ; dct:publisher "ogp" ; dct:license "lov2" .
            """.utf8
        ).write(to: URL(fileURLWithPath: broken))
        #expect(try Self.validate([broken]).first?["violations"] as? Int ?? 0 >= 3)
    }

    /// Portal themes (CKAN groups, ODS themes in French or English, a DCAT theme IRI) exported as
    /// EU data themes where the table maps them; the rest stays free text as `dcat:keyword`.
    @Test func themesMapToTheEUDataThemeVocabulary() throws {
        let dir = try TestPaths.temporaryDirectory()
        let store = try SQLiteStore(path: dir.appendingPathComponent("catalog.sqlite").path)
        let themes: [[String]] = [
            ["Mobilité et transports", "Environnement et climat"],  // DataSud's CKAN groups
            ["Culture, Heritage", "Spatial planning, Town planning, Buildings, Equipment, Housing"],  // ODS, English
            ["Administration, Gouvernement, Finances publiques, Citoyenneté", "Vie nocturne"],  // ODS; unmapped
            ["http://publications.europa.eu/resource/authority/data-theme/HEAL", "Santé"],  // DCAT IRI + label
        ]
        let records = themes.enumerated().map { n, list in
            Record(
                id: RecordID(kind: .dataset, namespace: "test", remoteID: "t\(n)"), kind: .dataset, title: "Jeu \(n)",
                tags: ["vie nocturne", "bus"], themes: list,
                dataset: DatasetInfo(
                    remoteID: "t\(n)", distributions: [Distribution(url: "https://example.fr/\(n).csv")]))
        }
        _ = try store.upsert(records, source: "test", at: Date(timeIntervalSince1970: 1_700_000_000))
        let path = dir.appendingPathComponent("themes.ttl").path
        #expect(try DCATExporter(store: store).export(to: path, format: .turtle, reproducible: true) == 4)
        let turtle = try Self.text(path)
        let theme = "http://publications.europa.eu/resource/authority/data-theme/"
        for code in ["TRAN", "ENVI", "EDUC", "REGI", "GOVE", "ECON", "HEAL"] {
            #expect(turtle.contains("<\(theme)\(code)> a skos:Concept"), "\(code)")
        }
        for code in ["AGRI", "ENER", "JUST", "TECH", "INTR"] { #expect(!turtle.contains(theme + code), "\(code)") }
        #expect(turtle.contains("skos:prefLabel \"Transports\"@fr"))
        #expect(turtle.contains("dcat:themeTaxonomy <http://publications.europa.eu/resource/authority/data-theme>"))
        // The unmapped theme is a keyword; mapped ones are not.
        #expect(turtle.contains("dcat:keyword \"Vie nocturne\""))
        #expect(!turtle.contains("dcat:keyword \"Mobilité et transports\""))
        // "Santé" and the HEAL IRI give one theme, not two.
        #expect(turtle.components(separatedBy: "<\(theme)HEAL> a skos:Concept").count == 2)
        if Self.hasPySHACL {
            let report = try #require(try Self.validate([path]).first)
            #expect(report["violations"] as? Int == 0, "\(report["messages"] ?? "")")
            // A theme given as text is a violation: the check does look at dcat:theme.
            let broken = dir.path + "/broken-theme.ttl"
            try Data(
                """
                @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
                <urn:x> a dcat:Dataset ; dct:title "x" ; dct:description "x" ; dcat:theme "Transports" .
                """.utf8
            ).write(to: URL(fileURLWithPath: broken))
            #expect(try Self.validate([broken]).first?["violations"] as? Int ?? 0 >= 1)
        }
    }
}
