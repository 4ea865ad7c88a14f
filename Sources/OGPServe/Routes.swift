import Foundation
import Hummingbird
import Logging
import OGPCatalog
import OGPCommandLine
import OGPIndex
import OGPModel
import OGPStore

/// The server's routes: pages, JSON API, OpenAPI, DCAT, health and the two static assets.
/// Everything is read through a ``ServeCatalogue``; no route reads a file named by a request.
public enum Routes {
    /// Builds the router. `baseURL` makes the DCAT document's absolute links, and its path
    /// (a reverse proxy's prefix, `/ogp`) starts every link of the pages.
    /// `searchCache`, when given, keeps `/api/search` responses for searches asked again.
    public static func router(
        catalogue: ServeCatalogue, baseURL: String, logger: Logger, searchCache: SearchResponseCache? = nil
    ) -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: BasePathMiddleware(root: BasePathMiddleware<BasicRequestContext>.root(of: baseURL)))
        router.add(middleware: AccessLogMiddleware(logger: logger))
        // CORS outside the error handling, so that error responses carry its headers too.
        router.add(
            middleware: CORSMiddleware(
                allowOrigin: .all, allowHeaders: [.accept, .contentType], allowMethods: [.get, .head, .options]))
        router.add(middleware: SafetyMiddleware())
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL

        router.get("/") { _, _ in try home(catalogue) }
        router.get("/search") { request, _ in
            let p = try SearchParameters(QueryString(request.uri.query))
            let results = try search(catalogue, p)
            return html(SearchPage.render(p, results, publishers: publisherNames(catalogue, p)))
        }
        router.get("/records/:id") { _, context in
            let d = try details(catalogue, context.parameters.get("id"), kind: nil)
            return html(RecordPage.render(d, published: publishedDatasets(catalogue, d.record)))
        }
        router.get("/plans/:id") { _, context in
            html(RecordPage.render(try details(catalogue, context.parameters.get("id"), kind: .actionPlan)))
        }
        router.get("/api/search") { request, _ in
            let p = try SearchParameters(QueryString(request.uri.query))
            // One reader for the search and the cache's generation.
            let reader = try catalogue.reader()
            let key = request.uri.query ?? ""
            if let cached = searchCache?.body(for: key, generation: reader.generation) {
                return bytes(cached, type: "application/json")
            }
            var body = SearchResultsJSON(
                query: p.query,
                results: try search(reader, p, facets: p.facets, totalHitsThreshold: catalogue.totalHitsThreshold))
            body.firstRank = (p.page - 1) * p.pageSize + 1
            body.page = (p.page, p.pageSize)
            body.maxFacetValues = SearchParameters.maxFacetValues
            let encoded = body.encoded()
            searchCache?.store(encoded, for: key, generation: reader.generation)
            return bytes(encoded, type: "application/json")
        }
        router.get("/api/records/:id") { _, context in
            data(try details(catalogue, context.parameters.get("id"), kind: nil).json(), type: "application/json")
        }
        router.get("/api/plans") { _, _ in
            struct Plans: Encodable { var plans: [PlanSummary] }
            let store = try catalogue.store()
            do { return try json(Plans(plans: try PlanSummary.all(store: store))) } catch let e as StoreError {
                throw ServeError.unavailable("\(e)")
            }
        }
        router.get("/openapi.json") { _, _ in data(Data(OpenAPIDocument.json.utf8), type: "application/json") }
        for format in RDFFormat.allCases {
            router.get(RouterPath(DCATPage.path(format))) { request, _ in
                let qs = try QueryString(request.uri.query)
                let page = try SearchParameters.integer(
                    qs.first("page"), name: "page", default: 1, range: 1...1_000_000)
                let size = try SearchParameters.integer(
                    qs.first("page_size"), name: "page_size", default: DCATPage.defaultPageSize,
                    range: 1...DCATPage.maxPageSize)
                let body = try DCATPage.render(
                    store: try catalogue.store(), total: try catalogue.counts()[.dataset] ?? 0, format: format,
                    page: page, pageSize: size, baseURL: base)
                return bytes(body, type: format.mediaType)
            }
        }
        router.get("/healthz") { _, _ in
            let h = Health.check(catalogue)
            return try json(h, status: h.status == "ok" ? .ok : .serviceUnavailable)
        }
        router.get("/static/style.css") { _, _ in
            data(Data(Assets.css.utf8), type: "text/css; charset=utf-8", cache: true)
        }
        router.get("/static/favicon.svg") { _, _ in data(Data(Assets.favicon.utf8), type: "image/svg+xml", cache: true)
        }
        router.get("/favicon.ico") { _, _ in data(Data(Assets.favicon.utf8), type: "image/svg+xml", cache: true) }
        router.get("/static/app.js") { _, _ in
            data(Data(Assets.js.utf8), type: "text/javascript; charset=utf-8", cache: true)
        }
        return router
    }

    // MARK: handlers

    static func home(_ catalogue: ServeCatalogue) throws -> Response {
        let store = try catalogue.store()
        do {
            let plans = try PlanSummary.all(store: store)
            let recent = try store.recentlyChanged(kinds: [.actionPlan, .commitment, .publication], limit: 10)
            return html(HomePage.render(plans: plans, recent: recent, counts: try catalogue.counts()))
        } catch {
            throw ServeError.unavailable("\(error)")
        }
    }

    static func search(_ catalogue: ServeCatalogue, _ p: SearchParameters, facets: Bool = true) throws -> SearchResults
    {
        try search(try catalogue.reader(), p, facets: facets)
    }

    static func search(
        _ reader: IndexReader, _ p: SearchParameters, facets: Bool, totalHitsThreshold: Int? = nil
    ) throws -> SearchResults {
        var request = p.request(facets: facets, totalHitsThreshold: totalHitsThreshold)
        if !(p.filters["plan"] ?? []).isEmpty || p.query.localizedCaseInsensitiveContains("plan:") {
            // A plan by any of its names (AP_FRA03, plan-2021-2023-gov), as `ogp-search --plan`.
            let aliases = SearchFilters.planAliases(reader: reader)
            if !aliases.isEmpty {
                request.keywordAliases["plan"] = SearchFilters.planAliasTable(aliases)
                var keys: [String] = []
                for v in p.filters["plan"] ?? [] {
                    do { keys += try SearchFilters.plan(v, aliases: aliases) } catch {
                        throw ServeError.badRequest(
                            "plan inconnu « \(v) » ; plans : \(error.valid.joined(separator: ", "))")
                    }
                }
                if !keys.isEmpty { request.filters["plan"] = keys }
            }
        }
        do { return try reader.search(request) } catch {
            if error.code == .invalidInput { throw ServeError.badRequest(error.message) }
            throw ServeError.unavailable("index: \(error)")
        }
    }

    /// An organisation's datasets: how many the index holds with it as their publisher (by its
    /// record id, whatever name each dataset gives it), and the search that lists them
    /// (`publisher=ID&kind=dataset`); nil for other records, or when there are none.
    static func publishedDatasets(_ catalogue: ServeCatalogue, _ r: Record) -> PublishedDatasets? {
        guard r.kind == .organization else { return nil }
        var p = SearchParameters()
        p.filters = [SearchParameters.publisherKey: [r.id.rawValue], "kind": ["dataset"]]
        p.pageSize = 1
        // The page shows without the count when the index cannot be read.
        guard let reader = try? catalogue.reader(),
            let results = try? search(reader, p, facets: false, totalHitsThreshold: Int.max), results.total > 0
        else { return nil }
        return PublishedDatasets(count: results.total, query: p.queryString())
    }

    /// The names of the organisations a search's `publisher=` filter names (the id where the
    /// catalogue cannot be read or has no such record).
    static func publisherNames(_ catalogue: ServeCatalogue, _ p: SearchParameters) -> [String: String] {
        let ids = p.filters[SearchParameters.publisherKey] ?? []
        guard !ids.isEmpty, let store = try? catalogue.store() else { return [:] }
        var names: [String: String] = [:]
        for id in ids {
            if let title = (try? store.record(RecordID(rawValue: id)))??.title, !title.isEmpty { names[id] = title }
        }
        return names
    }

    /// The record whose percent-encoded id is `raw` (of `kind` when given), or a 404.
    static func details(_ catalogue: ServeCatalogue, _ raw: String?, kind: RecordKind?) throws -> RecordDetails {
        guard let raw, raw.utf8.count <= 2048, let id = PathSegment.decode(raw[...]), !id.isEmpty else {
            throw ServeError.notFound("identifiant invalide")
        }
        let store = try catalogue.store()
        var recordID = RecordID(rawValue: id)
        if kind == .actionPlan, recordID.kind != .actionPlan, let match = try planID(key: id, store: store) {
            recordID = match
        }
        var loaded: RecordDetails?
        do {
            loaded = try RecordDetails.load(recordID, store: store)
            // The other names `ogp show` accepts (FR0001, AP_FRA01, a data.gouv.fr id), those
            // found by key only: a slug or URL would cost a pass over the catalogue per request.
            if loaded == nil, let other = try RecordLookup(store: store).resolve(id, scanning: false),
                other != recordID
            {
                loaded = try RecordDetails.load(other, store: store)
            }
        } catch {
            throw ServeError.unavailable("\(error)")
        }
        guard let d = loaded, kind == nil || d.record.kind == kind else {
            throw ServeError.notFound(
                kind == .actionPlan ? "aucun plan d’action « \(id) »" : "aucun enregistrement « \(id) »")
        }
        return d
    }

    /// A plan named by its short key (`2021-2023`, `plan-2021-2023-gov`) rather than its id.
    static func planID(key: String, store: any CatalogBrowsing) throws -> RecordID? {
        let plans = try PlanSummary.all(store: store)
        let wanted = key.hasPrefix("plan-") ? String(key.dropFirst(5)) : key
        return plans.first { p in
            let remote = p.id.split(separator: ":", maxSplits: 2).last.map(String.init) ?? p.id
            let short = remote.hasPrefix("plan-") ? String(remote.dropFirst(5)) : remote
            return short == wanted || remote == key
        }.map { RecordID(rawValue: $0.id) }
    }

    // MARK: responses

    static func html(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        data(Data(page.markup.utf8), type: "text/html; charset=utf-8", status: status)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        data(try JSONCoding.encoder.encode(value), type: "application/json", status: status)
    }

    static func bytes(_ body: [UInt8], type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers: HTTPFields = [.contentType: type]
        headers[.cacheControl] = "no-cache"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func data(_ body: Data, type: String, status: HTTPResponse.Status = .ok, cache: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: type]
        headers[.cacheControl] = cache ? "public, max-age=3600" : "no-cache"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
