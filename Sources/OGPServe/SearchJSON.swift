import Foundation
import OGPIndex

/// `/api/search`'s body: the shape of `ogp-search --json` (`query`, `total`, `didYouMean`,
/// `hits`, `facets`) plus the page (`page`, `pageSize`). Every key is always present.
struct SearchJSON: Encodable {
    struct JSONSnippet: Encodable {
        var field: String
        var text: String
        var highlights: [[Int]]
    }

    struct Hit: Encodable {
        var rank: Int
        var id: String
        var score: Double
        var kind: String?
        var title: String?
        var date: String?
        var source: String?
        var url: String?
        var snippet: JSONSnippet?

        enum CodingKeys: String, CodingKey { case rank, id, score, kind, title, date, source, url, snippet }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rank, forKey: .rank)
            try c.encode(id, forKey: .id)
            try c.encode(score, forKey: .score)
            try c.encode(kind, forKey: .kind)
            try c.encode(title, forKey: .title)
            try c.encode(date, forKey: .date)
            try c.encode(source, forKey: .source)
            try c.encode(url, forKey: .url)
            try c.encode(snippet, forKey: .snippet)
        }
    }

    var query: String
    var total: Int
    var didYouMean: String?
    var page: Int
    var pageSize: Int
    var hits: [Hit]
    var facets: [String: [FacetValue]]

    enum CodingKeys: String, CodingKey { case query, total, didYouMean, page, pageSize, hits, facets }

    init(_ p: SearchParameters, _ r: SearchResults) {
        query = p.query
        total = r.total
        didYouMean = r.didYouMean
        page = p.page
        pageSize = p.pageSize
        let first = (p.page - 1) * p.pageSize
        hits = r.hits.enumerated().map { i, h in
            Hit(
                rank: first + i + 1, id: h.id, score: (h.score * 1000).rounded() / 1000, kind: h.stored["kind"],
                title: h.stored["title"], date: h.date, source: h.stored["source"], url: h.stored["url"],
                snippet: h.snippet.map {
                    JSONSnippet(
                        field: $0.field, text: $0.text,
                        highlights: $0.highlights.map { [$0.lowerBound, $0.upperBound] })
                })
        }
        // The most frequent values only: a broad query over 121,000 datasets has thousands of tags.
        facets = r.facets.mapValues { Array($0.prefix(SearchJSON.maxFacetValues)) }
    }

    /// Values per facet kind in a response.
    static let maxFacetValues = 20

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(total, forKey: .total)
        try c.encode(didYouMean, forKey: .didYouMean)
        try c.encode(page, forKey: .page)
        try c.encode(pageSize, forKey: .pageSize)
        try c.encode(hits, forKey: .hits)
        try c.encode(facets, forKey: .facets)
    }
}
