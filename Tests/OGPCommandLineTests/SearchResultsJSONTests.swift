import Foundation
import OGPCommandLine
import Testing

@testable import OGPIndex

/// The one JSON shape of search results (`ogp-search --json`, `/api/search`): every hit key
/// present in order, null when absent, strings escaped, compact and indented forms equal.
@Suite struct SearchResultsJSONTests {
    static let results = SearchResults(
        total: 1234,
        hits: [
            SearchHit(
                id: "commitment:ogp-fr:plan-2021-2023-gov-c4", score: 2.718281,
                date: "2021-12-01",
                stored: [
                    "kind": "commitment", "title": "Ouvrir « les données » \"brutes\"\\\n\t\u{1}",
                    "plan": "2021-2023-gov", "number": "4", "status": "en cours", "source": "ditp-pgo",
                ],
                snippet: Snippet(field: "body", text: "les données ouvertes", highlights: [4..<12])),
            SearchHit(
                id: "dataset:data.gouv.fr:1", score: 1, date: nil,
                stored: ["kind": "dataset", "organization": "Ville de Nice", "license": "lov2"], snippet: nil),
        ],
        facets: ["kind": [FacetValue(value: "dataset", count: 1000), FacetValue(value: "commitment", count: 234)]],
        didYouMean: nil)

    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func hitsHaveEveryKeyInOrderAndValuesRoundTrip() throws {
        var json = SearchResultsJSON(query: "données « ouvertes »", results: Self.results)
        json.firstRank = 21
        json.page = (2, 20)
        json.maxFacetValues = 1
        let text = String(decoding: json.encoded(), as: UTF8.self)
        let top = try Self.object(json.encoded())
        #expect(top["query"] as? String == "données « ouvertes »")
        #expect(top["total"] as? Int == 1234)
        #expect(top["didYouMean"] is NSNull)
        #expect(top["page"] as? Int == 2 && top["pageSize"] as? Int == 20)
        let facets = try #require(top["facets"] as? [String: [[String: Any]]])
        #expect(facets["kind"]?.count == 1 && facets["kind"]?.first?["value"] as? String == "dataset")
        let hits = try #require(top["hits"] as? [[String: Any]])
        #expect(hits.count == 2)
        for hit in hits { #expect(Set(hit.keys) == Set(SearchResultsJSON.hitKeys)) }
        // Keys in the documented order, in the text itself.
        let first = try #require(text.range(of: "\"hits\":[{")).upperBound
        let positions = SearchResultsJSON.hitKeys.map {
            text.range(of: "\"\($0)\":", range: first..<text.endIndex)?.lowerBound
        }
        #expect(positions.allSatisfy { $0 != nil } && positions.map { $0! } == positions.map { $0! }.sorted())
        #expect(hits[0]["rank"] as? Int == 21 && hits[1]["rank"] as? Int == 22)
        #expect(hits[0]["title"] as? String == "Ouvrir « les données » \"brutes\"\\\n\t\u{1}")
        #expect(hits[0]["score"] as? Double == 2.718)
        #expect(hits[0]["plan"] as? String == "2021-2023-gov")
        #expect(hits[0]["organization"] is NSNull)
        #expect(hits[1]["organization"] as? String == "Ville de Nice")
        #expect(hits[1]["date"] is NSNull && hits[1]["snippet"] is NSNull && hits[1]["plan"] is NSNull)
        let snippet = try #require(hits[0]["snippet"] as? [String: Any])
        #expect(snippet["field"] as? String == "body")
        #expect(snippet["highlights"] as? [[Int]] == [[4, 12]])
        #expect(text.contains("\\u0001") && !text.contains("\n"))
    }

    @Test func indentedAndCompactFormsAreTheSameJSON() throws {
        let json = SearchResultsJSON(query: "q", results: Self.results)
        let pretty = json.encoded(pretty: true)
        #expect(String(decoding: pretty, as: UTF8.self).contains("\n  \"hits\": [\n    {\n      \"rank\": 1,"))
        #expect(
            NSDictionary(dictionary: try Self.object(pretty))
                == NSDictionary(dictionary: try Self.object(json.encoded())))
        // No page keys unless paged; empty containers stay valid.
        let empty = SearchResultsJSON(
            query: "", results: SearchResults(total: 0, hits: [], facets: [:], didYouMean: "x"))
        #expect(String(decoding: empty.encoded(pretty: true), as: UTF8.self).contains("\"hits\": [],"))
        let top = try Self.object(empty.encoded(pretty: true))
        #expect(top["page"] == nil && top["didYouMean"] as? String == "x")
    }
}
