import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// Reads a portal listing paged by offset (CKAN `start`/`rows`, OpenDataSoft `offset`/`limit`)
/// to its end: conditional requests per page (a page answering "unchanged" is counted from what
/// the last run kept), a loop stopped (a page with the bytes of an earlier one: a server
/// ignoring the offset), `max_pages`, a first page that fails failing the source and a later one
/// stopping the listing without archival. With a watermark, stops at the first dataset modified
/// before it (listings sorted by modification date, newest first).
struct OffsetListing {
    /// The URL of the page starting at `offset`.
    let pageURL: (Int) -> String
    /// The query parameter carrying the offset (`start`, `offset`), to continue after a kept page.
    let offsetParameter: String
    /// The decoder of one page.
    let decode: (Data, ParseContext) -> CatalogPage
    /// Stop at the first dataset modified before this date (incremental runs).
    var watermark: String?
    var maxPages = 10_000
    /// A saved response (`file:` URL): the one page there is, read as it is, never paged.
    var singlePage = false

    /// What the listing saw.
    struct Outcome {
        /// The latest modification date of the datasets read.
        var latestModified: String?
        /// False when stopped early by an error, a loop, a limit or cancellation.
        var complete = true
    }

    func run(_ run: SourceRun) async throws(HarvestError) -> Outcome {
        var outcome = Outcome()
        var url: String? = singlePage ? run.config.url : pageURL(0)
        var pages = 0
        var seenBodies = Set<String>()
        while let pageURL = url {
            if run.shouldStop() { outcome.complete = false; break }
            guard pages < maxPages else {
                outcome.complete = false
                run.stopListing(reason: "stopped at max_pages (\(maxPages))", url: pageURL)
                break
            }
            pages += 1
            let fetched: Fresh<String?>
            do {
                fetched = try await run.fetchPage(pageURL)
            } catch {
                if pages == 1 { throw error }
                outcome.complete = false
                run.stopListing(reason: "page unreadable: \(error.description); the listing stops here", url: pageURL)
                break
            }
            switch fetched {
            case .unchanged(let next):
                // Newest first: an unchanged first page of an incremental listing means nothing changed.
                url = watermark != nil && pages == 1 ? nil : next
            case .fetched(let response):
                if let hash = response.validators.bodyHash, !seenBodies.insert(hash).inserted {
                    outcome.complete = false
                    run.stopListing(
                        reason: "page has the same content as an earlier page (the offset is ignored?); stopped",
                        url: pageURL)
                    url = nil
                } else {
                    url = try read(run, url: pageURL, response: response, outcome: &outcome)
                }
            }
        }
        return outcome
    }

    /// Records one page's datasets; returns the next page's URL (nil at the end).
    private func read(
        _ run: SourceRun, url: String, response: FetchResponse, outcome: inout Outcome
    ) throws(HarvestError) -> String? {
        let context = run.context(url: url, response: response)
        let page = decode(try run.body(of: response), context)
        if let failure = page.failure {
            if run.itemsSeen == 0 { throw HarvestError(.parse, failure.reason, place: url) }
            outcome.complete = false
            run.stopListing(reason: nil)
            try run.emit(.failed(failure), url: url)
            return nil
        }
        var ids: [String] = []
        var reachedWatermark = false
        for item in page.items {
            if case .parsed(_, let records) = item,
                let modified = records.first(where: { $0.kind == .dataset })?.dates.modified
            {
                if let watermark, Self.isOlder(modified, than: watermark) { reachedWatermark = true; break }
                if outcome.latestModified.map({ Self.isOlder($0, than: modified) }) ?? true {
                    outcome.latestModified = modified
                }
            }
            try run.emit(item, url: url)
            if case .parsed(_, let records) = item { ids += records.map(\.id.rawValue) }
        }
        let offset = Self.offset(in: url, parameter: offsetParameter)
        let nextOffset = offset + page.items.count
        let last =
            singlePage || reachedWatermark || page.items.isEmpty || (page.total.map { nextOffset >= $0 } ?? false)
        let next = last ? nil : pageURL(nextOffset)
        run.rememberPage(url, records: ids, next: next)
        run.keepValidators(response.validators, for: url)
        return next
    }

    /// The offset a page URL asks for (0 when absent).
    static func offset(in url: String, parameter: String) -> Int {
        (URLComponents(string: url)?.queryItems?.first { $0.name == parameter }?.value).flatMap(Int.init) ?? 0
    }

    /// Whether `a` is before `b`; a date-only value is compared on the day, so a dataset
    /// modified "2025-07-16" is never taken as older than "2025-07-16T08:00:00Z".
    static func isOlder(_ a: String, than b: String) -> Bool {
        if a.utf8.count == 10 || b.utf8.count == 10 { return a.prefix(10) < b.prefix(10) }
        return a < b
    }

    /// `url` with `items` added to (or replacing) its query.
    static func url(_ url: String, setting items: [(String, String)]) -> String {
        guard var components = URLComponents(string: url) else { return url }
        var query = components.queryItems ?? []
        for (name, value) in items {
            query.removeAll { $0.name == name }
            query.append(URLQueryItem(name: name, value: value))
        }
        components.queryItems = query
        // `+` in a value (dates, Solr queries) must not be read as a space by the server.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.string ?? url
    }

    /// Whether a source's URL names a saved response (`file:`) rather than a portal to page through.
    static func isSavedResponse(_ url: String) -> Bool {
        url.lowercased().hasPrefix("file:")
    }

    /// The config's `params` map as query items, sorted by name.
    static func params(_ run: SourceRun) -> [(String, String)] {
        run.config[.params].sorted { $0.key < $1.key }.compactMap { key, value in
            (value.string ?? value.strings?.joined(separator: ",")).map { (key, $0) }
        }
    }
}
