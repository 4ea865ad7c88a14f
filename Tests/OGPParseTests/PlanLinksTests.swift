import Foundation
import OGPModel
import OGPParse
import Testing

/// Every corpus publication is linked to the plans it reports on.
@Suite("Plan links per file")
struct PlanLinksTests {
    static let p2015 = "actionPlan:ogp-fr:plan-2015-2017-gov"
    static let p2018 = "actionPlan:ogp-fr:plan-2018-2020-gov"
    static let an2018 = "actionPlan:ogp-fr:plan-2018-2020-an"
    static let p2021 = "actionPlan:ogp-fr:plan-2021-2023-gov"

    static func planLinks(_ r: Record) throws -> Set<String> {
        let x = PlanExtractor(catalog: try PlanExtractorTests.catalog()).extract(from: r)
        #expect(
            Set(x.plans.map(\.id.rawValue))
                == Set(x.publication.links.filter { $0.target.kind == .actionPlan }.map(\.target.rawValue)))
        #expect(x.publication.links.allSatisfy { $0.relation == .reportsOn })
        return Set(x.publication.links.filter { $0.target.kind == .actionPlan }.map(\.target.rawValue))
    }

    @Test(arguments: [
        ("000_16b1a9f2d23ba3de.txt", [p2015]),
        ("001_65fca15feec86d64.txt", [p2015]),
        ("004_1c28b5d3d3a945ed.txt", [p2015, p2018, an2018]),
        (
            "actualites--gouvernement-ouvert-la-france-met-laccent-sur-le-numerique-et-la-contribution-citoyenne@18e659adec.markdown",
            [p2015]
        ),
        ("actualites--gouvernement-ouvert-la-france-publie-son-plan-daction-national@039d527d11.markdown", [p2015]),
        (
            "actualites--video-partenariat-pour-un-gouvernement-ouvert-le-plan-daction-francais-evalue-a-mi-parcours@5aba09a5d2.markdown",
            [p2015]
        ),
        (
            "communiques--ouverture-du-gouvernement-et-du-parlement-la-france-renouvelle-son-engagement-pour-une-action-publique-transparente-et-collaborative@0471cf8a43.markdown",
            [p2015, p2018, an2018]
        ),
    ])
    func jekyllFiles(name: String, plans: [String]) throws {
        #expect(try Self.planLinks(try Fixtures.jekyll(name)) == Set(plans))
    }

    @Test func ditpAndWordPress() throws {
        #expect(try Self.planLinks(try PlanExtractorTests.ditp()) == [Self.p2021])
        let results = WordPressDecoder.decodePosts(
            try Fixtures.data("003_358304ceddca9231.txt"), context: WordPressDecoderTests.context, terms: [:])
        guard case .parsed(_, let records) = results.first, let post = records.first else {
            Issue.record("003"); return
        }
        #expect(try Self.planLinks(post) == [Self.p2015])
        let x = PlanExtractor(catalog: try PlanExtractorTests.catalog()).extract(from: post)
        #expect(x.plans.first?.actionPlan?.announcedCommitments == 26)
    }

    @Test func earlyAndLateCommuniqueGiveTheSameAxes() throws {
        let catalog = try PlanExtractorTests.catalog()
        let early = PlanExtractor(catalog: catalog).extract(from: try Fixtures.jekyll("004_1c28b5d3d3a945ed.txt"))
        let late = PlanExtractor(catalog: catalog).extract(
            from: try Fixtures.jekyll(
                "communiques--ouverture-du-gouvernement-et-du-parlement-la-france-renouvelle-son-engagement-pour-une-action-publique-transparente-et-collaborative@0471cf8a43.markdown"
            ))
        #expect(early.plans.map { $0.actionPlan?.axes ?? [] } == late.plans.map { $0.actionPlan?.axes ?? [] })
        #expect(early.plans.allSatisfy { $0.warnings.isEmpty })
    }

    @Test func noPlanNoLinks() {
        let r = Record(
            id: RecordID(rawValue: "publication:x:y"), kind: .publication, title: "Sans rapport",
            body: "La météo de demain.")
        let x = PlanExtractor(catalog: PlanCatalog(namespace: "ogp-fr", plans: [])).extract(from: r)
        #expect(x.publication == r && x.plans.isEmpty && x.commitments.isEmpty)
    }
}
