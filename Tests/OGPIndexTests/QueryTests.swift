import Testing

@testable import OGPIndex

@Suite struct QueryTests {
    let reader: IndexReader

    init() throws {
        (_, reader) = try Fixture.index()
    }

    @Test func rankingPutsTheEnvironmentalCommitmentFirst() throws {
        let ids = try reader.ids("données environnementales")
        #expect(ids.first == "env")
        #expect(ids.contains("consult"))
    }

    @Test func phraseNeedsAdjacentWordsInOrder() throws {
        #expect(Set(try reader.ids("\"transition écologique\"")) == ["env", "mondial"])
        #expect(try reader.total("\"écologique transition\"") == 0)
        #expect(Set(try reader.ids("\"gouvernement ouvert\"")) == ["pgo", "pan2018", "numerique", "mondial", "cese"])
        // A word the phrase repeats (one cursor, its positions at two offsets).
        #expect(try reader.ids("\"plus réactif mais aussi plus responsable\"") == ["pgo"])
        #expect(try reader.total("\"plus plus\"") == 0)
        #expect(try reader.total("\"plus responsable plus réactif\"") == 0)
    }

    @Test func booleanOperators() throws {
        #expect(Set(try reader.ids("climat OR pandémie")) == ["env", "consult"])
        #expect(Set(try reader.ids("transparence AND numérique")) == ["numerique", "consult"])
        #expect(!(try reader.ids("transparence -numérique")).contains("numerique"))
        #expect(!(try reader.ids("transparence NOT numérique")).contains("consult"))
        #expect(try reader.total("\"gouvernement ouvert\" -\"transition écologique\"") == 4)
    }

    @Test func fieldAndKeywordFilters() throws {
        #expect(try reader.ids("title:transformation") == ["numerique"])
        #expect(try reader.total("kind:commitment") == 4)
        #expect(try reader.total("gouvernement kind:commitment org:Etalab") == 3)
        #expect(try reader.total("plan:2021-2023") == 4)
        #expect(try reader.total("tag:participation") == 3)
        #expect(try reader.total("since:2021-01-01") == 4)
        #expect(try reader.total("gouvernement") { $0.filters = ["org": ["DITP"]] } == 1)
    }

    @Test func typoToleranceAndDidYouMean() throws {
        #expect(try reader.ids("trensparence").contains("pan2018"))
        #expect(try reader.ids("environementales").first == "env")
        // Never on the first letter, and not under five letters.
        #expect(try reader.total("ransparence") == 0)
        let r = try reader.search(SearchRequest(query: "democratei ", limit: 5))
        #expect(r.didYouMean == "democratie")
        #expect(try reader.search(SearchRequest(query: "democratie")).didYouMean == nil)
        #expect(r.hits.first?.id == "mondial")
    }

    @Test func prefixOnTheLastWord() throws {
        #expect(try reader.ids("pand").contains("consult"))
        // With a trailing space the word is complete: no prefix (and too short for typos).
        #expect(try reader.total("pand ") == 0)
        #expect(try reader.ids("citoyenne consti").first == "cese")
    }

    /// The last word's prefix expansions are capped (30 terms): among terms of equal frequency
    /// the first in order are kept, the same in every process. Chosen in Dictionary order, the
    /// same query gave other hits and totals from one run of ogp-search to the next.
    @Test func prefixExpansionsAreTheSameInEveryProcess() throws {
        let docs = (0..<40).map { n in
            Fixture.doc(
                String(format: "d%02d", n), "dataset", "X", "2024-01-01", "p", [], title: String(format: "zorb%02d", n),
                body: "texte")
        }
        let (_, reader) = try Fixture.index(docs)
        let ids = try reader.ids("zorb") { $0.limit = 100 }
        #expect(try reader.total("zorb") == 30)
        #expect(Set(ids) == Set((0..<30).map { String(format: "d%02d", $0) }))
    }

    @Test func facetsCountAllMatches() throws {
        let r = try reader.search(SearchRequest(query: "gouvernement", limit: 1, facets: ["kind", "org", "year"]))
        #expect(r.total == 5)
        #expect(r.hits.count == 1)
        #expect(
            r.facets["kind"] == [FacetValue(value: "commitment", count: 3), FacetValue(value: "publication", count: 2)])
        #expect(r.facets["org"]?.first == FacetValue(value: "Etalab", count: 4))
        #expect(r.facets["year"]?.first == FacetValue(value: "2018", count: 4))
    }

    /// Facets are counted per kind from that kind's range of terms: a document's several tags
    /// each count, a kind no document has gives no value, and the kinds not asked are not counted.
    @Test func facetsCountEachValueOfTheKindsAsked() throws {
        let r = try reader.search(SearchRequest(query: "gouvernement", limit: 1, facets: ["tag", "absent"]))
        #expect(Set(r.facets.keys) == ["tag", "absent"])
        #expect(r.facets["absent"] == [])
        let tags = Dictionary(uniqueKeysWithValues: (r.facets["tag"] ?? []).map { ($0.value, $0.count) })
        // Counted by hand over the matches: every match's tags, one count per document and tag.
        var expected: [String: Int] = [:]
        let matches = try reader.ids("gouvernement") { $0.limit = 100 }
        for d in Fixture.documents where matches.contains(d.id) {
            for tag in d.keywords["tag"] ?? [] { expected[tag, default: 0] += 1 }
        }
        #expect(tags == expected)
        // Five matches, one of them with two tags.
        #expect(tags.values.reduce(0, +) == 6)
    }

    @Test func snippetHighlightsMatchedWords() throws {
        let r = try reader.search(SearchRequest(query: "transition écologique", limit: 1))
        let s = try #require(r.hits.first?.snippet)
        let marked = s.rendered(open: "[", close: "]")
        #expect(marked.contains("[transition] [écologique]"))
        #expect(s.field == "body")
        #expect(!marked.hasPrefix(" ") && !marked.hasSuffix(" "))
    }

    @Test func longSnippetsAreCutAtWordBoundaries() throws {
        let r = try reader.search(SearchRequest(query: "convention", limit: 1))
        let s = try #require(r.hits.first?.snippet)
        #expect(s.text.hasSuffix(" …"))
        #expect(s.rendered(open: "[", close: "]").contains("[Convention]"))
        let late = try #require(try reader.search(SearchRequest(query: "implication", limit: 1)).hits.first?.snippet)
        #expect(late.text.hasPrefix("… "))
        #expect(late.rendered(open: "[", close: "]").contains("[implication]"))
        let words = s.text.split(separator: " ").dropFirst().dropLast()
        for w in words { #expect(Fixture.documents[2].fields[1].text.contains(w)) }
    }

    @Test func sortByDate() throws {
        var req = SearchRequest(query: "participation", sort: .date, limit: 10)
        let r = try reader.search(req)
        let dates = r.hits.compactMap(\.date)
        #expect(dates == dates.sorted(by: >))
        #expect(r.hits.first?.id == "consult")
        req.sort = .relevance
        #expect(try reader.search(req).hits.first?.id != "consult")
    }

    @Test func hiddenDocumentsOnlyWhenAsked() throws {
        #expect(try reader.total("algorithmes") == 0)
        #expect(try reader.ids("algorithmes") { $0.includeHidden = true } == ["brouillon"])
    }

    /// Words that are all stop words or punctuation match nothing (they listed every document,
    /// as an empty query does); with one searchable word they are only dropped.
    @Test func aQueryOfOnlyCommonWordsMatchesNothing() throws {
        let all = try reader.total("")
        #expect(all > 0)
        for q in ["le la les", "!!!", "de", "\"de la\"", "le kind:commitment"] {
            let r = try reader.search(SearchRequest(query: q, facets: ["kind"]))
            #expect(r.total == 0, "\(q)")
            #expect(r.hits.isEmpty && r.nothingSearchable, "\(q)")
            #expect(r.facets["kind"] == [], "\(q)")
            #expect(try reader.searchIDs(SearchRequest(query: q)).isEmpty, "\(q)")
        }
        #expect(try reader.total("le -transparence") == 0)
        #expect(try reader.total("-transparence") > 0)
        #expect(try reader.total("kind:commitment") == 4)
        #expect(try reader.total("la transparence") == reader.total("transparence"))
        #expect(!(try reader.search(SearchRequest(query: "transparence"))).nothingSearchable)
    }

    /// The last word's completions never outweigh the word typed whole: `PLU` (8 plans locaux
    /// d'urbanisme) put the one `Pluviographes` first, its rarer word (higher idf) weighing more
    /// at 0.7 × than `plu` at 1 ×. A word in no document still finds its completions.
    @Test func aCompletionNeverOutranksTheWordTypedWhole() throws {
        var docs: [IndexDocument] = (1...8).map { i in
            Fixture.doc("plu\(i)", "dataset", "DDT", "2024-01-0\(i)", "none", [], title: "PLU de la commune \(i)", body: "Zonage du plan local d'urbanisme")
        }
        docs.append(Fixture.doc("pluvio", "dataset", "DDT", "2024-02-01", "none", [], title: "Pluviographes de la commune", body: "Mesures des précipitations"))
        docs += (1...11).map { i in
            Fixture.doc("autre\(i)", "dataset", "DDT", "2024-03-01", "none", [], title: "Stationnement \(i)", body: "Places de stationnement")
        }
        let (_, r) = try Fixture.index(docs)
        let ids = try r.ids("PLU")
        #expect(ids.first?.hasPrefix("plu") == true && ids.first != "pluvio", "\(ids)")
        #expect(ids.contains("pluvio"))
        #expect(try r.ids("pluvio").first == "pluvio")
    }
}
