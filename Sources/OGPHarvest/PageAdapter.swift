import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// `html` and `text`: single pages (the source's `url` and its `urls` list). HTML goes through
/// libxml2 with the source's XPath `rules` (or main-content extraction); text captures through
/// the plain-text decoder.
struct PageAdapter: SourceAdapter {
    func harvest(_ run: SourceRun) async throws(HarvestError) {
        let urls = [run.config.url] + run.config[.urls]
        let r = run.config[.rules]
        let rules = ExtractionRules(typed: { r[$0]?.string })
        var failures = 0
        var lastError: HarvestError?
        for url in urls {
            if run.shouldStop() { break }
            let fetched: Fresh<[String]>
            do {
                fetched = try await run.fetchFresh(url, previous: run.previous.items[url])
            } catch {
                failures += 1
                lastError = error
                run.stopListing(reason: nil)
                try run.emit(
                    .failed(ItemFailure(item: url, url: url, code: "fetch", reason: error.description)), url: url)
                continue
            }
            let response: FetchResponse
            switch fetched {
            case .unchanged(let ids):
                run.unchanged(item: url, recordIDs: ids)
                continue
            case .fetched(let r):
                response = r
            }
            let data = try run.body(of: response)
            let context = run.context(url: url, response: response)
            let results: [ItemResult]
            if run.config.kind == .text || Self.isPlainText(response) {
                results = [TextPageDecoder.decode(data, context: context)]
            } else {
                results = HTMLPageDecoder.decode(data, context: context, rules: rules)
            }
            var ids: [String] = []
            for result in results {
                try run.emit(result, url: url)
                if case .parsed(_, let records) = result { ids += records.map(\.id.rawValue) }
            }
            run.state.items[url] = ids
            run.keepValidators(response.validators, for: url)
        }
        if failures == urls.count {
            throw HarvestError(.fetch, "no page could be fetched", place: run.config.url, underlying: lastError)
        }
    }

    static func isPlainText(_ response: FetchResponse) -> Bool {
        (response.header("Content-Type") ?? "").lowercased().hasPrefix("text/plain")
    }
}
