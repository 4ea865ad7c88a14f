import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// Reads a portal listing paged by offset (CKAN `start`/`rows`, OpenDataSoft `offset`/`limit`)
/// to its end: conditional requests per page, a page answering "unchanged" reused from the last
/// run, a loop stopped (a page with the bytes of an earlier one: a server ignoring the offset),
/// `max_pages`, a first page that fails failing the source and a later one stopping the listing
/// without archival. With a watermark, stops at the first dataset modified before it (listings
/// sorted by modification date, newest first).
struct OffsetListing {
    /// The URL of the page starting at `offset`.
    let pageURL: (Int) -> String
    /// The decoder of one page.
    let decode: (Data, ParseContext) -> CatalogPage
    /// Stop at the first dataset modified before this date (incremental runs).
    var watermark: String?
    var maxPages = 10_000

    /// What the listing saw.
    struct Outcome {
        /// The latest modification date of the datasets read.
        var latestModified: String?
        /// False when stopped early by an error, a loop, a limit or cancellation.
        var complete = true
        /// True when the first page was unchanged since the last run.
        var unchanged = false
    }

    func run(_ run: SourceRun, previous: [String: [String]]) async throws(HarvestError) -> Outcome {
        var outcome = Outcome()
        var offset = 0
        var pages = 0
        var seenBodies = Set<String>()
        listing: while true {
            if Task.isCancelled || run.reachedItemLimit { outcome.complete = false; break }
            let url = pageURL(offset)
            guard pages < maxPages else {
                outcome.complete = false
                run.recordError("stopped at max_pages (\(maxPages))", url: url)
                break
            }
            pages += 1
            let fetched: Fetched
            do {
                fetched = try await run.fetch(url)
            } catch {
                if pages == 1 { throw error }
                outcome.complete = false
                run.recordError("page unreadable: \(error.description); the listing stops here", url: url)
                break
            }
            let response: FetchResponse
            switch fetched {
            case .unchanged:
                if watermark != nil, offset == 0 {
                    // Newest first: an unchanged first page means nothing changed since the last run.
                    outcome.unchanged = true
                    break listing
                }
                if let next = run.reuseUnchangedPage(url, previous: previous) {
                    guard let nextURL = next, let nextOffset = previous["offset:" + nextURL]?.first.flatMap(Int.init) else { break listing }
                    offset = nextOffset
                    run.itemRecords["offset:" + nextURL] = [String(nextOffset)]
                    continue
                }
                guard case .changed(let fresh) = try await run.fetch(url, conditional: false) else { break listing }
                response = fresh
            case .changed(let r):
                response = r
            }
            if let hash = response.validators.bodyHash, !seenBodies.insert(hash).inserted {
                outcome.complete = false
                run.recordError("page has the same content as an earlier page (the offset is ignored?); stopped", url: url)
                break
            }
            let context = run.context(url: url, response: response)
            let page = decode(try run.body(of: response), context)
            if let failure = page.failure {
                if run.itemsSeen == 0 { throw HarvestError(.parse, failure.reason, place: url) }
                outcome.complete = false
                try run.emit(.failed(failure), url: url)
                break
            }
            var ids: [String] = []
            var reachedWatermark = false
            for item in page.items {
                if case .parsed(_, let records) = item, let modified = records.first(where: { $0.kind == .dataset })?.dates.modified {
                    if let watermark, Self.isOlder(modified, than: watermark) { reachedWatermark = true; break }
                    if outcome.latestModified.map({ Self.isOlder($0, than: modified) }) ?? true { outcome.latestModified = modified }
                }
                try run.emit(item, url: url)
                if case .parsed(_, let records) = item { ids += records.map(\.id.rawValue) }
            }
            let nextOffset = offset + page.items.count
            let last = reachedWatermark || page.items.isEmpty || (page.total.map { nextOffset >= $0 } ?? false)
            let next = last ? nil : pageURL(nextOffset)
            run.rememberPage(url, records: ids, next: next)
            if let next { run.itemRecords["offset:" + next] = [String(nextOffset)] }
            run.keepValidators(response.validators, for: url)
            if last { break }
            offset = nextOffset
        }
        return outcome
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

    /// The config's `params` map as query items, sorted by name.
    static func params(_ run: SourceRun) -> [(String, String)] {
        (run.config["params"]?.map ?? [:]).sorted { $0.key < $1.key }.compactMap { key, value in
            (value.string ?? value.strings?.joined(separator: ",")).map { (key, $0) }
        }
    }
}
