import Foundation
import OGPCatalog
import OGPModel
import OGPStore
import Testing

@Suite("Export")
struct ExportTests {
    static func sampleStore() throws -> SQLiteStore {
        let dir = try TestPaths.temporaryDirectory()
        let store = try SQLiteStore(path: dir.appendingPathComponent("catalog.sqlite").path)
        let plan = Record(
            id: RecordID(kind: .actionPlan, namespace: "ogp-fr", remoteID: "plan-2021-2023-gov"), kind: .actionPlan,
            title: "Plan d'action national 2021-2023",
            provenance: [
                Provenance(
                    source: "plans", sourceKind: "plans", url: "file:///plans.yml", parser: "plans", parserVersion: "1")
            ],
            actionPlan: ActionPlanInfo(startYear: 2021, endYear: 2023, announcedCommitments: 6))
        let commitment = Record(
            id: RecordID(kind: .commitment, namespace: "ogp-fr", remoteID: "plan-2021-2023-gov-c4"), kind: .commitment,
            title: "Accélérer la transition écologique",
            body: "La stratégie d’ouverture des données environnementales…",
            dates: RecordDates(published: "2021-12-17"), links: [RecordLink(.partOf, plan.id)],
            provenance: [
                Provenance(
                    source: "ditp", sourceKind: "text", url: "file:///002.txt",
                    contentHash: String(repeating: "a", count: 64), parser: "text", parserVersion: "1")
            ],
            commitment: CommitmentInfo(
                plan: plan.id, number: 4, milestones: ["Associer les citoyens", "Ouvrir et enrichir les données"]))
        let dataset = Record(
            id: RecordID(kind: .dataset, namespace: "data.gouv.fr", remoteID: "620bc18f19e4cfe601d272c4"),
            kind: .dataset,
            title: "Liste des engagements du plan d'action", tags: ["ogp"],
            provenance: [
                Provenance(
                    source: "csv", sourceKind: "udata-csv", url: "file:///export.csv", item: "line 2",
                    parser: "udata-csv", parserVersion: "1")
            ],
            dataset: DatasetInfo(
                remoteID: "620bc18f19e4cfe601d272c4", license: "lov2",
                distributions: [
                    Distribution(
                        title: "engagements.csv", url: "https://static.data.gouv.fr/x.csv", format: "csv", size: 1234)
                ]))
        _ = try store.upsert(
            [dataset, commitment, plan], source: "test", at: Date(timeIntervalSince1970: 1_700_000_000))
        return store
    }

    @Test func exportIsDeterministicAndSorted() throws {
        let store = try Self.sampleStore()
        let dir = try TestPaths.temporaryDirectory()
        let a = dir.appendingPathComponent("a.json").path, b = dir.appendingPathComponent("b.json").path
        let fixed = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try Exporter(store: store).export(.init(), to: a, now: fixed) == 3)
        try Exporter(store: store).export(.init(), to: b, now: fixed)
        let bytesA = try Data(contentsOf: URL(fileURLWithPath: a))
        #expect(bytesA == (try Data(contentsOf: URL(fileURLWithPath: b))))
        let json = try #require(try JSONSerialization.jsonObject(with: bytesA) as? [String: Any])
        let records = try #require(json["records"] as? [[String: Any]])
        #expect(records.compactMap { $0["kind"] as? String } == ["actionPlan", "commitment", "dataset"])
        let catalog = try #require(json["catalog"] as? [String: Any])
        #expect((catalog["counts"] as? [String: Int])?["commitment"] == 1)
    }

    @Test func reproducibleExportLeavesOutOurTimestamps() throws {
        let store = try Self.sampleStore()
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("r.json").path
        try Exporter(store: store).export(.init(reproducible: true), to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("generated_at"))
        #expect(!text.contains("firstSeen"))
        #expect(text.contains("\"published\":\"2021-12-17\""))
    }

    @Test func jsonLinesWithKindFilter() throws {
        let store = try Self.sampleStore()
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("d.jsonl").path
        let n = try Exporter(store: store).export(.init(format: .jsonl, kinds: [.dataset, .actionPlan]), to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(n == 2 && lines.count == 2)
        #expect(lines[1].contains("\"distributions\":[{"))
    }

    @Test func realExportsMatchTheSchema() throws {
        let store = try Self.sampleStore()
        let dir = try TestPaths.temporaryDirectory()
        let path = dir.appendingPathComponent("c.json").path
        try Exporter(store: store).export(.init(), to: path)
        let validator = try JSONSchemaValidator(
            schemaFile: TestPaths.config.appendingPathComponent("schema/catalog.schema.json"))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(validator.validate(document) == [])
        // The validator does catch violations.
        var broken = try #require(document as? [String: Any])
        var records = try #require(broken["records"] as? [[String: Any]])
        records[0]["kind"] = "unknownKind"
        records[1]["surprise"] = true
        broken["records"] = records
        #expect(validator.validate(broken).count == 2)
    }

    @Test func failedExportLeavesNoTrace() throws {
        let store = try Self.sampleStore()
        let dir = try TestPaths.temporaryDirectory()
        let path = dir.appendingPathComponent("keep.json").path
        try Data("previous".utf8).write(to: URL(fileURLWithPath: path))
        // An output location that cannot be created: a clear error, nothing replaced.
        #expect(throws: ExportError.self) {
            try Exporter(store: store).export(.init(), to: "/dev/full-does-not-exist/out.json")
        }
        // A successful export replaces the file atomically.
        try Exporter(store: store).export(.init(format: .jsonl), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{"))
        try Data("previous".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}
