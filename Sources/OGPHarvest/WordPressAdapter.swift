import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// `wordpress`: the WordPress REST API v2. `url` is the API root (`…/wp-json/wp/v2/`): posts
/// (and `types`, e.g. pages) are read 100 at a time following `X-WP-TotalPages` and
/// `Link: rel="next"`, never looping; categories and tags are resolved once per run; later runs
/// ask only for what changed (`modified_after`). A `file:` URL is one saved response.
struct WordPressAdapter: SourceAdapter {
    static let maxPages = 500

    func harvest(_ run: SourceRun) async throws(HarvestError) {
        let previous = run.loadItemRecords()
        if run.config.isFile || run.config.url.contains("/wp/v2/posts") || run.config.url.contains("/wp/v2/pages") {
            _ = try await harvestPage(run, url: run.config.url, terms: [:], previous: previous)
        } else {
            var base = run.config.url
            if !base.hasSuffix("/") { base += "/" }
            if !base.contains("/wp-json/") { base += "wp-json/wp/v2/" }
            var terms: [Int: String] = [:]
            for taxonomy in ["categories", "tags"] {
                terms.merge(try await readTerms(run, url: base + taxonomy)) { a, _ in a }
            }
            let watermark = run.options.full ? nil : (try? run.store.state(source: run.name, key: "modified_after")) ?? nil
            var newest = watermark
            for type in run.config["types"]?.strings ?? ["posts"] {
                var first = base + type + "?per_page=\(run.config["per_page"]?.int ?? 100)&orderby=modified&order=asc"
                if let watermark {
                    first += "&modified_after=\(watermark)"
                    run.listingComplete = false
                    run.incremental = true
                }
                var url: String? = first
                var seen = Set<String>()
                var pages = 0
                while let pageURL = url, !seen.contains(pageURL), pages < (run.config["max_pages"]?.int ?? Self.maxPages) {
                    if Task.isCancelled || run.reachedItemLimit { run.listingComplete = false; break }
                    seen.insert(pageURL)
                    pages += 1
                    let next = try await harvestPage(run, url: pageURL, terms: terms, previous: previous)
                    if let latest = next.newest, latest > (newest ?? "") { newest = latest }
                    url = next.next
                }
            }
            if let newest, !run.options.dryRun, run.listingComplete || watermark != nil {
                try? run.store.setState(source: run.name, key: "modified_after", value: newest)
            }
        }
        try run.flush()
        try run.saveItemRecords(previous: previous)
    }

    /// Reads one page of posts; returns the next page's URL and the newest modification date seen.
    private func harvestPage(
        _ run: SourceRun, url: String, terms: [Int: String], previous: [String: [String]]
    ) async throws(HarvestError) -> (next: String?, newest: String?) {
        let fetched = try await run.fetch(url)
        let response: FetchResponse
        switch fetched {
        case .unchanged:
            if let next = run.reuseUnchangedPage(url, previous: previous) { return (next, nil) }
            guard case .changed(let fresh) = try await run.fetch(url, conditional: false) else { return (nil, nil) }
            response = fresh
        case .changed(let r):
            response = r
        }
        let results = WordPressDecoder.decodePosts(try run.body(of: response), context: run.context(url: url, response: response), terms: terms)
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
        guard count > 0, let total = response.header("X-WP-TotalPages").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
              var components = URLComponents(string: current) else { return nil }
        var items = components.queryItems ?? []
        let page = items.first(where: { $0.name == "page" }).flatMap { $0.value.flatMap(Int.init) } ?? 1
        guard page < total else { return nil }
        items.removeAll { $0.name == "page" }
        items.append(URLQueryItem(name: "page", value: String(page + 1)))
        components.queryItems = items
        return components.string
    }

    /// Reads a taxonomy (categories or tags) in full: id → name. Each page is asked for
    /// conditionally; an unchanged one is read from what the last run kept.
    private func readTerms(_ run: SourceRun, url: String) async throws(HarvestError) -> [Int: String] {
        var terms: [Int: String] = [:]
        var next: String? = url + "?per_page=100"
        var seen = Set<String>()
        while let page = next, seen.insert(page).inserted, seen.count <= 50 {
            let key = "terms:" + page
            var fetched = try await run.fetch(page)
            if case .unchanged = fetched {
                if let json = (try? run.store.state(source: run.name, key: key)) ?? nil,
                   let kept = try? JSONDecoder().decode(TermsPage.self, from: Data(json.utf8)) {
                    terms.merge(kept.terms) { a, _ in a }
                    next = kept.next
                    continue
                }
                fetched = try await run.fetch(page, conditional: false)
            }
            guard case .changed(let response) = fetched else { break }
            let decoded = WordPressDecoder.decodeTerms(try run.body(of: response))
            terms.merge(decoded) { a, _ in a }
            next = Self.nextPage(response, current: page, count: decoded.count)
            if !run.options.dryRun, let data = try? JSONEncoder().encode(TermsPage(terms: decoded, next: next)) {
                try? run.store.setState(source: run.name, key: key, value: String(decoding: data, as: UTF8.self))
                run.keepValidators(response.validators, for: page)
            }
        }
        return terms
    }

    /// One page of a taxonomy as kept between runs.
    struct TermsPage: Codable {
        var terms: [Int: String]
        var next: String?
    }
}
