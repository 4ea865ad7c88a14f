import Foundation
import OGPFetch
import OGPModel
import OGPStore

/// What a fetch gave: unchanged since the last run (304, or the same bytes), or new bytes.
enum Fetched {
    case unchanged(FetchResponse)
    case changed(FetchResponse)
}

extension SourceRun {
    /// The fetch policy of this source: its limits, and the network it may reach.
    var policy: FetchPolicy {
        var p = FetchPolicy.default
        // A git `jekyll` source reads its files from its clone in the data directory.
        p.allowFileScheme = config.isFile || config.kind == .jekyll
        p.allowPrivateNetwork = config.allowPrivateNetwork
        p.allowHosts = config.allowHosts
        if let size = config["max_body_size"]?.int {
            p.maxBodyBytes = size
            p.maxDecompressedBytes = max(p.maxDecompressedBytes, size * 4)
        }
        if let timeout = config["timeout"]?.int { p.totalTimeout = Double(timeout) }
        if let delay = config["min_delay_ms"]?.int { p.minDelay = Double(delay) / 1000 }
        if let concurrency = config["concurrency"]?.int { p.maxConcurrentPerHost = concurrency }
        if let retries = config["max_retries"]?.int { p.maxRetries = max(0, retries) }
        return p
    }

    /// Fetches `url` with the validators of the last run (unless `--full`). HTTP error statuses
    /// and transport failures are thrown as ``HarvestError`` `.fetch`; the caller decides whether
    /// that fails the source (its listing) or one item.
    func fetch(_ url: String, conditional: Bool = true, saveToFile: String? = nil) async throws(HarvestError) -> Fetched {
        var validators: Validators?
        if conditional && !options.full {
            let stored: HTTPValidators?
            do {
                stored = try store.validators(for: url)
            } catch {
                throw HarvestError(.store, "cannot read validators", place: url, cause: error.description)
            }
            validators = stored
        }
        let request = FetchRequest(
            url: url, validators: validators, policy: policy, saveToFile: saveToFile,
            cachePolicy: options.dryRun ? .bypass : .network, tag: name)
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
        } catch {
            throw HarvestError(.fetch, error.message, place: url, cause: error.underlying)
        }
        if response.notModified || response.status == 304 {
            return .unchanged(response)
        }
        guard response.isSuccess else {
            throw HarvestError(.fetch, "HTTP \(response.status)", place: response.finalURL)
        }
        if let old = validators?.bodyHash, old == response.validators.bodyHash {
            return .unchanged(response)
        }
        return .changed(response)
    }

    /// The body of a fetched response, or a fetch error naming the URL.
    func body(of response: FetchResponse) throws(HarvestError) -> Data {
        do {
            return try response.bodyData()
        } catch {
            throw HarvestError(.fetch, error.message, place: response.finalURL)
        }
    }

    /// Resolves `reference` (absolute or relative) against `base`.
    static func resolve(_ reference: String, against base: String) -> String {
        URL(string: reference, relativeTo: URL(string: base))?.absoluteURL.absoluteString ?? reference
    }

    /// Remembers a listing page's records and next page (nil: the last page) for the next run.
    func rememberPage(_ url: String, records: [String], next: String?) {
        itemRecords[url] = records
        itemRecords["next:" + url] = next.map { [$0] } ?? []
    }

    /// For a page that answered "unchanged": when the last run remembered its records and its
    /// next page, counts them unchanged, keeps them for the next run and returns the next page
    /// (`.some(nil)` on the last page). Returns nil when the page must be read again (state lost),
    /// rather than cut the listing short.
    func reuseUnchangedPage(_ url: String, previous: [String: [String]]) -> String?? {
        guard let ids = previous[url], let next = previous["next:" + url] else { return nil }
        unchanged(item: url, recordIDs: ids)
        itemRecords["next:" + url] = next
        return .some(next.first)
    }

    /// The stored item → record ids map of this source (for items skipped as unchanged).
    func loadItemRecords() -> [String: [String]] {
        guard let json = try? store.state(source: name, key: "items"),
              let map = try? JSONDecoder().decode([String: [String]].self, from: Data(json.utf8)) else { return [:] }
        return map
    }

    /// Saves the item → record ids map when it changed.
    func saveItemRecords(previous: [String: [String]]) throws(HarvestError) {
        guard !options.dryRun, itemRecords != previous else { return }
        do {
            let data = try JSONEncoder().encode(itemRecords)
            try store.setState(source: name, key: "items", value: String(decoding: data, as: UTF8.self))
        } catch {
            throw HarvestError(.store, "cannot save the source's items", place: name, cause: "\(error)")
        }
    }
}
