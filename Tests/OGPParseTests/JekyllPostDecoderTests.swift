import Foundation
import OGPModel
import OGPParse
import Testing

@Suite("Jekyll posts")
struct JekyllPostDecoderTests {
    @Test func publieSonPlan() throws {
        let r = try Fixtures.jekyll("actualites--gouvernement-ouvert-la-france-publie-son-plan-daction-national@039d527d11.markdown")
        #expect(r.title == "Gouvernement ouvert : la France publie son plan d’action national")
        #expect(r.dates.published == "2015-07-17T15:23:00Z")
        #expect(r.draft)
        #expect(r.tags == ["Open government partnership", "OGP", "PGO", "Partenariat pour le gouvernement ouvert", "transparence"])
        #expect(r.themes == ["Article"])
        #expect(r.references.contains("https://www.opengovpartnership.org/"))
        #expect(r.references.contains("https://contribuez.cnnumerique.fr/consultation/95/synthese"))
        #expect(r.references.contains("https://www.numerique.gouv.fr/uploads/pgo_plan_action_france_2015-2017_fr.pdf"))
        #expect(Fixtures.leftovers(r.body).isEmpty)
        #expect(Fixtures.leftovers(r.summary).isEmpty)
        let body = try #require(r.body)
        #expect(body.contains("- rendre des comptes ;\n- consulter, concerter, et coproduire l’action publique ;"))
        #expect(body.contains("La France prend ainsi 26 engagements, sur 5 axes :"))
        #expect(body.contains("Pour progresser vers toujours plus de transparence, la France a rejoint en avril 2014 le Partenariat pour le Gouvernement Ouvert (PGO - en anglais Open Government Partnership, OGP), une initiative"))
        #expect(body.contains("il s’agit de « revivifier notre démocratie », selon les mots"))
        #expect(r.summary?.hasPrefix("En rejoignant le Partenariat pour le gouvernement ouvert (PGO) en avril 2014") == true)
        #expect(r.extras["une-ou-diaporama"] == "image: /uploads/plan_action_ogp_une_0.jpg")
    }
}
