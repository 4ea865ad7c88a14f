import Foundation
import OGPModel
import OGPParse
import Testing

@Suite("Plans and commitments")
struct PlanExtractorTests {
    static func catalog() throws -> PlanCatalog {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let yaml = try String(contentsOf: root.appendingPathComponent("config/plans.yml"), encoding: .utf8)
        return try PlanCatalog.load(yaml: yaml)
    }

    static let ditpURL =
        "https://www.modernisation.gouv.fr/transformer-laction-publique/partenariat-pour-un-gouvernement-ouvert"

    static func ditp() throws -> Record {
        let context = ParseContext(source: "ditp", sourceKind: "html", url: ditpURL)
        guard
            case .parsed(_, let records) = TextPageDecoder.decode(
                try Fixtures.data("002_8cef8a0224ee8d09.txt"), context: context),
            let r = records.first
        else { throw FixtureError.notParsed("002") }
        return r
    }

    @Test func catalogGivesPlanRecords() throws {
        let c = try Self.catalog()
        #expect(c.namespace == "ogp-fr")
        let ids = c.records.map(\.id.rawValue)
        #expect(ids.contains("actionPlan:ogp-fr:plan-2021-2023-gov"))
        #expect(c.records.allSatisfy { $0.url?.hasPrefix("https://") == true })
        let counts = c.plans.map { "\($0.id)=\($0.commitments ?? 0)" }
        #expect(
            counts == [
                "plan-2015-2017-gov=26", "plan-2018-2020-gov=21", "plan-2021-2023-gov=6", "plan-2023-2025-gov=17",
                "plan-2018-2020-an=17",
            ])
    }

    @Test func ditpGivesSixCommitmentsAndSixteenAmbitions() throws {
        let x = PlanExtractor(catalog: try Self.catalog()).extract(from: try Self.ditp())
        #expect(x.plans.map(\.id.rawValue) == ["actionPlan:ogp-fr:plan-2021-2023-gov"])
        #expect(x.commitments.count == 6)
        #expect(x.commitments.map { $0.commitment?.milestones.count ?? 0 } == [3, 5, 2, 2, 2, 2])
        #expect(x.commitments.reduce(0) { $0 + ($1.commitment?.milestones.count ?? 0) } == 16)
        #expect(
            x.commitments.map(\.title) == [
                "Faire participer les Français à l'élaboration des politiques publiques",
                "Renforcer la transparence de l'action publique",
                "Développer une société numérique plus inclusive",
                "Accélérer la transition écologique",
                "Répondre à la crise sanitaire",
                "Développer les valeurs de l'ouverture en Europe et à l'international",
            ])
        let c4 = x.commitments[3]
        #expect(c4.id.rawValue == "commitment:ogp-fr:plan-2021-2023-gov-c4")
        #expect(c4.commitment?.number == 4)
        #expect(c4.links == [RecordLink(.partOf, RecordID(rawValue: "actionPlan:ogp-fr:plan-2021-2023-gov"))])
        #expect(c4.body?.hasPrefix("La mobilisation accrue des Français sur les enjeux environnementaux") == true)
        #expect(c4.commitment?.milestones.first == "Associer les citoyens à la réponse aux défis écologiques")
        #expect(c4.provenance.first?.url == Self.ditpURL)
        #expect(
            x.commitments[0].commitment?.milestones == [
                "Innover dans l’action publique avec les citoyens",
                "Soutenir la participation citoyenne sur les territoires",
                "Encourager la participation citoyenne dès l’école",
            ])
        #expect(
            x.publication.links.contains(
                RecordLink(.reportsOn, RecordID(rawValue: "actionPlan:ogp-fr:plan-2021-2023-gov"))))
        #expect(x.plans.first?.actionPlan?.announcedCommitments == 6)
        #expect(x.plans.first?.warnings.isEmpty == true)
    }

    @Test func plan2015AxesFromTheJekyllPost() throws {
        let post = try Fixtures.jekyll(
            "actualites--gouvernement-ouvert-la-france-publie-son-plan-daction-national@039d527d11.markdown")
        let x = PlanExtractor(catalog: try Self.catalog()).extract(from: post)
        let plan = try #require(x.plans.first { $0.id.rawValue == "actionPlan:ogp-fr:plan-2015-2017-gov" })
        #expect(
            plan.actionPlan?.axes == [
                "rendre des comptes", "consulter, concerter, et coproduire l’action publique",
                "partager des ressources numériques utiles à l’innovation économique et sociale",
                "poursuivre l’ouverture de l’administration",
                "le gouvernement ouvert au service du climat et du développement durable",
            ])
        #expect(plan.actionPlan?.announcedCommitments == 26)
        #expect(x.commitments.isEmpty)
    }

    @Test func midTermStatus1_10_15() throws {
        let post = try Fixtures.jekyll("001_65fca15feec86d64.txt", path: Fixtures.videoPath)
        let x = PlanExtractor(catalog: try Self.catalog()).extract(from: post)
        let plan = try #require(x.plans.first { $0.id.rawValue == "actionPlan:ogp-fr:plan-2015-2017-gov" })
        let report = try #require(plan.actionPlan?.statusReports.first)
        #expect(report.counts == ["complete": 1, "limited": 10, "substantial": 15])
        #expect(report.date == "2016-07-25T14:06:00Z")
        #expect(report.source == post.id)
        #expect(x.publication.links.map(\.target.rawValue) == ["actionPlan:ogp-fr:plan-2015-2017-gov"])
    }

    @Test func communiqueGivesBothPlansOf2018() throws {
        let post = try Fixtures.jekyll(
            "communiques--ouverture-du-gouvernement-et-du-parlement-la-france-renouvelle-son-engagement-pour-une-action-publique-transparente-et-collaborative@0471cf8a43.markdown"
        )
        let x = PlanExtractor(catalog: try Self.catalog()).extract(from: post)
        let ids = Set(x.plans.map(\.id.rawValue))
        #expect(
            ids == [
                "actionPlan:ogp-fr:plan-2015-2017-gov", "actionPlan:ogp-fr:plan-2018-2020-gov",
                "actionPlan:ogp-fr:plan-2018-2020-an",
            ])
        let gov = try #require(x.plans.first { $0.id.rawValue.hasSuffix("plan-2018-2020-gov") })
        #expect(
            gov.actionPlan?.axes == [
                "La transparence de l’action publique", "L’ouverture des ressources numériques et l’innovation ouverte",
                "Des démarches de participation renforcées",
                "La mise en œuvre des principes du gouvernement ouvert au service d’enjeux mondiaux",
            ])
        let an = try #require(x.plans.first { $0.id.rawValue.hasSuffix("plan-2018-2020-an") })
        #expect(an.actionPlan?.axes.count == 4)
        #expect(an.actionPlan?.axes.first == "La démarche globale de réforme de l’Assemblée nationale")
        #expect(an.actionPlan?.announcedCommitments == 17)
    }

    @Test func brokenCatalogIsAnError() {
        #expect(throws: ParseError.self) { try PlanCatalog.load(yaml: "plans: [ {id: x") }
        #expect(throws: ParseError.self) { try PlanCatalog.load(yaml: "plans:\n  - id: a\n") }
    }
}
