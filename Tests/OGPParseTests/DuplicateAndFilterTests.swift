import Foundation
import OGPModel
import OGPParse
import Testing

@Suite("Duplicates and filters")
struct DuplicateAndFilterTests {
    static let publie = "actualites--gouvernement-ouvert-la-france-publie-son-plan-daction-national@039d527d11.markdown"
    static let video =
        "actualites--video-partenariat-pour-un-gouvernement-ouvert-le-plan-daction-francais-evalue-a-mi-parcours@5aba09a5d2.markdown"

    @Test func revisions000And001AreOneRecordShowing001() throws {
        let r000 = try Fixtures.jekyll("000_16b1a9f2d23ba3de.txt", path: Fixtures.videoPath)
        let r001 = try Fixtures.jekyll("001_65fca15feec86d64.txt", path: Fixtures.videoPath)
        let other = try Fixtures.jekyll(
            Self.publie, path: "_actualites/gouvernement-ouvert-la-france-publie-son-plan-daction-national.markdown")
        #expect(r000.id == r001.id)
        // Whatever order the revisions were seen in, ogp shows 001's content.
        #expect(
            DuplicateDetector.preferredRevision(of: [r001, r000], among: [other])?.dates.published
                == "2016-07-25T14:06:00Z")
        #expect(
            DuplicateDetector.preferredRevision(of: [r000, r001], among: [other])?.dates.published
                == "2016-07-25T14:06:00Z")
        let flagged = DuplicateDetector.apply(to: [r000, other])
        #expect(flagged[0].warnings == ["carries the body of \(other.id) under another title (editor's mistake?)"])
        #expect(flagged[0].links.isEmpty)
        #expect(flagged[1].warnings.isEmpty)
    }

    @Test func sameTitleAndDateInTwoFiles() throws {
        let a = try Fixtures.jekyll("000_16b1a9f2d23ba3de.txt", path: "_actualites/copie.markdown")
        let b = try Fixtures.jekyll(Self.video, path: Fixtures.videoPath)
        let findings = DuplicateDetector.findings(in: [a, b])
        #expect(findings.contains(DuplicateDetector.Finding(record: b.id, other: a.id, reason: .sameTitleAndDate)))
        let flagged = DuplicateDetector.apply(to: [a, b])
        #expect(flagged[1].links == [RecordLink(.duplicateOf, a.id)])
        #expect(flagged[1].warnings.contains("likely duplicate of \(a.id): same title and date"))
        #expect(flagged[0].links.isEmpty)
    }

    @Test func jekyllFilter() throws {
        let post = try Fixtures.jekyll(Self.publie)
        #expect(JekyllFilter().accepts(post))
        #expect(JekyllFilter(tags: ["pgo"]).accepts(post))
        #expect(JekyllFilter(words: ["gouvernement ouvert"]).accepts(post))
        #expect(JekyllFilter(words: ["Élaboration"]).accepts(post))
        #expect(!JekyllFilter(tags: ["Santé"], words: ["vaccin"]).accepts(post))
        #expect(!JekyllFilter(words: ["gouvern"]).accepts(post))
        #expect(JekyllFilter(options: ["filter.tags": "Etalab, OGP"]).tags == ["Etalab", "OGP"])
    }

    @Test func ialsAreRemovedInAllForms() {
        let md = """
            Voir [le plan](https://a.example/p){:target="_blank"} et [B](https://b.example){:target="-blank"}, [C](https://c.example){:target"_blank"}.
            > [D](https://d.example){:target="_blank}
            {: .lien-important}
            Texte{: .encadre} fin {:target="_blank"
            """
        let t = MarkdownText.convert(md)
        #expect(t.text == "Voir le plan et B, C.\nD\n\nTexte fin")
        #expect(t.references == ["https://a.example/p", "https://b.example", "https://c.example", "https://d.example"])
    }
}
