import Foundation
import OGPModel
import OGPParse
import Testing

@Suite("Jekyll posts")
struct JekyllPostDecoderTests {
    @Test func publieSonPlan() throws {
        let r = try Fixtures.jekyll(
            "actualites--gouvernement-ouvert-la-france-publie-son-plan-daction-national@039d527d11.markdown")
        #expect(r.title == "Gouvernement ouvert : la France publie son plan d’action national")
        #expect(r.dates.published == "2015-07-17T15:23:00Z")
        #expect(r.draft)
        #expect(
            r.tags == [
                "Open government partnership", "OGP", "PGO", "Partenariat pour le gouvernement ouvert", "transparence",
            ])
        #expect(r.themes == ["Article"])
        #expect(r.references.contains("https://www.opengovpartnership.org/"))
        #expect(r.references.contains("https://contribuez.cnnumerique.fr/consultation/95/synthese"))
        #expect(r.references.contains("https://www.numerique.gouv.fr/uploads/pgo_plan_action_france_2015-2017_fr.pdf"))
        #expect(Fixtures.leftovers(r.body).isEmpty)
        #expect(Fixtures.leftovers(r.summary).isEmpty)
        let body = try #require(r.body)
        #expect(body.contains("- rendre des comptes ;\n- consulter, concerter, et coproduire l’action publique ;"))
        #expect(body.contains("La France prend ainsi 26 engagements, sur 5 axes :"))
        #expect(
            body.contains(
                "Pour progresser vers toujours plus de transparence, la France a rejoint en avril 2014 le Partenariat pour le Gouvernement Ouvert (PGO - en anglais Open Government Partnership, OGP), une initiative"
            ))
        #expect(body.contains("il s’agit de « revivifier notre démocratie », selon les mots"))
        #expect(
            r.summary?.hasPrefix("En rejoignant le Partenariat pour le gouvernement ouvert (PGO) en avril 2014") == true
        )
        #expect(r.extras["une-ou-diaporama"] == "image: /uploads/plan_action_ogp_une_0.jpg")
    }
}

@Suite("Jekyll front matter features")
struct JekyllFeatureTests {
    @Test func literalBlockLeadTypoDateAndExtras() throws {
        let post = """
            ---
            title: 'L''accélérateur : deuxième promotion'
            date: 0003-02-05 10:00:00 +01:00
            chapeau-text: |
              <p>Le <strong>programme</strong> &amp; ses <a href="/projets">projets</a>.</p>
            auteur: DITP
            files:
            - file: "/uploads/bilan.pdf"
              title: Bilan
            couleur: bleu
            published: false
            ---
            Corps avec un lien <https://exemple.fr> et une image ![logo](/logo.png){: .img}.
            """
        let result = JekyllPostDecoder.decode(
            Data(post.utf8), path: "_actualites/2021-02-05-accelerateur.markdown", context: Fixtures.jekyllContext)
        guard case .parsed(_, let records) = result, let r = records.first else { Issue.record("\(result)"); return }
        #expect(r.title == "L'accélérateur : deuxième promotion")
        #expect(r.dates.published == nil)
        #expect(r.extras["date"] == "0003-02-05 10:00:00 +01:00")
        #expect(r.warnings.first?.contains("not a plausible date") == true)
        #expect(r.summary == "Le programme & ses projets.")
        #expect(r.references.first == "https://www.numerique.gouv.fr/projets")
        #expect(r.extras["auteur"] == "DITP")
        #expect(r.extras["couleur"] == "bleu")
        #expect(r.extras["files"] == "file: /uploads/bilan.pdf; title: Bilan")
        #expect(r.draft)
        #expect(r.body == "Corps avec un lien https://exemple.fr et une image logo.")
        #expect(r.references.last == "https://exemple.fr")
    }

    @Test func emphasisIsNotMistakenForAliases() throws {
        let lead = Array(repeating: "*mot*", count: 40).joined(separator: " ")
        let post = "---\ntitle: Emphase\nchapeau-text: \"\(lead) **fin**\"\n---\nTexte.\n"
        var context = Fixtures.jekyllContext
        context.options["permalink"] = "https://www.numerique.gouv.fr/:collection/:slug/"
        let result = JekyllPostDecoder.decode(Data(post.utf8), path: "_actualites/emphase.markdown", context: context)
        guard case .parsed(_, let records) = result, let r = records.first else { Issue.record("\(result)"); return }
        #expect(r.summary == Array(repeating: "mot", count: 40).joined(separator: " ") + " fin")
        #expect(r.url == "https://www.numerique.gouv.fr/actualites/emphase/")
    }

    @Test func dateFromFileNameWhenMissing() throws {
        let result = JekyllPostDecoder.decode(
            Data("---\ntitle: Sans date\n---\nTexte.\n".utf8), path: "_posts/2017-05-04-sans-date.md",
            context: Fixtures.jekyllContext)
        guard case .parsed(_, let records) = result else { Issue.record("\(result)"); return }
        #expect(records.first?.dates.published == "2017-05-04")
        #expect(records.first?.id.rawValue == "publication:numerique-gouv:_posts/2017-05-04-sans-date.md")
    }
}
