import Foundation
import OGPIndex
import OGPModel
import OGPStore
import Testing

@testable import OGPCatalog

/// A dataset's popularity (followers + reuses at its portal) orders near-equal matches: the
/// national « Base Sirene » before a town's copy of the same title; a score is lifted by the
/// level's prior exactly, no more.
@Suite struct PopularityRankingTests {
    static func dataset(_ id: String, _ title: String, _ body: String, _ popularity: DatasetPopularity?) -> Record {
        Record(
            id: RecordID(kind: .dataset, namespace: "data.gouv.fr", remoteID: id), kind: .dataset, title: title,
            body: body,
            provenance: [
                Provenance(
                    source: "csv", sourceKind: "udata-csv", url: "file:///export.csv", item: id, parser: "udata-csv",
                    parserVersion: "1")
            ],
            dataset: DatasetInfo(remoteID: id, popularity: popularity))
    }

    @Test func popularityOrdersEqualMatchesAndNoMore() throws {
        let dir = try TestPaths.temporaryDirectory()
        let store = try SQLiteStore(path: dir.appendingPathComponent("catalog.sqlite").path)
        let body = "Le répertoire des entreprises et de leurs établissements, mis à jour chaque mois."
        let records = [
            Self.dataset("a1", "Base Sirene des entreprises", body, nil),
            Self.dataset("a2", "Base Sirene des entreprises", body, .high),
            Self.dataset("a3", "Base Sirene des entreprises", body, .low),
            Self.dataset("a4", "Sirene : base Sirene", "Base Sirene.", nil),
            Self.dataset("a5", "Sirènes d'alerte", "Les sirènes de la ville.", nil),
        ]
        _ = try store.upsert(records, source: "csv", at: Date(timeIntervalSince1970: 1_700_000_000))
        let indexPath = dir.appendingPathComponent("index").path
        #expect(try CatalogIndexer(directory: indexPath).update(from: store).indexed == 5)
        let reader = try IndexReader(directory: indexPath)

        var request = SearchRequest(query: "base sirene entreprises", limit: 10, snippets: false, prefixLastWord: false)
        let plain = try reader.searchIDs(request)
        let plainScores = Dictionary(uniqueKeysWithValues: plain.map { ($0.id, $0.score) })
        // Without the prior the three copies tie.
        let copies = ["a1", "a2", "a3"].map { "dataset:data.gouv.fr:\($0)" }
        #expect(Set(copies.compactMap { plainScores[$0] }).count == 1)

        request.keywordBoosts = RecordDocument.searchPriors
        let ranked = try reader.searchIDs(request)
        let order = ranked.map { String($0.id.split(separator: ":").last ?? "") }
        #expect(order.filter { ["a1", "a2", "a3"].contains($0) } == ["a2", "a3", "a1"], "\(order)")
        let scores = Dictionary(uniqueKeysWithValues: ranked.map { ($0.id, $0.score) })
        for (id, level) in zip(copies, [nil, DatasetPopularity.high, .low]) {
            let lift = try #require(scores[id]) / (try #require(plainScores[id]))
            #expect(abs(lift - (level?.searchPrior ?? 1)) < 1e-9, "\(id)")
        }
        // The kind keyword and the popularity keyword are both in the document.
        let doc = RecordDocument.document(for: records[1])
        #expect(doc.keywords["popularity"] == ["high"])
        #expect(RecordDocument.document(for: records[0]).keywords["popularity"] == nil)
        // `ogp show` says it.
        #expect(RecordView(record: records[1]).text().contains("popularity: high (100 or more followers and reuses"))
        #expect(!RecordView(record: records[0]).text().contains("popularity"))
    }
}
