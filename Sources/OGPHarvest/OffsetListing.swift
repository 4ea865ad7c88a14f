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
///
/// An API that refuses offsets past a cap (OpenDataSoft's Explore API: `offset + limit` at most
/// 10,000) is read through its ``Export`` instead when the listing is longer: decided on the
/// first page from its total (its items are then left to the export, read once), or before a
/// page would cross the cap (a listing that grew meanwhile).
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
    /// The most `offset + limit` the API accepts (nil: no cap), with `pageSize` the `limit` asked.
    var offsetCap: Int?
    var pageSize = 100
    /// The whole listing in one document, for listings longer than `offsetCap`.
    var export: Export?

    /// A document with every item of the listing (OpenDataSoft's `/catalog/exports/json`).
    struct Export {
        let url: String
        /// Decodes the document, handing each item to the callback as it is read.
        let decode: (Data, ParseContext, (ItemResult) throws -> Void) throws -> CatalogPage
    }

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
            if let export, pageURL == export.url {
                if case .fetched(let response) = fetched {
                    try readExport(run, export: export, response: response, outcome: &outcome)
                }
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
        let body = try run.body(of: response)
        let page = decode(body, context)
        let offset = Self.offset(in: url, parameter: offsetParameter)
        if offset == 0, page.failure == nil, let cap = offsetCap, let export, let total = page.total, total > cap {
            // Past the cap the API refuses offsets: everything comes from the export, read once.
            run.rememberPage(url, records: [], next: export.url)
            return export.url
        }
        if let failure = page.failure {
            if run.itemsSeen == 0 { throw HarvestError(.parse, failure.reason + run.shapeHint(body), place: url) }
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
        let nextOffset = offset + page.items.count
        let last =
            singlePage || reachedWatermark || page.items.isEmpty || (page.total.map { nextOffset >= $0 } ?? false)
        var next = last ? nil : pageURL(nextOffset)
        if !last, let cap = offsetCap, let export, nextOffset + pageSize > cap {
            next = export.url  // the listing grew past the cap since its first page
        }
        run.rememberPage(url, records: ids, next: next)
        run.keepValidators(response.validators, for: url)
        return next
    }

    /// Reads the export document: every item emitted as it is decoded. A document that breaks
    /// midway stops the listing (nothing archived); one that breaks before any item, when
    /// nothing else was read, fails the source.
    private func readExport(
        _ run: SourceRun, export: Export, response: FetchResponse, outcome: inout Outcome
    ) throws(HarvestError) {
        let context = run.context(url: export.url, response: response)
        let body = try run.body(of: response)
        var ids: [String] = []
        var reachedWatermark = false
        var emitError: HarvestError?
        let page: CatalogPage
        do {
            page = try export.decode(body, context) { item in
                if reachedWatermark { return }
                if case .parsed(_, let records) = item,
                    let modified = records.first(where: { $0.kind == .dataset })?.dates.modified
                {
                    if let watermark, Self.isOlder(modified, than: watermark) { reachedWatermark = true; return }
                    if outcome.latestModified.map({ Self.isOlder($0, than: modified) }) ?? true {
                        outcome.latestModified = modified
                    }
                }
                do throws(HarvestError) { try run.emit(item, url: export.url) } catch {
                    emitError = error
                    throw error
                }
                if case .parsed(_, let records) = item { ids += records.map(\.id.rawValue) }
            }
        } catch {
            throw emitError ?? HarvestError(.parse, "\(error)", place: export.url)
        }
        if let failure = page.failure {
            if run.itemsSeen == 0 { throw HarvestError(.parse, failure.reason, place: export.url) }
            outcome.complete = false
            run.stopListing(reason: nil)
            try run.emit(.failed(failure), url: export.url)
            return
        }
        run.rememberPage(export.url, records: ids, next: nil)
        run.keepValidators(response.validators, for: export.url)
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

    /// The config's `params` map as query items, sorted by name.
    static func params(_ run: SourceRun) -> [(String, String)] {
        run.config[.params].sorted { $0.key < $1.key }.compactMap { key, value in
            (value.string ?? value.strings?.joined(separator: ",")).map { (key, $0) }
        }
    }
}
