import Foundation
import OGPModel
import OGPParse
import Testing

@Suite("WordPress features")
struct WordPressFeatureTests {
    static let terms =
        #"[{"id":3,"name":"Actualit&eacute;s"},{"id":7,"name":"[:fr]Gouvernement ouvert[:en]Open government[:]"}]"#

    @Test func termsAreResolved() {
        let terms = WordPressDecoder.decodeTerms(Data(Self.terms.utf8))
        #expect(terms == [3: "Actualités", 7: "Gouvernement ouvert"])
        #expect(WordPressDecoder.decodeTerms(Data("not json".utf8)).isEmpty)
    }

    @Test func qTranslateFormsAndHosts() throws {
        let json = #"""
            [{"id":10,"status":"publish","date_gmt":"2016-04-01T08:00:00","modified_gmt":"2016-04-02T08:00:00",
              "guid":{"rendered":"https:\/\/www.etalab.gouv.fr\/?p=10"},"link":"https:\/\/preprod.etalab.gouv.fr\/pgo-bilan",
              "title":{"rendered":"[:fr]Le bilan d&#8217;&eacute;tape[:en]The progress report[:]"},
              "content":{"rendered":"<!--:fr--><p>Texte fran&ccedil;ais <a href=\"https:\/\/ogp.example\/r\">rapport<\/a>.<\/p><!--:--><!--:en--><p>English text.<\/p><!--:-->"},
              "excerpt":{"rendered":"{:fr}<p>R&eacute;sum&eacute; [&hellip;]<\/p>{:}{:en}<p>Summary<\/p>{:}"},
              "categories":[3],"tags":[7,99]},
             {"id":10,"status":"draft","guid":{"rendered":"https:\/\/www.etalab.gouv.fr\/?p=10"},"link":"https:\/\/www.etalab.gouv.fr\/pgo-bilan-2",
              "title":{"rendered":"Sans marqueurs"},"content":{"rendered":"<p>Un.<\/p><p>Deux.<\/p>"}}]
            """#
        let terms = WordPressDecoder.decodeTerms(Data(Self.terms.utf8))
        let results = WordPressDecoder.decodePosts(
            Data(json.utf8), context: WordPressDecoderTests.context, terms: terms)
        let records = results.compactMap { if case .parsed(_, let r) = $0 { r.first } else { nil } }
        #expect(records.count == 2)
        let a = try #require(records.first)
        #expect(a.title == "Le bilan d’étape")
        #expect(a.body == "Texte français rapport.")
        #expect(a.summary == "Résumé")
        #expect(
            a.translations["en"] == Translation(title: "The progress report", summary: "Summary", body: "English text.")
        )
        #expect(a.references == ["https://ogp.example/r"])
        #expect(a.url == "https://www.etalab.gouv.fr/pgo-bilan")
        #expect(a.themes == ["Actualités"])
        #expect(a.tags == ["Gouvernement ouvert"])
        #expect(a.extras["unresolvedTerms"] == "99")
        #expect(a.dates.modified == "2016-04-02T08:00:00Z")
        #expect(!a.draft && !a.partial && a.warnings.isEmpty)
        let b = try #require(records.last)
        #expect(b.id == a.id, "the preprod link and the guid host give the same id")
        #expect(b.draft)
        #expect(b.body == "Un.\n\nDeux.")
        #expect(b.translations.isEmpty)
        for r in records { #expect(Fixtures.leftovers(r.body).isEmpty && Fixtures.leftovers(r.title).isEmpty) }
    }

    @Test func qTranslateSplit() {
        #expect(QTranslate.split("[:fr]Bonjour[:en]Hello[:]") == ["fr": "Bonjour", "en": "Hello"])
        #expect(
            QTranslate.split("<!--:fr-->Bonjour<!--:--><!--:en-->Hello<!--:-->") == ["fr": "Bonjour", "en": "Hello"])
        #expect(QTranslate.split("{:fr}Bonjour{:}{:en}Hello{:}") == ["fr": "Bonjour", "en": "Hello"])
        #expect(QTranslate.split("Commun [:fr]Bonjour[:en]Hello[:]") == ["fr": "Commun Bonjour", "en": "Commun Hello"])
        #expect(QTranslate.split("[:fr]Coupé sans fin") == ["fr": "Coupé sans fin"])
        #expect(QTranslate.split("Pas de marqueur [x]") == ["": "Pas de marqueur [x]"])
    }
}
