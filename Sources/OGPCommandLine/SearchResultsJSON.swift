import OGPIndex

/// Search results as JSON, one shape for `ogp-search --json` and ogp-serve's `/api/search`:
///
///     {"query", "total", "didYouMean", ["totalRelation", "page", "pageSize",] "hits": [hit…],
///      "facets": {"kind": [{"value", "count"}…]…}}
///
/// A hit has every key of ``hitKeys``, `null` when it does not apply: `plan` (the plan key),
/// `number`, `status` and `ogpID` for commitments; `organization`, `license` and `modified` for
/// datasets; `date` and `source` for every record; `snippet` is `{"field", "text", "highlights":
/// [[start, end]…]}` with UTF-8 byte offsets in `text`. Written byte by byte (``JSONWriter``):
/// the server writes one per request.
public struct SearchResultsJSON: Sendable {
    /// The query as searched.
    public var query: String
    /// The results.
    public var results: SearchResults
    /// The rank of the first hit (paging: `(page - 1) * pageSize + 1`).
    public var firstRank = 1
    /// The page and page size, written when set (`/api/search`).
    public var page: (number: Int, size: Int)?
    /// Values written per facet kind (the most frequent first); nil: all.
    public var maxFacetValues: Int?

    /// The keys of a hit, in the order written.
    public static let hitKeys = [
        "rank", "id", "score", "kind", "title", "date", "source", "url", "plan", "number", "status", "ogpID",
        "organization", "license", "modified", "snippet",
    ]
    /// The stored fields a hit carries under their own name (all but rank, id, score, date and snippet).
    static let storedKeys = ["kind", "title", "source", "url", "plan", "number", "status", "ogpID"]
    static let datasetKeys = ["organization", "license", "modified"]

    /// The results of `query`.
    public init(query: String, results: SearchResults) {
        self.query = query
        self.results = results
    }

    /// The JSON text (UTF-8), compact or indented, without a final newline.
    public func encoded(pretty: Bool = false) -> [UInt8] {
        var w = JSONWriter(pretty: pretty, capacity: 1024 + results.hits.count * 768)
        w.beginObject()
        w.key("query")
        w.string(query)
        w.key("total")
        w.int(results.total)
        w.key("didYouMean")
        w.string(results.didYouMean)
        if let page {
            // `/api/search`: whether `total` counts every match (`eq`) or stopped at the
            // threshold (`gte`: at least that many).
            w.key("totalRelation")
            w.string(results.totalIsLowerBound ? "gte" : "eq")
            w.key("page")
            w.int(page.number)
            w.key("pageSize")
            w.int(page.size)
        }
        w.key("hits")
        w.beginArray()
        for (i, hit) in results.hits.enumerated() { Self.write(hit, rank: firstRank + i, into: &w) }
        w.endArray()
        w.key("facets")
        w.beginObject()
        for kind in results.facets.keys.sorted() {
            w.key(kind)
            w.beginArray()
            for v in results.facets[kind]?.prefix(maxFacetValues ?? Int.max) ?? [] {
                w.beginObject()
                w.key("value")
                w.string(v.value)
                w.key("count")
                w.int(v.count)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        w.endObject()
        return w.bytes
    }

    /// One hit (keys of ``hitKeys``, in that order); its score rounded to 3 decimals.
    public static func write(_ h: SearchHit, rank: Int, into w: inout JSONWriter) {
        w.beginObject()
        w.key("rank")
        w.int(rank)
        w.key("id")
        w.string(h.id)
        w.key("score")
        w.double((h.score * 1000).rounded() / 1000)
        for key in storedKeys.prefix(2) {
            w.key(key)
            w.string(h.stored[key])
        }
        w.key("date")
        w.string(h.date)
        for key in storedKeys.dropFirst(2) {
            w.key(key)
            w.string(h.stored[key])
        }
        for key in datasetKeys {
            w.key(key)
            w.string(h.stored[key])
        }
        w.key("snippet")
        if let s = h.snippet {
            w.beginObject()
            w.key("field")
            w.string(s.field)
            w.key("text")
            w.string(s.text)
            w.key("highlights")
            w.beginArray()
            for r in s.highlights {
                w.beginArray()
                w.int(r.lowerBound)
                w.int(r.upperBound)
                w.endArray()
            }
            w.endArray()
            w.endObject()
        } else {
            w.null()
        }
        w.endObject()
    }
}
