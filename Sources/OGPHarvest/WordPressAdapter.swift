import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// `wordpress`: the WordPress REST API v2. `url` is the site, the API root (`…/wp-json/wp/v2/`)
/// or an endpoint copied from a browser (`…/wp/v2/posts?categories=5`, `…/pages`, `?rest_route=/wp/v2/posts`): all
/// read every page of the post types, 100 at a time following `X-WP-TotalPages` and
/// `Link: rel="next"`, never looping, with categories and tags resolved once per run; later
/// runs ask only for what changed (`modified_after`). A `file:` URL is one saved response.
struct WordPressAdapter: SourceAdapter {
    func harvest(_ run: SourceRun) async throws(HarvestError) {
        if run.config.isFile {
            _ = try await harvestPage(run, url: run.config.url, terms: [:])
            return
        }
        let endpoint = WordPressEndpoint(url: run.config.url)
        var terms: [Int: String] = [:]
        for taxonomy in ["categories", "tags"] {
            terms.merge(try await readTerms(run, url: endpoint.url(taxonomy, "per_page=100"))) { a, _ in a }
        }
        let watermark = run.previous.watermark
        var newest = watermark
        if watermark != nil { run.listIncrementally() }
        let types =
            run.config.options["types"] == nil ? (endpoint.type.map { [$0] } ?? run.config[.types]) : run.config[.types]
        for type in types {
            var first =
                endpoint.url(type, "per_page=\(run.config[.perPage])&orderby=modified&order=asc")
                + endpoint.extraQuery
            if let watermark { first += "&modified_after=\(watermark)" }
            var url: String? = first
            var seen = Set<String>()
            while let pageURL = url, seen.insert(pageURL).inserted {
                guard seen.count <= run.config[.wordpressMaxPages] else {
                    run.stopListing(reason: "stopped at max_pages (\(run.config[.wordpressMaxPages]))", url: pageURL)
                    break
                }
                if run.shouldStop() { break }
                let page = try await harvestPage(run, url: pageURL, terms: terms)
                if let latest = page.newest, latest > (newest ?? "") { newest = latest }
                url = page.next
            }
        }
        if run.listingComplete || watermark != nil { run.state.watermark = newest }
    }

    /// Reads one page of posts; returns the next page's URL and the newest modification date seen.
    private func harvestPage(
        _ run: SourceRun, url: String, terms: [Int: String]
    ) async throws(HarvestError) -> (next: String?, newest: String?) {
        let response: FetchResponse
        switch try await run.fetchPage(url) {
        case .unchanged(let next): return (next, nil)
        case .fetched(let r): response = r
        }
        let body = try run.body(of: response)
        var results = WordPressDecoder.decodePosts(body, context: run.context(url: url, response: response), terms: terms)
        if results.count == 1, case .failed(var failure) = results[0], run.itemsSeen == 0 {
            failure.reason += run.shapeHint(body)
            results[0] = .failed(failure)
        }
        var ids: [String] = []
        var newest: String?
        for result in results {
            try run.emit(result, url: url)
            if case .parsed(_, let records) = result {
                ids += records.map(\.id.rawValue)
                for r in records { if let m = r.dates.modified, m > (newest ?? "") { newest = m } }
            }
        }
        let next = Self.nextPage(response, current: url, count: results.count)
        run.rememberPage(url, records: ids, next: next)
        run.keepValidators(response.validators, for: url)
        return (next, newest)
    }

    /// The next page: `Link: <…>; rel="next"`, else `page+1` while below `X-WP-TotalPages`.
    static func nextPage(_ response: FetchResponse, current: String, count: Int) -> String? {
        if let link = response.header("Link") {
            for part in link.split(separator: ",") where part.contains("rel=\"next\"") {
                if let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close {
                    return SourceRun.resolve(String(part[part.index(after: open)..<close]), against: current)
                }
            }
        }
        guard count > 0,
            let total = response.header("X-WP-TotalPages").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
            var components = URLComponents(string: current)
        else { return nil }
        var items = components.queryItems ?? []
        let page = items.first(where: { $0.name == "page" }).flatMap { $0.value.flatMap(Int.init) } ?? 1
        guard page < total, page < Int.max else { return nil }
        items.removeAll { $0.name == "page" }
        items.append(URLQueryItem(name: "page", value: String(page + 1)))
        components.queryItems = items
        return components.string
    }

    /// Reads a taxonomy (categories or tags) in full: id → name. Each page is asked for
    /// conditionally; an unchanged one is read from what the last run kept.
    private func readTerms(_ run: SourceRun, url: String) async throws(HarvestError) -> [Int: String] {
        var terms: [Int: String] = [:]
        var next: String? = url
        var seen = Set<String>()
        while let page = next, seen.insert(page).inserted, seen.count <= 50 {
            switch try await run.fetchFresh(page, previous: run.previous.termPages[page]) {
            case .unchanged(let kept):
                terms.merge(kept.terms) { a, _ in a }
                run.state.termPages[page] = kept
                next = kept.next
            case .fetched(let response):
                let decoded = WordPressDecoder.decodeTerms(try run.body(of: response))
                terms.merge(decoded) { a, _ in a }
                next = Self.nextPage(response, current: page, count: decoded.count)
                run.state.termPages[page] = SourceState.TermsPage(terms: decoded, next: next)
                run.keepValidators(response.validators, for: page)
            }
        }
        return terms
    }
}

/// Where a WordPress API is, from what a person configured: a site, the API root, or one
/// endpoint with its query (`…/wp-json/wp/v2/posts?categories=5`).
struct WordPressEndpoint: Equatable {
    /// The API root, ending in `/wp/v2/`.
    var base: String
    /// The site, when the API is reached through `?rest_route=` (sites without pretty
    /// permalinks, where `/wp-json/` is a 404): `https://site.fr/`.
    var restRouteSite: String?
    /// The post type named by the URL (`posts`, `pages`), if any.
    var type: String?
    /// Query items of the configured URL to keep on every page (`&categories=5`), paging ones left out.
    var extraQuery: String

    /// The URL of `route` (`posts`, `categories`) with `query` (`per_page=100`).
    func url(_ route: String, _ query: String) -> String {
        if let site = restRouteSite { return site + "?rest_route=/wp/v2/" + route + "&" + query }
        return base + route + "?" + query
    }

    static let pagingKeys: Set<String> = ["page", "per_page", "orderby", "order", "modified_after", "offset"]

    init(url: String) {
        var components = URLComponents(string: url)
        let query = components?.queryItems ?? []
        components?.query = nil
        let plain = components?.string ?? url
        if let route = query.first(where: { $0.name == "rest_route" })?.value, route.hasPrefix("/wp/v2") {
            restRouteSite = plain
            base = plain + "?rest_route=/wp/v2/"
            let rest = route.dropFirst("/wp/v2".count).split(separator: "/").first.map(String.init)
            type = rest.flatMap { ["posts", "pages"].contains($0) ? $0 : nil }
        } else if let r = plain.range(of: "/wp/v2/") {
            base = String(plain[..<r.upperBound])
            let rest = plain[r.upperBound...].split(separator: "/").first.map(String.init)
            type = rest.flatMap { ["posts", "pages"].contains($0) ? $0 : nil }
        } else {
            base = plain.hasSuffix("/") ? plain : plain + "/"
            if !base.contains("/wp-json/") { base += "wp-json/wp/v2/" }
            type = nil
        }
        if !base.hasSuffix("/") { base += "/" }
        var extra = URLComponents()
        extra.queryItems = query.filter { !Self.pagingKeys.contains($0.name) && $0.name != "rest_route" }
        let text = extra.percentEncodedQuery ?? ""
        extraQuery = text.isEmpty ? "" : "&" + text
    }
}
