import Foundation
import OGPModel
import OGPParse
import Testing

@Suite("WordPress REST")
struct WordPressDecoderTests {
    static let context = ParseContext(
        source: "etalab-wp", sourceKind: "wordpress", url: "https://www.etalab.gouv.fr/wp-json/wp/v2/posts/3370")

    @Test func truncatedRealPostIsPartial() throws {
        let results = WordPressDecoder.decodePosts(
            try Fixtures.data("003_358304ceddca9231.txt"), context: Self.context, terms: [:])
        #expect(results.count == 1)
        guard case .parsed(let item, let records) = try #require(results.first), let r = records.first else {
            Issue.record("not parsed: \(results)")
            return
        }
        #expect(item == "3370")
        #expect(r.partial)
        #expect(r.id.rawValue == "publication:uri:https://etalab.gouv.fr/?p=3370")
        #expect(
            r.url == "https://www.etalab.gouv.fr/la-france-publie-son-premier-plan-daction-pour-un-gouvernement-ouvert")
        #expect(r.title == "La France publie son premier Plan d’action pour le gouvernement ouvert")
        #expect(r.dates.published == "2015-07-17T13:59:52Z")
        #expect(r.dates.modified == "2016-01-08T14:02:22Z")
        #expect(r.extras["slug"] == "la-france-publie-son-premier-plan-daction-pour-un-gouvernement-ouvert")
        #expect(!r.draft)
        #expect(r.tags.isEmpty)
        #expect(r.references.isEmpty)
        #expect(Fixtures.leftovers(r.body).isEmpty)
        let body = try #require(r.body)
        #expect(body.hasPrefix("La France s’engage à bâtir une action publique plus transparente et collaborative."))
        #expect(body.contains("- Rendre des comptes pour faire progresser la transparence"))
        #expect(body.contains("dans la perspective de la COP21, qui se tiendra à Paris en décembre prochain."))
        #expect(r.warnings.contains { $0.contains("7 raw control characters") })
        #expect(
            r.warnings.contains {
                $0.contains("input broke at byte 5255") && $0.contains("content.rendered") && $0.contains("truncated")
            })
    }
}
