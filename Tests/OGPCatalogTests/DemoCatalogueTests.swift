import Foundation
import OGPCatalog
import OGPHarvest
import OGPIndex
import OGPModel
import OGPStore
import Testing

/// The bundled sample (`config/demo.yml`) harvested as `make demo` does, then searched and
/// exported: what a newcomer sees first.
@Suite("Demo catalogue", .serialized)
struct DemoCatalogueTests {
    static func harvestDemo() async throws -> (DataDirectory, HarvestReport) {
        let config = try Configuration.load(path: TestPaths.config.appendingPathComponent("demo.yml").path)
        let dir = DataDirectory(path: try TestPaths.temporaryDirectory().path)
        let report = try await Harvester(
            config: config, dataDirectory: dir, options: HarvestOptions(),
            indexer: CatalogIndexer(directory: dir.indexPath)
        ).run()
        return (dir, report)
    }

    @Test func demoHarvestSearchAndExport() async throws {
        let (dir, report) = try await Self.harvestDemo()
        #expect(report.exitCode == 0, "\(report.sources.map { ($0.name, $0.status, $0.errors) })")
        let store = try SQLiteStore(path: dir.catalogPath)

        // The 2021-2023 plan: 6 commitments, 16 ambitions.
        var commitments: [Record] = []
        try store.forEachRecord(RecordFilter(kinds: [.commitment])) { record in
            if record.commitment?.plan?.rawValue == "actionPlan:ogp-fr:plan-2021-2023-gov" {
                commitments.append(record)
            }
        }
        #expect(commitments.count == 6)
        #expect(commitments.map { $0.commitment?.milestones.count ?? 0 }.reduce(0, +) == 16)

        // Plans link to the datasets tagged for the OGP that name them.
        func datasetLinks(_ plan: String) throws -> [String] {
            try store.record(RecordID(rawValue: "actionPlan:ogp-fr:\(plan)"))?.links
                .filter { $0.relation == .usesDataset }.map(\.target.rawValue) ?? []
        }
        #expect(try datasetLinks("plan-2021-2023-gov").contains("dataset:data.gouv.fr:620bc18f19e4cfe601d272c4"))
        #expect(try datasetLinks("plan-2018-2020-gov").contains("dataset:data.gouv.fr:5b1e37a188ee3849c6b7df9b"))
        #expect(try !datasetLinks("plan-2021-2023-gov").contains("dataset:data.gouv.fr:5b1e37a188ee3849c6b7df9b"))

        // "données environnementales": the ecological-transition commitment first.
        let reader = try IndexReader(directory: dir.indexPath)
        var request = SearchRequest(query: "données environnementales", limit: 5)
        request.keywordBoosts = ["kind": RecordDocument.kindPriors]
        let hits = try reader.search(request).hits
        #expect(hits.first?.stored["kind"] == "commitment")
        #expect(hits.first?.stored["title"] == "Accélérer la transition écologique")
        // The same without accents, and with the elided article.
        request.query = "donnees environnementales"
        #expect(try reader.search(request).hits.first?.id == hits.first?.id)

        // The real export of the demo catalogue matches the schema.
        let path = dir.path + "/export.json"
        try Exporter(store: store).export(.init(), to: path)
        let validator = try JSONSchemaValidator(
            schemaFile: TestPaths.config.appendingPathComponent("schema/catalog.schema.json"))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let errors = validator.validate(document)
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        let records = (document as? [String: Any])?["records"] as? [Any]
        #expect((records?.count ?? 0) > 1_300)

        // An index from an older format is rebuilt from the catalogue, not a failed harvest.
        let manifest = dir.indexPath + "/manifest.json"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try Data(text.replacing(#/"format" : \d+/#, with: "\"format\" : 1").utf8)
            .write(to: URL(fileURLWithPath: manifest))
        #expect(throws: IndexError.self) { _ = try IndexReader(directory: dir.indexPath) }
        let rebuilt = try CatalogIndexer(directory: dir.indexPath).update(from: store, rebuild: false)
        #expect(rebuilt.rebuiltBecause?.contains("format") == true)
        #expect(try IndexReader(directory: dir.indexPath).liveDocuments == reader.liveDocuments)

        // The DCAT-AP export lists every dataset.
        let dcat = dir.path + "/export.jsonld"
        let count = try DCATExporter(store: store).export(to: dcat)
        #expect(count == (try store.counts()[.dataset] ?? 0))
        let graph =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dcat))) as? [String: Any]
        #expect(((graph?["@graph"] as? [[String: Any]])?.first?["dcat:dataset"] as? [Any])?.count == count)
    }
}
