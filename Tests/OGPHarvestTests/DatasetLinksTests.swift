import OGPModel
import Testing

@testable import OGPHarvest

@Suite("Commitment ↔ dataset links")
struct DatasetLinksTests {
    static func plan(_ start: Int, _ end: Int) -> Record {
        Record(
            id: RecordID(kind: .actionPlan, namespace: "ogp-fr", remoteID: "plan-\(start)-\(end)-gov"),
            kind: .actionPlan,
            title: "Plan \(start)-\(end)", actionPlan: ActionPlanInfo(startYear: start, endYear: end))
    }

    static func dataset(_ id: String, title: String, tags: [String], published: String? = nil) -> Record {
        Record(
            id: RecordID(kind: .dataset, namespace: "data.gouv.fr", remoteID: id), kind: .dataset, title: title,
            dates: RecordDates(published: published), tags: tags, dataset: DatasetInfo(remoteID: id))
    }

    @Test func datasetURLsCitedInTextBecomeLinks() {
        let text = """
            Voir https://www.data.gouv.fr/fr/datasets/620bc18f19e4cfe601d272c4/ et
            https://www.data.gouv.fr/datasets/5b1e37a188ee3849c6b7df9b, pas https://www.data.gouv.fr/datasets/catalogue-des-donnees/.
            """
        #expect(DatasetLinks.datasetIDs(in: text) == ["620bc18f19e4cfe601d272c4", "5b1e37a188ee3849c6b7df9b"])
        let commitment = Record(
            id: RecordID(kind: .commitment, namespace: "ogp-fr", remoteID: "c"), kind: .commitment, title: "c",
            body: text)
        let linked = DatasetLinks.addExplicitLinks(commitment)
        #expect(
            linked.links == [
                RecordLink(.usesDataset, RecordID(rawValue: "dataset:data.gouv.fr:620bc18f19e4cfe601d272c4")),
                RecordLink(.usesDataset, RecordID(rawValue: "dataset:data.gouv.fr:5b1e37a188ee3849c6b7df9b")),
            ])
        // Datasets themselves get no such links, and a second pass adds nothing.
        #expect(DatasetLinks.addExplicitLinks(linked) == linked)
    }

    @Test func taggedDatasetsGoToThePlanTheyName() {
        let plans = [Self.plan(2015, 2017), Self.plan(2018, 2020), Self.plan(2021, 2023)]
        let named = Self.dataset(
            "5b1e37a188ee3849c6b7df9b", title: "Plan d'action national 2018-2020 de la France pour le PGO",
            tags: ["ogp"])
        #expect(DatasetLinks.isTaggedForOGP(named))
        #expect(DatasetLinks.plans(for: named, among: plans).map(\.id) == [plans[1].id])
        let dated = Self.dataset(
            "620bc18f19e4cfe601d272c4", title: "Liste des engagements", tags: ["PGO"], published: "2022-02-15")
        #expect(DatasetLinks.plans(for: dated, among: plans).map(\.id) == [plans[2].id])
        let vague = Self.dataset(
            "53699b26a3a729239d20567a", title: "Open Gov Tech Org Funding", tags: ["open-gov"], published: "2014-02-21")
        #expect(DatasetLinks.plans(for: vague, among: plans).isEmpty)
        #expect(!DatasetLinks.isTaggedForOGP(Self.dataset("x", title: "Budget", tags: ["finances"])))
    }
}
