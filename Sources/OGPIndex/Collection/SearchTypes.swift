/// Result order.
public enum SortOrder: String, Sendable, Codable {
    /// Best match first.
    case relevance
    /// Newest first (documents without a date last), ties by relevance.
    case date
}

/// A search: the query text plus filters, facets, sort and paging.
public struct SearchRequest: Sendable {
    /// Query syntax: words, `"phrases"`, `-word`/`NOT word`, `a OR b`, `a AND b`,
    /// `title:word`, `kind:`/`org:`/`tag:`/`plan:`/`year:`/`source:` filters, `since:YYYY-MM-DD`.
    public var query: String
    /// Exact-match filters: values of one kind are alternatives, kinds are all required.
    public var filters: [String: [String]]
    /// Only documents dated on or after this ISO date.
    public var since: String?
    /// Result order.
    public var sort: SortOrder
    /// Number of hits returned; values above ``maxLimit`` are taken as ``maxLimit``, negative
    /// ones as 0.
    public var limit: Int
    /// Hits skipped (paging); values above ``maxOffset`` are taken as ``maxOffset``, negative
    /// ones as 0.
    public var offset: Int

    /// The most hits one request returns.
    public static let maxLimit = 10_000
    /// The deepest page a request reaches.
    public static let maxOffset = 1_000_000

    /// `limit` within 0…``maxLimit``.
    var effectiveLimit: Int { min(max(0, limit), Self.maxLimit) }
    /// `offset` within 0…``maxOffset``.
    var effectiveOffset: Int { min(max(0, offset), Self.maxOffset) }
    /// How many best candidates a search keeps: offset + limit, both capped (cannot overflow).
    var window: Int { effectiveOffset + effectiveLimit }
    /// Keyword kinds to count over all matches (`kind`, `org`, `tag`, `plan`, `year`).
    public var facets: [String]
    /// Include drafts and archived documents.
    public var includeHidden: Bool
    /// Compute highlighted snippets for the returned hits.
    public var snippets: Bool
    /// Match unknown words within 1 edit (≥ 5 letters) or 2 (≥ 9), never on the first letter.
    public var typoTolerance: Bool
    /// Also match words starting with the last word when the query doesn't end with a space.
    public var prefixLastWord: Bool
    /// Static priors by keyword: a matching document's relevance score is multiplied by the
    /// weight of its keyword value (e.g. `["kind": ["commitment": 2]]`). Values not listed count 1.
    public var keywordBoosts: [String: [String: Double]] = [:]
    /// Matches are counted exactly up to this number, then no further (nil: always exactly).
    /// Counting every match of a broad query means decoding every posting of its words, which
    /// pruning otherwise skips; past the threshold ``SearchResults/total`` is a lower bound
    /// (at least the threshold) and ``SearchResults/totalIsLowerBound`` says so. Lucene's
    /// `totalHitsThreshold`. Hits, their order and scores do not depend on it.
    public var totalHitsThreshold: Int?
    /// Other names of keyword values, by keyword kind: typed name (folded, `-` for spaces and
    /// `_`) → the indexed value (`["kind": ["engagement": "commitment"]]`), for `kind:engagement`
    /// in a query and for ``filters``.
    public var keywordAliases: [String: [String: String]] = [:]

    /// Creates a request.
    public init(
        query: String, filters: [String: [String]] = [:], since: String? = nil, sort: SortOrder = .relevance,
        limit: Int = 10, offset: Int = 0, facets: [String] = [], includeHidden: Bool = false,
        snippets: Bool = true, typoTolerance: Bool = true, prefixLastWord: Bool = true
    ) {
        self.query = query
        self.filters = filters
        self.since = since
        self.sort = sort
        self.limit = limit
        self.offset = offset
        self.facets = facets
        self.includeHidden = includeHidden
        self.snippets = snippets
        self.typoTolerance = typoTolerance
        self.prefixLastWord = prefixLastWord
    }
}

/// A piece of a document's text around the matches.
public struct Snippet: Sendable, Hashable, Codable {
    /// The field the text comes from.
    public var field: String
    /// The excerpt, cut at word boundaries (with `…` where cut).
    public var text: String
    /// Matched words, as UTF-8 byte ranges of `text`.
    public var highlights: [Range<Int>]

    /// Creates a snippet.
    public init(field: String, text: String, highlights: [Range<Int>]) {
        self.field = field
        self.text = text
        self.highlights = highlights
    }

    /// The text with each highlight wrapped in `open` … `close` (e.g. ANSI bold, `<mark>`).
    public func rendered(open: String, close: String) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var at = 0
        for r in highlights where r.lowerBound >= at && r.upperBound <= bytes.count {
            out += String(decoding: bytes[at..<r.lowerBound], as: UTF8.self)
            out += open + String(decoding: bytes[r], as: UTF8.self) + close
            at = r.upperBound
        }
        return out + String(decoding: bytes[at...], as: UTF8.self)
    }
}

/// One result.
public struct SearchHit: Sendable {
    /// Document id.
    public var id: String
    /// Relevance score (higher is better).
    public var score: Double
    /// The document's date, if any.
    public var date: String?
    /// The document's display values (`title` defaults to the title field).
    public var stored: [String: String]
    /// Highlighted excerpt, when requested and the document has text.
    public var snippet: Snippet?
}

/// A facet value and how many matching documents carry it.
public struct FacetValue: Sendable, Hashable, Codable {
    /// The value.
    public var value: String
    /// Matching documents with this value.
    public var count: Int
}

/// What a search returns.
public struct SearchResults: Sendable {
    /// Documents matching the query and filters (with a ``SearchRequest/totalHitsThreshold``
    /// that was reached, a lower bound: see ``totalIsLowerBound``).
    public var total: Int
    /// True when counting stopped at the request's ``SearchRequest/totalHitsThreshold``: more
    /// documents than ``total`` may match.
    public var totalIsLowerBound = false
    /// The requested page of hits.
    public var hits: [SearchHit]
    /// Counts by facet kind, most frequent first.
    public var facets: [String: [FacetValue]]
    /// A corrected query, when some words are not in the index but close ones are (those words
    /// were also matched by their corrections).
    public var didYouMean: String?
    /// True when the query has words but none that can be searched (only very common words,
    /// « le la les », or punctuation): nothing matches, and the caller can say why.
    public var nothingSearchable = false
}
