import Foundation
import Testing

@testable import OGPIndex

/// The ranking features chosen or rejected by cross-validation (Benchmarks/search/README.md):
/// each one does what its parameter says, and the defaults keep the others off.
@Suite("Ranking features")
struct RankingFeatureTests {
    static func docs(_ pairs: [(String, String, String)]) -> [IndexDocument] {
        pairs.map { IndexDocument(id: $0.0, fields: [TextField("title", $0.1), TextField("body", $0.2)]) }
    }

    static func scores(_ reader: IndexReader, _ q: String) throws -> [String: Double] {
        let hits = try reader.searchIDs(SearchRequest(query: q, limit: 50, snippets: false, prefixLastWord: false))
        return Dictionary(uniqueKeysWithValues: hits.map { ($0.id, $0.score) })
    }

    /// Ids best first, the last word not taken as a prefix (its expansions would hide the family's).
    static func ranked(_ reader: IndexReader, _ q: String) throws -> [String] {
        try reader.searchIDs(SearchRequest(query: q, limit: 50, snippets: false, prefixLastWord: false)).map(\.id)
    }

    static let corpus = docs([
        ("velo", "Pistes cyclables", "Le réseau des pistes cyclables de la ville, mis à jour chaque année."),
        ("guide", "Comment lire ce guide", "Comment utiliser les données : un guide pour commencer."),
        ("gare", "Parkings des gares", "Les parkings vélos et voitures des gares du département."),
    ])

    @Test func questionWordsAreWeighedDown() throws {
        let (dir, reader) = try Fixture.index(Self.corpus)
        // Counted like any word, `comment` brings the guide up; weighed 0 (the default), it adds
        // nothing.
        let counted = try IndexReader(directory: dir, ranking: RankingParameters(questionWords: 1))
        #expect(try counted.ids("comment trouver les pistes cyclables").contains("guide"))
        #expect(try !reader.ids("comment trouver les pistes cyclables").contains("guide"))
        let asked = try Self.scores(reader, "comment pistes cyclables")
        let plainly = try Self.scores(reader, "pistes cyclables")
        #expect(asked["velo"] != nil)
        for (id, s) in plainly { #expect(abs((asked[id] ?? -1) - s) <= 1e-6, "\(id)") }
        // A query of question words alone is searched as it is.
        #expect(try reader.ids("comment") == ["guide"])
        #expect(QuestionWords.contains("combien") && !QuestionWords.contains("est"))
    }

    @Test func titleLengthNormalisationIsItsOwn() throws {
        let docs = Self.docs([
            ("short", "Vélos", "Une liste."),
            ("long", "Vélos, trottinettes, voitures, bus et trains du réseau régional", "Une liste."),
        ])
        let (dir, _) = try Fixture.index(docs)
        let none = try Self.scores(try IndexReader(directory: dir, ranking: RankingParameters(fieldB: ["title": 0])), "vélos")
        #expect(abs((none["short"] ?? 0) - (none["long"] ?? 1)) <= 1e-6)
        let full = try Self.scores(try IndexReader(directory: dir, ranking: RankingParameters(fieldB: ["title": 1])), "vélos")
        #expect((full["short"] ?? 0) > (full["long"] ?? 0) * 1.2)
        #expect(RankingParameters(b: 0.6, fieldB: ["title": 0.2]).lengthNormalisation(IndexSchema.standard) == [0.2, 0.6, 0.6])
    }

    @Test func longQueriesCoordinateWhenAsked() throws {
        let docs = Self.docs([
            ("all", "Budget", "Budget des écoles et des crèches de la commune."),
            ("two", "Budget", "Budget budget budget budget des écoles écoles écoles."),
        ])
        let (dir, plain) = try Fixture.index(docs)
        let q = "budget écoles crèches commune"
        let off = try Self.scores(plain, q)
        let reader = try IndexReader(directory: dir, ranking: RankingParameters(longCoordination: 1))
        let on = try Self.scores(reader, q)
        // The document matching every word keeps its score; the other one is scaled by c².
        #expect(abs((on["all"] ?? 0) - (off["all"] ?? 1)) <= 1e-6)
        #expect((on["two"] ?? 1) < (off["two"] ?? 0) * 0.9)
        #expect(try reader.ids(q).first == "all")
    }

    @Test func titleOwnScoreAddsToBM25F() throws {
        let (dir, plain) = try Fixture.index(Self.corpus)
        let reader = try IndexReader(directory: dir, ranking: RankingParameters(fieldOwn: ["title": 1]))
        let before = try Self.scores(plain, "parkings")
        let after = try Self.scores(reader, "parkings")
        #expect((after["gare"] ?? 0) > (before["gare"] ?? 1))
    }

    @Test func keywordQueriesAddTheTitlesOwnScore() throws {
        let docs = Self.docs([
            ("titled", "Salles et équipements culturels", "La liste des lieux."),
            ("described", "Programme de la saison", "Les salles et les équipements, les salles et les équipements de la ville."),
        ])
        let (dir, standard) = try Fixture.index(docs)
        let off = try IndexReader(directory: dir, ranking: RankingParameters(keywordFieldOwn: [:]))
        // Two words: the title holding them counts beyond BM25F's one saturation; a body match
        // scores as before.
        let q = "salles équipements"
        let before = try Self.scores(off, q)
        let after = try Self.scores(standard, q)
        #expect((after["titled"] ?? 0) > (before["titled"] ?? 1) * 1.1)
        #expect(abs((after["described"] ?? 0) - (before["described"] ?? 1)) <= 1e-6)
        // Four words (a question, a description): plain BM25F, as before.
        let long = "salles équipements lieux ville"
        let plain = try Self.scores(off, long)
        let same = try Self.scores(standard, long)
        #expect(plain.count == 2)
        for (id, s) in plain { #expect(abs((same[id] ?? -1) - s) <= 1e-6, "\(id)") }
        #expect(RankingParameters.standard.forQuery(clauses: 3).fieldOwn == ["title": 0.5])
        #expect(RankingParameters.standard.forQuery(clauses: 4).fieldOwn.isEmpty)
        #expect(RankingParameters.standard.forQuery(clauses: 1).fieldOwn.isEmpty)
    }

    @Test func keywordCoordinationAndFrequencyCapDoWhatTheySay() throws {
        let docs = Self.docs([
            ("both", "Budget", "Budget des écoles."),
            ("one", "Écoles", "Les écoles, les écoles, les écoles de la commune."),
        ])
        let (dir, standard) = try Fixture.index(docs)
        // Without coordination a document holding one of two words keeps its whole score; with
        // the default coordination, it is scaled down.
        let none = try IndexReader(directory: dir, ranking: RankingParameters(allTerms: 1, keywordCoordination: 0))
        let plain = try Self.scores(standard, "budget écoles")
        let flat = try Self.scores(none, "budget écoles")
        #expect((flat["one"] ?? 0) > (plain["one"] ?? 1) * 2)
        #expect((plain["both"] ?? 0) > (flat["both"] ?? 1))
        // A body's frequency capped at 1: the repetitions no longer count.
        let capped = try IndexReader(directory: dir, ranking: RankingParameters(frequencyCap: ["body": 1]))
        #expect(try (Self.scores(capped, "écoles")["one"] ?? 1) < (Self.scores(standard, "écoles")["one"] ?? 0))
    }

    @Test func anAcronymWeighsWhatItsSpelledOutNameWeighs() throws {
        let docs = Self.docs([
            ("acronym", "PPRN de Thônes", "Le PPRN de la commune."),
            ("name", "Plan de prévention des risques naturels de Rumilly", "Le plan de la commune."),
            ("other", "Carte des risques", "Une carte."),
        ])
        let (dir, _) = try Fixture.index(docs)
        let list = try SynonymList.parse("PPRN | plan de prévention des risques naturels\n")
        let reader = try IndexReader(directory: dir, synonyms: list)
        // The five-word name must not outweigh the word the query asked for.
        #expect(try reader.ids("PPRN") == ["acronym", "name"])
        #expect(try reader.ids("PPRN Rumilly").first == "name")
        #expect(try reader.ids("plan de prévention des risques naturels").first == "name")
        #expect(try reader.ids("plan de prévention des risques naturels").contains("acronym"))
    }
    @Test func aWordFindsItsFamily() throws {
        let docs = Self.docs([
            ("culturels", "Salles et équipements culturels", "Les lieux de la ville."),
            ("sport", "Salles de sport", "Les gymnases et équipements de la ville."),
            ("parcelles", "Parcelles cadastrales", "Les parcelles de la ville."),
            ("parc", "Parc des expositions", "Le parc."),
            ("maison", "Maison de la culture", "Le programme."),
            // Kin in fewer than 3 documents are left out (mostly typos): both words in three more.
            ("agenda", "Agenda", "Agenda culturel, la culture en ville."),
            ("festival", "Festival", "Programme culturel, culture pour tous."),
            ("musee", "Musée", "Un lieu culturel, de culture."),
        ])
        let (dir, reader) = try Fixture.index(docs)
        let plain = try IndexReader(directory: dir, ranking: RankingParameters(family: 0))
        #expect(RankingParameters.standard.family == 0.15)
        // `culture` (stem cultur) and `culturels` (culturel) are kept apart by the stemmer: without
        // the family, the cultural halls and the sports halls both match two words of three; with
        // it, the cultural halls also score for `culture`, and lead.
        let q = "culture équipements salles"
        let (off, on) = (try Self.scores(plain, q), try Self.scores(reader, q))
        #expect((on["culturels"] ?? 0) > (off["culturels"] ?? 1))
        #expect(abs((on["sport"] ?? 0) - (off["sport"] ?? 1)) <= 1e-6)
        #expect(try Self.ranked(reader, q).first == "culturels")
        // A kin adds to the score only: a document holding nothing else is no match (the clause
        // counts as matched by the word itself).
        #expect(try !Self.ranked(reader, "culture").contains("culturels"))
        #expect(try Self.ranked(reader, "culture salles").contains("culturels"))
        // A family member weighs less than the word itself (the cultural halls, for `culturels
        // salles`, against the house of culture's `culture`).
        let both = try Self.scores(reader, "culturels salles")
        let kinOnly = try Self.scores(reader, "culture salles")
        #expect((kinOnly["culturels"] ?? 1) < (both["culturels"] ?? 0))
        // Both ways: the shorter stem is found from the longer one.
        let back = try Self.scores(reader, "culturels maison")
        let backOff = try Self.scores(plain, "culturels maison")
        #expect((back["maison"] ?? 0) > (backOff["maison"] ?? 1))
        // Stems shorter than 5 letters have no family (`parc` is no kin of `parcelle`).
        #expect(try Self.ranked(reader, "parc") == ["parc"])
    }

    @Test func exactFormCanBeCountedInOneField() throws {
        let docs = Self.docs([
            ("title", "Routes départementales", "La route."),
            ("body", "Route", "Les routes départementales et la route."),
        ])
        let (dir, _) = try Fixture.index(docs)
        let everywhere = try Self.scores(try IndexReader(directory: dir), "routes")
        let inTitle = try Self.scores(
            try IndexReader(directory: dir, ranking: RankingParameters(exactFormField: "title")), "routes")
        // The body's `routes` no longer earns the exact-form bonus; the title's still does.
        #expect((inTitle["body"] ?? 1) < (everywhere["body"] ?? 0))
        #expect(abs((inTitle["title"] ?? 0) - (everywhere["title"] ?? 1)) <= 1e-6)
    }

    @Test func deltaAddsTheSameToEveryMatch() throws {
        // One word, in a short title and once in a long body: BM25F gives the long body's match
        // next to nothing; BM25+'s δ adds the same (δ × idf, and δ × the exact form's weight) to
        // both, so the gap stays and the long document's share grows.
        let filler = (0..<60).map { "mot\($0)" }.joined(separator: " ")
        let docs = Self.docs([
            ("short", "Vélos", "Une liste."),
            ("long", "Une liste", "\(filler) vélos \(filler)"),
            ("none", "Trains", "Une liste."),
        ])
        let (dir, reader) = try Fixture.index(docs)
        let plain = try Self.scores(reader, "vélos")
        let zero = try Self.scores(try IndexReader(directory: dir, ranking: RankingParameters(delta: 0)), "vélos")
        let plus = try Self.scores(try IndexReader(directory: dir, ranking: RankingParameters(delta: 1)), "vélos")
        #expect(zero == plain)
        #expect(plus["none"] == nil)
        let (s0, l0, s1, l1) = (plain["short"] ?? 0, plain["long"] ?? 0, plus["short"] ?? 0, plus["long"] ?? 0)
        #expect(s1 - s0 > 0.1)
        #expect(abs((s1 - s0) - (l1 - l0)) <= 1e-6)
        #expect(l1 / s1 > l0 / s0)
        #expect(RankingParameters(delta: -1).delta == 0)
    }

    @Test func nearWordsInTheOtherOrderCountHalf() throws {
        // « données ouvertes » asked, « ouvertes … données » and « données … ouvertes » held: the
        // pair in the query's order earns the whole proximity bonus, in the other order half of
        // it (the default), nothing when reversed order is off.
        let docs = Self.docs([
            ("inOrder", "Données ouvertes", "Une liste."),
            ("reversed", "Ouvertes données", "Une liste."),
            ("apart", "Données de la ville, mises à jour et ouvertes", "Une liste."),
        ])
        // Other documents, so that the two words are rare enough for the bonus (very frequent
        // words are left out of it).
        let others = (0..<10).map { IndexDocument(id: "o\($0)", fields: [TextField("title", "Budget \($0)")]) }
        let (dir, reader) = try Fixture.index(docs + others)
        let off = try Self.scores(
            try IndexReader(directory: dir, ranking: RankingParameters(proximityReversed: 0)), "données ouvertes")
        let half = try Self.scores(reader, "données ouvertes")
        let noProximity = try Self.scores(
            try IndexReader(directory: dir, ranking: RankingParameters(proximity: 0)), "données ouvertes")
        #expect(RankingParameters.standard.proximityReversed == 0.5)
        // In order: the same bonus either way.
        #expect(abs((half["inOrder"] ?? 0) - (off["inOrder"] ?? 1)) <= 1e-9)
        let full = (half["inOrder"] ?? 0) - (noProximity["inOrder"] ?? 0)
        #expect(full > 0.1)
        // Reversed at distance 1: nothing when off, half the in-order bonus by default.
        #expect(abs((off["reversed"] ?? 0) - (noProximity["reversed"] ?? 1)) <= 1e-9)
        #expect(abs((half["reversed"] ?? 0) - (noProximity["reversed"] ?? 0) - full / 2) <= 1e-6)
        // Beyond the window in either order: nothing.
        #expect(abs((half["apart"] ?? 0) - (noProximity["apart"] ?? 1)) <= 1e-9)
        #expect(RankingParameters(proximityReversed: 3).proximityReversed == 1)
    }

    @Test func closestPairsBothWaysInOneMerge() {
        // Against every pair: the smallest gap from a to a later b, and from b to a later a.
        var rng = SplitMix(seed: 7)
        for _ in 0..<2000 {
            func list() -> [Int] {
                Array(Set((0..<Int(rng.next() % 8)).map { _ in Int(rng.next() % 30) })).sorted()
            }
            let (a, b) = (list(), list())
            var forward = Int.max
            var backward = Int.max
            for p in a {
                for q in b where q != p {
                    if q > p { forward = min(forward, q - p) } else { backward = min(backward, p - q) }
                }
            }
            var f = Int.max
            var r = Int.max
            ProximityScorer.closest(a, b, &f, &r)
            #expect(f == forward && r == backward, "\(a) \(b)")
        }
    }
}
