import Foundation
import OGPModel
import OGPParse
import Testing

/// Every file of `ogp-documents/` and `numerique-gouv-jekyll/`: title, date, draft flag, tags,
/// links, no markup left, and the sentences of the original kept.
@Suite("Corpus files")
struct CorpusFileTests {
    /// Lines of the original body holding no markup: each must appear, whitespace collapsed, in the body.
    static func plainLines(_ original: String, afterFrontMatter: Bool = true) -> [String] {
        var text = Substring(original)
        if afterFrontMatter, let r = text.dropFirst(3).range(of: "\n---\n") { text = text[r.upperBound...] }
        let markup: Set<Character> = ["[", "]", "{", "}", "<", ">", "*", "#", "|", "\t"]
        return text.split(separator: "\n").map { line in
            var l = TextFolding.collapseWhitespace(String(line))
            // Word bullets (`o`, `–`, `•` and a tab) become `- ` items: compare the item's text.
            if line.contains("\t") || l.hasPrefix("– "), ["o ", "– ", "• ", "- "].contains(where: l.hasPrefix) {
                l = String(l.dropFirst(2))
            }
            return l
        }.filter { $0.count > 40 && !$0.contains(where: markup.contains) }
    }

    static func expectClean(
        _ r: Record, original: String, afterFrontMatter: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            Fixtures.leftovers(r.body).isEmpty, "markup left: \(Fixtures.leftovers(r.body))",
            sourceLocation: sourceLocation)
        #expect(Fixtures.leftovers(r.summary).isEmpty, sourceLocation: sourceLocation)
        #expect(Fixtures.leftovers(r.title).isEmpty, sourceLocation: sourceLocation)
        let body = (r.body ?? "").split(separator: "\n").map { TextFolding.collapseWhitespace(String($0)) }.joined(
            separator: "\n")
        let lines = plainLines(original, afterFrontMatter: afterFrontMatter)
        #expect(!lines.isEmpty, sourceLocation: sourceLocation)
        for line in lines {
            #expect(body.contains(line), "lost: \(line)", sourceLocation: sourceLocation)
        }
    }

    static let videoTitle =
        "[Vidéo] Partenariat pour un Gouvernement ouvert : le plan d’action français évalué à mi-parcours"
    static let videoTags = ["Gouvernement ouvert", "Partenariat pour un gouvernement ouvert", "Etalab", "Rapport"]

    @Test func file000RevisionWithAnotherPostsBody() throws {
        let name = "000_16b1a9f2d23ba3de.txt"
        let r = try Fixtures.jekyll(name, path: Fixtures.videoPath)
        #expect(r.title == Self.videoTitle)
        #expect(r.dates.published == "2019-03-29T15:06:00Z")
        #expect(!r.draft)
        #expect(r.tags.isEmpty && r.themes.isEmpty)
        #expect(
            r.references == [
                "http://www.modernisation.gouv.fr/laction-publique-se-transforme/en-ouvrant-les-donnees-publiques/gouvernement-ouvert-la-france-publie-son-plan-daction-national-ogp"
            ])
        #expect(r.body?.hasPrefix("La Déclaration des Droits de l’Homme et du Citoyen de 1789") == true)
        Self.expectClean(r, original: try Fixtures.text(name))
    }

    @Test func file001MidTermDraft() throws {
        let name = "001_65fca15feec86d64.txt"
        let r = try Fixtures.jekyll(name, path: Fixtures.videoPath)
        #expect(r.title == Self.videoTitle)
        #expect(r.dates.published == "2016-07-25T14:06:00Z")
        #expect(r.draft)
        #expect(r.tags == Self.videoTags)
        #expect(r.themes == ["Vidéo"])
        #expect(r.references.count == 11)
        #expect(r.references.contains("https://www.dailymotion.com/embed/video/x4lpew3"))
        #expect(r.references.contains("https://suivi-gouvernement-ouvert.etalab.gouv.fr/fr/"))
        #expect(
            r.references.contains(
                "https://www.etalab.gouv.fr/pgo-publication-du-rapport-detape-du-plan-daction-national-2015-2017"))
        let body = try #require(r.body)
        #expect(
            body.contains(
                "La France publie ainsi un rapport d’étape à mi-parcours, après un an de mise en œuvre de son plan d’action 2015-2017."
            ))
        #expect(
            body.contains(
                "Consulter le rapport d’étape, disponible sous plusieurs formes :\n- livre numérique, consultable en ligne\n- PDF\n- code source"
            ))
        #expect(body.contains("1 est complet, 10 sont partiels et 15 sont substantiels."))
        Self.expectClean(r, original: try Fixtures.text(name))
    }

    @Test func file002DITPTextPage() throws {
        let r = try PlanExtractorTests.ditp()
        #expect(r.title == "Partenariat pour un gouvernement ouvert")
        #expect(r.dates.published == nil)
        #expect(!r.draft)
        #expect(r.tags.isEmpty)
        #expect(r.references.isEmpty)
        #expect(r.id.rawValue == "publication:uri:" + PlanExtractorTests.ditpURL)
        #expect(!(r.body ?? "").contains("\n-\n"))
        let original = try Fixtures.text("002_8cef8a0224ee8d09.txt")
        Self.expectClean(r, original: String(original.drop { $0 != "\n" }), afterFrontMatter: false)
    }

    @Test func file003WordPressTruncated() throws {
        let results = WordPressDecoder.decodePosts(
            try Fixtures.data("003_358304ceddca9231.txt"), context: WordPressDecoderTests.context, terms: [:])
        guard case .parsed(_, let records) = try #require(results.first), let r = records.first else {
            Issue.record("\(results)"); return
        }
        #expect(r.title == "La France publie son premier Plan d’action pour le gouvernement ouvert")
        #expect(r.dates.published == "2015-07-17T13:59:52Z")
        #expect(!r.draft && r.partial)
        #expect(r.tags.isEmpty)
        #expect(r.references.isEmpty)
        #expect(Fixtures.leftovers(r.body).isEmpty && Fixtures.leftovers(r.title).isEmpty)
        let body = try #require(r.body)
        for sentence in [
            "Il a été signé le 16 juillet 2015 par le Président de la République, en présence de Clotilde Valter",
            "Les 26 engagements de ce plan sont issus d’une consultation large de la société civile et des administrations.",
            "Une version de ce document est par ailleurs disponible au format Gitbook en version française et anglaise.",
            "\n- Ouvrir l’administration pour mieux accompagner les agents publics et favoriser l’engagement citoyen, en soutien des pouvoirs publics.",
        ] {
            #expect(body.contains(sentence), "lost: \(sentence)")
        }
    }

    @Test func file004EarlyCommuniqueRevision() throws {
        let name = "004_1c28b5d3d3a945ed.txt"
        let r = try Fixtures.jekyll(name)
        #expect(
            r.title
                == "Ouverture du Gouvernement et du Parlement : la France renouvelle son engagement pour une action publique transparente et collaborative"
        )
        #expect(r.dates.published == "2018-04-03T09:03:00Z")
        #expect(!r.draft)
        #expect(r.tags.isEmpty)
        #expect(r.references.isEmpty)
        #expect(r.extras["communique_file"] == "/uploads/CP_PAN_OGP_03_04_2018_VFF_numerique.docx")
        let body = try #require(r.body)
        #expect(body.contains("\n  - une ouverture toujours plus active des données"))
        #expect(body.contains("\n- La démarche globale de réforme de l’Assemblée nationale"))
        #expect(!body.contains("\t") && !body.contains("\u{2003}") && !body.contains("•"))
        Self.expectClean(r, original: try Fixtures.text(name))
    }

    @Test func jekyllVideo5aba09() throws {
        let name =
            "actualites--video-partenariat-pour-un-gouvernement-ouvert-le-plan-daction-francais-evalue-a-mi-parcours@5aba09a5d2.markdown"
        let r = try Fixtures.jekyll(name, path: Fixtures.videoPath)
        #expect(r.title == Self.videoTitle)
        #expect(r.dates.published == "2019-03-29T15:06:00Z")
        #expect(r.draft)
        #expect(r.tags == Self.videoTags)
        #expect(r.references.count == 11)
        Self.expectClean(r, original: try Fixtures.text(name))
    }

    @Test func jekyllPublieSonPlan039d() throws {
        let name = "actualites--gouvernement-ouvert-la-france-publie-son-plan-daction-national@039d527d11.markdown"
        let r = try Fixtures.jekyll(name)
        #expect(r.references.count == 4)
        Self.expectClean(r, original: try Fixtures.text(name))
    }

    @Test func jekyllMetLAccent18e659() throws {
        let name =
            "actualites--gouvernement-ouvert-la-france-met-laccent-sur-le-numerique-et-la-contribution-citoyenne@18e659adec.markdown"
        let r = try Fixtures.jekyll(name)
        #expect(r.title == "Gouvernement ouvert : la France met l'accent sur le numérique et la contribution citoyenne")
        #expect(r.dates.published == "2019-03-25T10:43:00Z")
        #expect(!r.draft)
        #expect(r.tags == ["Partenariat pour un gouvernement ouvert", "Gouvernement ouvert", "Etalab"])
        #expect(r.references.first == "https://www.opengovpartnership.org/")
        #expect(
            r.references.last
                == "https://www.modernisation.gouv.fr/sites/default/files/fichiers-attaches/pgo_plan_action_france_2015-2017_fr.pdf"
        )
        let body = try #require(r.body)
        #expect(!body.contains("*"))
        #expect(
            body.contains(
                "« Le concept de gouvernement ouvert s'inspire de trois articles inscrits dans la Déclaration des droits de l'homme et du citoyen du 26 août 1789 », rappelle Laure Lucchesi"
            ))
        #expect(
            body.contains(
                "- Art. 15. La Société a le droit de demander compte à tout Agent public de son administration."))
        Self.expectClean(r, original: try Fixtures.text(name))
    }

    @Test func jekyllCommunique0471() throws {
        let name =
            "communiques--ouverture-du-gouvernement-et-du-parlement-la-france-renouvelle-son-engagement-pour-une-action-publique-transparente-et-collaborative@0471cf8a43.markdown"
        let r = try Fixtures.jekyll(name)
        #expect(
            r.title
                == "Ouverture du Gouvernement et du Parlement : la France renouvelle son engagement pour une action publique transparente et collaborative"
        )
        #expect(r.dates.published == "2018-04-03T09:03:00Z")
        #expect(!r.draft)
        #expect(r.tags == ["Données ouvertes", "Etalab", "Gouvernement ouvert", "Transparence"])
        #expect(
            r.references == [
                "https://www.etalab.gouv.fr/wp-content/uploads/2018/04/PlanOGP-FR-2018-2020-VF-FR.pdf",
                "http://www.modernisation.gouv.fr/sites/default/files/fichiers-attaches/pgo_plan_action_france_2015-2017_fr.pdf",
                "http://www.modernisation.gouv.fr/home/la-societe-civile-au-coeur-du-sommet-du-partenariat-pour-un-gouvernement-ouvert",
            ])
        #expect(
            r.summary?.hasPrefix(
                "Dans le cadre du Partenariat pour un gouvernement ouvert (PGO), le Gouvernement et l’Assemblée nationale publient"
            ) == true)
        Self.expectClean(r, original: try Fixtures.text(name))
    }
}
