import OGPModel
import OGPParse
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

    /// The real dataset 5b1e37a1… of the demo's export slice: its title names 2018-2020, its
    /// description recalls the 2015-2017 plan. It was linked to both, and to the Assemblée
    /// nationale's 2018-2020 plan, which it does not name.
    @Test func theTitlesPeriodWinsAndAnotherInstitutionsPlanMustBeNamed() throws {
        var plans = [Self.plan(2015, 2017), Self.plan(2018, 2020)]
        plans.append(
            Record(
                id: RecordID(kind: .actionPlan, namespace: "ogp-fr", remoteID: "plan-2018-2020-an"), kind: .actionPlan,
                title: "Plan d'action de l'Assemblée nationale pour un Parlement ouvert 2018-2020",
                actionPlan: ActionPlanInfo(institution: "parliament", startYear: 2018, endYear: 2020)))
        let keywords = [plans[2].id: ["assemblee nationale"]]
        var national = Self.dataset(
            "5b1e37a188ee3849c6b7df9b",
            title: "Plan d'action national 2018-2020 de la France pour le Partenariat pour un gouvernement ouvert",
            tags: ["ogp", "pgo"], published: "2018-06-11T10:49:37Z")
        national.body = """
            Un premier Plan d’action national pour une action publique transparente et collaborative a été \
            élaboré et publié pour la période 2015-2017. Il comportait 26 engagements.
            """
        #expect(DatasetLinks.plans(for: national, among: plans, keywords: keywords).map(\.id) == [plans[1].id])
        // Without a period in the title, the description's periods count.
        var described = national
        described.title = "Engagements de la France au PGO"
        #expect(DatasetLinks.plans(for: described, among: plans, keywords: keywords).map(\.id) == [plans[0].id])
        // The Assemblée nationale's plan when the dataset names it, and then not the government's.
        let parliament = Self.dataset(
            "5b0000000000000000000001", title: "Engagements 2018-2020 de l'Assemblée nationale pour un Parlement ouvert",
            tags: ["ogp"])
        #expect(DatasetLinks.plans(for: parliament, among: plans, keywords: keywords).map(\.id) == [plans[2].id])
        // By publication year too: a parliament plan only when named.
        let dated = Self.dataset("5b0000000000000000000002", title: "Consultation", tags: ["pgo"], published: "2019-01-10")
        #expect(DatasetLinks.plans(for: dated, among: plans, keywords: keywords).map(\.id) == [plans[1].id])
        // The keywords come from the plans file, folded.
        let catalog = try PlanCatalog.load(yaml: PlanCatalog.builtInYAML)
        #expect(
            catalog.institutionKeywords[RecordID(kind: .actionPlan, namespace: "ogp-fr", remoteID: "plan-2018-2020-an")]
                == ["assemblee nationale"])
    }
}
