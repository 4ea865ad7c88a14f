import Foundation
import OGPCatalog
import OGPIndex
import OGPModel

/// A search as the page and the API take it (`q`, `kind`, `plan`, `org`, `tag`, `since`, `sort`,
/// `page`, `page_size`), checked against the server's limits before the index sees it.
public struct SearchParameters: Sendable, Equatable {
    public var query: String = ""
    public var filters: [String: [String]] = [:]
    public var since: String?
    public var sort: OGPIndex.SortOrder = .relevance
    /// 1-based.
    public var page: Int = 1
    public var pageSize: Int = SearchParameters.defaultPageSize
    /// `/api/search` counts facets only when asked (`facets=true`), as `ogp-search --facets`:
    /// counting over every match is most of a search's cost. The page always shows them.
    public var facets: Bool = false

    /// Limits: a longer query, more values, a larger page or a further page is refused (400).
    public static let maxQueryLength = 500
    public static let maxFilterValues = 10
    public static let maxFilterLength = 200
    public static let maxPageSize = 100
    public static let defaultPageSize = 20
    public static let maxPage = 100
    /// Values per facet kind in an `/api/search` response (a broad query over 121,000 datasets
    /// has thousands of tags).
    public static let maxFacetValues = 20
    /// Matches an `/api/search` without facets counts exactly by default; past it, `total` is a
    /// lower bound and `totalRelation` is `gte` (counting every match of a broad query decoded
    /// every posting of its words, which the ranking otherwise skips). Lucene's default.
    public static let defaultTotalHitsThreshold = 1000
    /// The keyword filters, in display order, with their French names.
    public static let filterKinds: [(key: String, label: String)] = [
        ("kind", "Type"), ("plan", "Plan d’action"), ("org", "Organisation"), ("tag", "Mot-clé"), ("year", "Année"),
    ]

    /// Organisations by their record id (`publisher=organization:data.gouv.fr:…`), the filter
    /// an organisation's page links to: its datasets whatever name each gives it (a portal's
    /// export may still use the name the organisation had years ago). Shown as a filter, not a
    /// facet.
    public static let publisherKey = "publisher"

    public init() {}

    init(_ qs: QueryString) throws(ServeError) {
        query = qs.first("q")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard query.count <= Self.maxQueryLength else {
            throw .badRequest("la requête dépasse \(Self.maxQueryLength) caractères")
        }
        for (key, _) in Self.filterKinds {
            // A form sends its empty fields (`org=`): no filter, not a filter that matches nothing.
            let values = qs.all(key).filter { !$0.allSatisfy(\.isWhitespace) }
            guard values.count <= Self.maxFilterValues else {
                throw .badRequest("au plus \(Self.maxFilterValues) valeurs pour « \(key) »")
            }
            guard values.allSatisfy({ $0.count <= Self.maxFilterLength }) else {
                throw .badRequest("une valeur de « \(key) » dépasse \(Self.maxFilterLength) caractères")
            }
            if key == "kind" {
                // English or French names, as `ogp-search --kind` takes them; the page's facets
                // show the index's names, so that is what is kept.
                var kinds: [String] = []
                for v in values {
                    guard let kind = RecordKind(name: v) else {
                        throw .badRequest("type inconnu « \(v) » ; types : \(RecordKind.typedNames)")
                    }
                    kinds.append(kind.rawValue)
                }
                if !kinds.isEmpty { filters[key] = kinds }
            } else if !values.isEmpty {
                filters[key] = values
            }
        }
        let publishers = qs.all(Self.publisherKey).filter { !$0.allSatisfy(\.isWhitespace) }
        guard publishers.count <= Self.maxFilterValues else {
            throw .badRequest("au plus \(Self.maxFilterValues) valeurs pour « \(Self.publisherKey) »")
        }
        for v in publishers where v.count > Self.maxFilterLength || RecordID(rawValue: v).kind != .organization {
            throw .badRequest("« \(Self.publisherKey) » attend l’identifiant d’une organisation (organization:…)")
        }
        if !publishers.isEmpty { filters[Self.publisherKey] = publishers }
        if let s = qs.first("since") {
            // The one parser of dates, as `ogp-search --since` and `since:` in a query.
            guard let date = try? SinceDate.parse(s) else {
                throw .badRequest("« since » attend AAAA, AAAA-MM, AAAA-MM-JJ ou une date-heure ISO 8601")
            }
            since = date.description
        }
        if let s = qs.first("sort") {
            guard let order = OGPIndex.SortOrder(rawValue: s) else {
                throw .badRequest("« sort » vaut relevance ou date")
            }
            sort = order
        }
        page = try Self.integer(qs.first("page"), name: "page", default: 1, range: 1...Self.maxPage)
        if let f = qs.first("facets") {
            guard let value = ["true": true, "1": true, "false": false, "0": false][f] else {
                throw .badRequest("« facets » vaut true ou false")
            }
            facets = value
        }
        pageSize = try Self.integer(
            qs.first("page_size"), name: "page_size", default: Self.defaultPageSize, range: 1...Self.maxPageSize)
    }

    /// True when there is something to search for (words or a filter).
    public var isEmpty: Bool { query.isEmpty && filters.isEmpty && since == nil }

    /// The index request (ranked as `ogp-search` ranks: the same kind priors; drafts and archived hidden).
    /// Without facets, matches are counted up to `totalHitsThreshold` (nil: all).
    func request(facets: Bool, totalHitsThreshold: Int? = nil) -> SearchRequest {
        var r = SearchRequest(query: query, limit: pageSize, offset: (page - 1) * pageSize)
        r.filters = filters
        r.since = since
        r.sort = sort
        r.keywordBoosts = RecordDocument.searchPriors
        r.keywordAliases = ["kind": RecordKind.searchAliases]  // French names, as ogp-search
        // Facets count every match anyway: the total is then exact at no extra cost.
        if facets { r.facets = Self.filterKinds.map(\.key) } else { r.totalHitsThreshold = totalHitsThreshold }
        return r
    }

    /// The query string of this search with `changes` applied (nil removes a parameter).
    func queryString(
        page newPage: Int? = nil, toggling filter: (key: String, value: String)? = nil, includePageSize: Bool = false
    ) -> String {
        var pairs: [(String, String)] = []
        if !query.isEmpty { pairs.append(("q", query)) }
        for key in Self.filterKinds.map(\.key) + [Self.publisherKey] {
            var values = filters[key] ?? []
            if let filter, filter.key == key {
                if let i = values.firstIndex(of: filter.value) {
                    values.remove(at: i)
                } else {
                    values.append(filter.value)
                }
            }
            pairs += values.map { (key, $0) }
        }
        if let since { pairs.append(("since", since)) }
        if sort != .relevance { pairs.append(("sort", sort.rawValue)) }
        if includePageSize, pageSize != Self.defaultPageSize { pairs.append(("page_size", String(pageSize))) }
        let p = newPage ?? (filter == nil ? page : 1)
        if p != 1 { pairs.append(("page", String(p))) }
        return QueryString.encode(pairs)
    }

    static func integer(
        _ text: String?, name: String, default value: Int, range: ClosedRange<Int>
    ) throws(ServeError) -> Int {
        guard let text else { return value }
        guard text.utf8.count <= 9, let n = Int(text), range.contains(n) else {
            throw .badRequest("« \(name) » attend un entier de \(range.lowerBound) à \(range.upperBound)")
        }
        return n
    }
}
