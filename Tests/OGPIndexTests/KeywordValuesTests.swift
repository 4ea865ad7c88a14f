import Testing

@testable import OGPIndex

/// Keyword filters as people type them: organisation names are indexed as written, in the
/// spellings the portals use, and found by any spelling or by whole words of the name.
@Suite struct KeywordValuesTests {
    static let organisations = [
        "insee-1": "Institut national de la statistique et des études économiques (Insee)",
        "insee-2": "Institut National de la Statistique et des Etudes Economiques (Insee)",
        "grand-est": "Région GRAND EST",
        "metz": "Eurométropole de Metz",
        "etalab": "Etalab",
    ]

    /// Two segments (the spellings are spread over both), one dataset per organisation.
    static func index() throws -> IndexReader {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        for (n, (id, org)) in organisations.sorted(by: { $0.key < $1.key }).enumerated() {
            try w.add(
                IndexDocument(
                    id: id, fields: [TextField("title", "Budget primitif \(n)"), TextField("body", "Données budgétaires")],
                    keywords: ["kind": ["dataset"], "org": [org], "tag": ["donnees-ouvertes"]],
                    stored: ["title": "Budget primitif \(n)"]))
            if n == 2 { try w.commit() }
        }
        try w.commit()
        return try IndexReader(directory: dir)
    }

    @Test func aNameIsFoundWhateverItsCaseAndAccentsWithEverySpelling() throws {
        let reader = try Self.index()
        let upper = "INSTITUT NATIONAL DE LA STATISTIQUE ET DES ÉTUDES ÉCONOMIQUES (INSEE)"
        #expect(Set(try reader.ids("budget") { $0.filters = ["org": [upper]] }) == ["insee-1", "insee-2"])
        #expect(
            Set(try reader.ids("budget") { $0.filters = ["org": [Self.organisations["insee-1"] ?? ""]] })
                == ["insee-1", "insee-2"])
        #expect(try reader.ids("org:etalab budget") == ["etalab"])
        #expect(try reader.ids("org:ETALAB") == ["etalab"])
    }

    @Test func wholeWordsOfANameFindIt() throws {
        let reader = try Self.index()
        #expect(Set(try reader.ids("org:insee budget")) == ["insee-1", "insee-2"])
        #expect(try reader.ids("budget") { $0.filters = ["org": ["grand est"]] } == ["grand-est"])
        #expect(try reader.ids("budget") { $0.filters = ["org": ["region grand-est"]] } == ["grand-est"])
        #expect(try reader.ids("org:Metz") == ["metz"])
        // Whole words only, in order.
        #expect(try reader.total("org:met") == 0)
        #expect(try reader.total("budget") { $0.filters = ["org": ["est grand"]] } == 0)
        #expect(try reader.total("org:nulle-part") == 0)
    }

    @Test func anExclusionTakesEverySpelling() throws {
        let reader = try Self.index()
        #expect(Set(try reader.ids("budget -org:insee")) == ["grand-est", "metz", "etalab"])
    }

    @Test func foldedKeywordsMatchAsTyped() throws {
        let reader = try Self.index()
        #expect(try reader.total("tag:Données-Ouvertes") == 5)
        #expect(try reader.total("tag:donnees-ouvertes") == 5)
        #expect(try reader.total("budget") { $0.filters = ["kind": ["dataset"]] } == 5)
        #expect(try reader.total("kind:commitment") == 0)
    }

    @Test func aliasesNameValuesOtherwise() throws {
        let reader = try Self.index()
        let aliases = ["kind": ["jeu-de-donnees": "dataset", "engagement": "commitment"]]
        #expect(try reader.total("kind:jeu-de-données budget") { $0.keywordAliases = aliases } == 5)
        #expect(try reader.total("budget") { $0.filters = ["kind": ["Jeu de données"]]; $0.keywordAliases = aliases } == 5)
        #expect(try reader.total("kind:engagement budget") { $0.keywordAliases = aliases } == 0)
        #expect(try reader.total("budget -kind:jeu_de_donnees") { $0.keywordAliases = aliases } == 0)
        // Without the aliases, the French name is no kind of this index.
        #expect(try reader.total("kind:jeu-de-données budget") == 0)
    }
}
