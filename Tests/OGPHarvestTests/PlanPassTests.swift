import Foundation
import OGPModel
import OGPParse
import OGPStore
import Testing

@testable import OGPHarvest

@Suite("Plan pass")
struct PlanPassTests {
    /// The plan pass reads only the datasets the store finds tagged for the OGP; the links it
    /// gives are those of a read of every dataset checked one by one (the pass before the tag
    /// query), in the same order.
    @Test func datasetLinksAreThoseOfAFullRead() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.dataDirectory.prepare()
        let store = try workspace.store()
        let tagSets: [[String]] = [
            ["ogp"], ["PGO", "eau"], ["transport"], [], ["Gouvernement-Ouvert"], ["pgó"], ["open-gov", "a\"b"],
            ["ogp-2"], ["OpenGov"],
        ]
        var datasets: [Record] = []
        for n in 0..<300 {
            let period = ["2015-2017", "2018-2020", "2021-2023", "sans période"][n % 4]
            datasets.append(
                Record(
                    id: RecordID(kind: .dataset, namespace: "d", remoteID: String(format: "ds-%03d", n)),
                    kind: .dataset, title: "Jeu \(n), plan \(period)",
                    dates: RecordDates(published: "\(2014 + n % 11)-03-01"), tags: tagSets[n % tagSets.count]))
        }
        _ = try store.upsert(datasets, source: "s", at: Date())
        #expect(try store.archive(datasets[0].id, reason: "gone", at: Date()))
        let extractor = PlanExtractor(catalog: try PlanCatalog.load(yaml: PlanCatalog.builtInYAML))
        let linked = try PlanPass(store: store, extractor: extractor, linkDatasets: true).build()
        let unlinked = try PlanPass(store: store, extractor: extractor, linkDatasets: false).build()
        // The reference: every current dataset decoded and checked.
        let plans = unlinked.filter { $0.kind == .actionPlan }
        var expected: [RecordID: [RecordLink]] = [:]
        try store.forEachRecord(RecordFilter(kinds: [.dataset], includeArchived: false)) { dataset in
            guard DatasetLinks.isTaggedForOGP(dataset) else { return }
            for plan in DatasetLinks.plans(for: dataset, among: plans, keywords: extractor.catalog.institutionKeywords) {
                expected[plan.id, default: []].append(RecordLink(.usesDataset, dataset.id))
            }
        }
        var got: [RecordID: [RecordLink]] = [:]
        for plan in linked where plan.kind == .actionPlan {
            let links = plan.links.filter { $0.relation == .usesDataset }
            if !links.isEmpty { got[plan.id] = links }
        }
        #expect(!expected.isEmpty)
        #expect(got.mapValues { Set($0) } == expected.mapValues { Set($0) })
        // Everything else about the plans is the same with or without the links.
        #expect(linked.count == unlinked.count)
    }
}
