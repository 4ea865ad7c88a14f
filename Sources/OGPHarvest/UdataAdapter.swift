import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// `udata`: the udata API v1 dataset list (data.gouv.fr) with the query `params` of the
/// config, following `next_page` until null — never looping (a URL or a page body seen
/// before stops it) and stopping at `max_pages`. With `detail: true`, list entries missing
/// fields are completed from `/datasets/{id}/`.
struct UdataAdapter: SourceAdapter {
    func harvest(_ run: SourceRun) async throws(HarvestError) {
        var url: String? = Self.firstPage(run)
        var seenURLs = Set<String>()
        var seenBodies = Set<String>()
        let maxPages = run.config[.udataMaxPages]
        while let pageURL = url {
            if run.shouldStop() { break }
            guard seenURLs.insert(pageURL).inserted else {
                run.recordError("next_page loops back to a page already read; stopped", url: pageURL)
                break
            }
            guard seenURLs.count <= maxPages else {
                run.stopListing(reason: "stopped at max_pages (\(maxPages))", url: pageURL)
                break
            }
            let fetched: Fresh<String?>
            do {
                fetched = try await run.fetchPage(pageURL)
            } catch {
                if seenURLs.count == 1 { throw error }
                run.stopListing(reason: "page unreadable: \(error.description); the listing stops here", url: pageURL)
                break
            }
            switch fetched {
            case .unchanged(let next):
                url = next
            case .fetched(let response):
                if let hash = response.validators.bodyHash, !seenBodies.insert(hash).inserted {
                    run.recordError("page has the same content as an earlier page; stopped", url: pageURL)
                    url = nil
                } else {
                    url = try await harvestPage(run, url: pageURL, response: response)
                }
            }
        }
    }

    /// Decodes one list page, records its items and returns the next page's URL.
    private func harvestPage(
        _ run: SourceRun, url: String, response: FetchResponse
    ) async throws(HarvestError) -> String? {
        let context = run.context(url: url, response: response)
        let body = try run.body(of: response)
        let page = UdataDecoder.decodePage(body, context: context)
        if let failure = page.failure {
            if run.itemsSeen == 0 { throw HarvestError(.parse, failure.reason + run.shapeHint(body), place: url) }
            run.stopListing(reason: nil)
            try run.emit(.failed(failure), url: url)
            return nil
        }
        let incomplete = Set(page.incomplete)
        var ids: [String] = []
        for item in page.items {
            var result = item
            if run.config[.detail], case .parsed(let name, let records) = item,
                let dataset = records.first(where: { $0.kind == .dataset }), let remote = dataset.dataset?.remoteID,
                incomplete.contains(remote)
            {
                result = await detail(run, remoteID: remote, context: context) ?? .parsed(item: name, records: records)
            }
            try run.emit(result, url: url)
            if case .parsed(_, let records) = result { ids += records.map(\.id.rawValue) }
        }
        let next = page.nextPage.map { SourceRun.resolve($0, against: url) }
        run.rememberPage(url, records: ids, next: next)
        run.keepValidators(response.validators, for: url)
        return next
    }

    private func detail(_ run: SourceRun, remoteID: String, context: ParseContext) async -> ItemResult? {
        let url = UdataDecoder.detailURL(remoteID: remoteID, context: context)
        guard case .changed(let response)? = try? await run.fetch(url, conditional: false),
            let data = try? run.body(of: response)
        else { return nil }
        return UdataDecoder.decodeDataset(data, context: run.context(url: url, response: response))
    }

    /// The first page: `url` with the config's `params` as query items.
    static func firstPage(_ run: SourceRun) -> String {
        let params = run.config[.params]
        let url = run.config.isFile ? run.config.url : Self.apiList(run.config.url)
        guard !params.isEmpty, var components = URLComponents(string: url) else { return url }
        var items = components.queryItems ?? []
        for (key, value) in params.sorted(by: { $0.key < $1.key }) {
            items.append(URLQueryItem(name: key, value: value.string ?? value.strings?.joined(separator: ",")))
        }
        components.queryItems = items
        return components.string ?? url
    }

    /// The API list for a URL people copy from a udata portal's web pages: the site
    /// (`https://www.data.gouv.fr`), its dataset search (`/fr/datasets/?q=…`, `/datasets/search?q=…`),
    /// a dataset's page (`/fr/datasets/plan-daction-…/`) or an organisation's page
    /// (`/fr/organizations/etalab/`). Those answer HTML; the API
    /// (`/api/1/datasets/?q=…`, `/api/1/organizations/etalab/datasets/`) answers the same list in
    /// JSON. An API URL, or any other page, is kept as it is.
    ///
    /// The API v2's dataset search (`/api/2/datasets/search/?q=…`) and dataset URLs read as the
    /// v1 API's: v2 gives a dataset's resources as a link to another paged list, so its datasets
    /// came without distributions, and without a word.
    static func apiList(_ url: String) -> String {
        if var c = URLComponents(string: url), c.host != nil, let r = c.path.range(of: "/api/2/datasets/") {
            let rest = c.path[r.upperBound...]
            c.path = String(c.path[..<r.lowerBound]) + "/api/1/datasets/"
            if !(rest.isEmpty || rest == "search" || rest == "search/") {
                guard rest.split(separator: "/").count == 1 else { return url }  // a dataset's resources, …
                c.path += rest.hasSuffix("/") ? String(rest) : rest + "/"
            }
            return c.string ?? url
        }
        guard var c = URLComponents(string: url), c.host != nil, !c.path.contains("/api/") else { return url }
        var parts = c.path.split(separator: "/").map(String.init)
        // A language prefix (`/fr/`, `/en/`).
        if let first = parts.first, first.count == 2, first.allSatisfy(\.isLetter) { parts.removeFirst() }
        switch parts {
        case []:
            c.path = "/api/1/datasets/"
            c.query = nil
        case ["datasets"], ["datasets", "search"]:
            c.path = "/api/1/datasets/"
        case let p where p.count == 2 && p[0] == "datasets" && p[1] != "r":
            // One dataset's page: its detail, read as a page of one.
            c.path = "/api/1/datasets/\(p[1])/"
            c.query = nil
        case let p where p.count == 2 && (p[0] == "organizations" || p[0] == "organisations"):
            c.path = "/api/1/organizations/\(p[1])/datasets/"
            c.query = nil
        default:
            return url
        }
        return c.string ?? url
    }
}
