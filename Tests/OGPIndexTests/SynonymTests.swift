import Foundation
import Testing

@testable import OGPIndex

/// Query-time synonyms: an acronym finds the spelled-out name and back, the list's text form is
/// checked, and pruning still returns the exhaustive top k with synonyms and other parameters.
@Suite("Synonyms and ranking parameters")
struct SynonymTests {
    static let list = """
        # comment line
        PGO | OGP | partenariat pour un gouvernement ouvert
        PAN | plan d'action national   # trailing comment
        HATVP | haute autorité pour la transparence de la vie publique
        """

    static func reader(_ docs: [IndexDocument] = Fixture.documents, synonyms: String = list) throws -> IndexReader {
        let (dir, _) = try Fixture.index(docs)
        return try IndexReader(directory: dir, synonyms: try SynonymList.parse(synonyms))
    }

    @Test func acronymFindsSpelledOutNameAndBack() throws {
        let plain = try Fixture.index().1
        let reader = try Self.reader()
        // No document says OGP: only the list connects it to PGO and the spelled-out name.
        #expect(try plain.ids("OGP").isEmpty)
        #expect(Set(try reader.ids("OGP")).isSuperset(of: ["pgo", "pan2018"]))
        // "numerique" names the HATVP in full only.
        #expect(try !plain.ids("HATVP").contains("numerique"))
        #expect(try reader.ids("HATVP").first == "numerique")
        // Matches on the synonym are highlighted too.
        let hit = try reader.search(SearchRequest(query: "HATVP", limit: 1)).hits.first
        #expect(hit?.snippet?.highlights.isEmpty == false)
    }

    @Test func severalWordExpressionAddsItsAcronym() throws {
        let docs = [
            Fixture.doc(
                "pan", "publication", "DITP", "2021-01-01", "p", [], title: "Le PAN 2021",
                body: "Engagements de la France."),
            Fixture.doc(
                "autre", "publication", "DITP", "2021-01-01", "p", [], title: "Rapport annuel",
                body: "Un rapport sur le budget."),
            Fixture.doc(
                "plan", "publication", "DITP", "2021-01-01", "p", [], title: "Plan d'action national",
                body: "Le plan d'action national de la France."),
        ]
        let plain = try Fixture.index(docs).1
        let reader = try Self.reader(docs)
        #expect(try !plain.ids("plans d'actions nationaux").contains("pan"))
        let ids = try reader.ids("plans d'actions nationaux")
        // The document with the words ranks first; the one with the acronym only is found too.
        #expect(ids == ["plan", "pan"])
    }

    @Test func aWordOfLettersThenDigitsAlsoFindsItsTwoParts() throws {
        let docs = [
            Fixture.doc("joint", "dataset", "SPF", "2021-01-01", "p", [], title: "Tableau COVID19", body: "Cas par jour."),
            Fixture.doc(
                "hyphen", "dataset", "SPF", "2021-01-01", "p", [], title: "Données COVID-19", body: "Cas de COVID-19 par région."),
            Fixture.doc("apart", "dataset", "SPF", "2021-01-01", "p", [], title: "Covid 19 et vaccins", body: "Doses."),
            Fixture.doc("other", "dataset", "SPF", "2021-01-01", "p", [], title: "Grippe saisonnière", body: "19 cas."),
        ]
        let plain = try Fixture.index(docs).1
        let reader = try Self.reader(docs)
        #expect(try plain.ids("covid19") == ["joint"])
        let ids = try reader.ids("covid19")
        // The word as typed first; its parts as a phrase, never `19` alone.
        #expect(ids.first == "joint")
        #expect(Set(ids) == ["joint", "hyphen", "apart"])
        let hit = try reader.search(SearchRequest(query: "covid19 données", limit: 1)).hits.first
        #expect(hit?.id == "hyphen")
        #expect(hit?.snippet?.highlights.isEmpty == false)
        #expect(SynonymList.letterDigitSplit("pm10") == "pm 10")
        for word in ["2e", "a4", "75001", "covid", "covid12345", "ab1c", "épi2"] {
            #expect(SynonymList.letterDigitSplit(word) == nil, "\(word)")
        }
    }

    @Test func textFormErrorsNameTheLine() throws {
        #expect(throws: IndexError.self) { try SynonymList.parse("PGO | OGP\nDINUM\n") }
        do {
            _ = try SynonymList.parse("PGO | OGP\nDINUM\n", file: "synonyms.txt")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.message.hasPrefix("synonyms.txt:2:"))
        }
        let l = try SynonymList.parse(Self.list)
        #expect(l.groups.count == 3)
        #expect(l.groups[1][1].terms.count == 3)  // plan, action, national
        #expect(try SynonymList.parse("# nothing\n\n").isEmpty)
    }

    @Test func pruningUnchangedWithSynonymsAndOtherParameters() throws {
        let words = PruningTests.vocabulary
        var rng = SplitMix(seed: 11)
        func text(_ n: Int) -> String {
            (0..<n).map { _ in
                let r = Double(rng.next() % 1_000_000) / 1_000_000
                return words[min(words.count - 1, Int(pow(r, 2.5) * Double(words.count)))]
            }.joined(separator: " ")
        }
        let docs = (0..<1500).map { i in
            IndexDocument(
                id: "d\(i)", fields: [TextField("title", text(2 + i % 5)), TextField("body", text(8 + i % 50))])
        }
        let (dir, _) = try Fixture.index(docs)
        // One-word groups keep queries on the pruned path; a two-word one adds a clause.
        let synonyms = try SynonymList.parse("vélo | gare\nforêt | musée\nrecensement | cadastre parcelle\n")
        let variants = [
            RankingParameters(),
            RankingParameters(k1: 2.4, b: 0.5, fieldBoosts: ["title": 8], exactForm: 0.5, proximity: 0.5, allTerms: 3),
            RankingParameters(k1: 0.6, b: 0.95, exactForm: 0, proximity: 0, allTerms: 1),
            RankingParameters(fieldBoosts: ["title": 3], perFieldSaturation: true),
            RankingParameters(fieldB: ["title": 0.2], questionWords: 0, longCoordination: 0.5, fieldOwn: ["title": 1]),
            RankingParameters(fieldB: ["body": 1], longCoordination: 1, fieldOwn: ["title": 2, "body": 0.5]),
            RankingParameters(family: 0.3),
            RankingParameters(exactForm: 0.5, family: 0.9, exactFormField: "title"),
            RankingParameters(delta: 0.5),
            RankingParameters(proximityReversed: 0),
            RankingParameters(proximity: 0.5, proximityWindow: 5, proximityReversed: 1),
            RankingParameters(k1: 0.9, fieldBoosts: ["title": 3], perFieldSaturation: true, family: 0.3, delta: 1),
            RankingParameters(keywordFieldOwn: ["title": 2], keywordCoordination: 0),
            RankingParameters(allTerms: 1, keywordFieldOwn: ["title": 1, "body": 0.5], keywordFieldOwnClauses: 5),
            RankingParameters(frequencyCap: ["body": 2, "title": 1]),
        ]
        for ranking in variants {
            let reader = try IndexReader(directory: dir, ranking: ranking, synonyms: synonyms)
            for q in [
                "vélo", "vélo commune", "forêt musée santé", "recensement eau",
                "donnée vélos forêt public transport budget", "comment vélo forêt musée",
                "combien de gare commune forêt",
            ] {
                try PruningTests.expectSame(reader, q)
            }
            for _ in 0..<10 {
                let q = (0..<3).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
                try PruningTests.expectSame(reader, q)
            }
        }
    }
}
