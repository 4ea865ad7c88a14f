import Foundation
import OGPConfig
import OGPFetch
import OGPModel
import OGPParse
import OGPStore

/// What a fetch gave: unchanged since the last run (304, or the same bytes), or new bytes.
enum Fetched {
    case unchanged(FetchResponse)
    case changed(FetchResponse)
}

/// What ``SourceRun/fetchFresh(_:previous:)`` gave: unchanged, with what the last run kept for
/// it, or a response to read.
enum Fresh<Kept> {
    case unchanged(Kept)
    case fetched(FetchResponse)
}

extension SourceRun {
    /// `max_body_size` of a `udata-csv` source when the configuration gives none: 4 GiB.
    static let exportMaxBodySize = 4 << 30

    /// The fetch policy of this source: its limits, and the network it may reach. Every number
    /// comes from a key whose range the loader checked, so none of this can overflow.
    var policy: FetchPolicy { Self.policy(for: config) }

    /// The fetch policy a source's configuration gives.
    static func policy(for config: SourceConfig) -> FetchPolicy {
        var p = FetchPolicy.default
        // A git `jekyll` source reads its files from its clone in the data directory.
        p.allowFileScheme = config.isFile || config.kind == .jekyll
        p.allowPrivateNetwork = config.allowPrivateNetwork
        p.allowHosts = config.allowHosts
        // The catalogue export is one file of a few hundred MB (data.gouv.fr's: 121,074 datasets),
        // streamed to disk: the 50 MB of an API page would refuse it.
        if let size = config[.maxBodySize] ?? (config.kind == .udataCSV ? Self.exportMaxBodySize : nil) {
            p.maxBodyBytes = size
            let (fourTimes, overflow) = size.multipliedReportingOverflow(by: 4)
            p.maxDecompressedBytes = max(p.maxDecompressedBytes, overflow ? Int.max : fourTimes)
        }
        if let timeout = config[.timeout] { p.totalTimeout = Double(timeout) }
        if let delay = config[.minDelayMs] { p.minDelay = Double(delay) / 1000 }
        if let concurrency = config[.concurrency] { p.maxConcurrentPerHost = concurrency }
        if let retries = config[.maxRetries] { p.maxRetries = retries }
        return p
    }

    /// Fetches `url` with the validators of the last run (unless `--full`). HTTP error statuses
    /// and transport failures are thrown as ``HarvestError`` `.fetch`; the caller decides whether
    /// that fails the source (its listing) or one item.
    func fetch(_ url: String, conditional: Bool = true, saveToFile: String? = nil) async throws(HarvestError) -> Fetched
    {
        let validators = conditional && !options.full ? try storedValidators(for: url) : nil
        let request = FetchRequest(
            url: url, validators: validators, policy: policy, saveToFile: saveToFile, cachePolicy: .network, tag: name)
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
        } catch {
            // Say which key lifts the limit: the fetch layer knows no configuration.
            let hint = error.code == .bodyTooLarge ? " (the source's max_body_size)" : ""
            throw HarvestError(.fetch, error.message + hint, place: url, underlying: error)
        }
        if response.notModified || response.status == 304 {
            return .unchanged(response)
        }
        guard response.isSuccess else {
            throw HarvestError(.fetch, Self.failureText(response), place: response.finalURL)
        }
        if let old = validators?.bodyHash, old == response.validators.bodyHash {
            return .unchanged(response)
        }
        return .changed(response)
    }

    /// Fetches `url` conditionally. When it is unchanged and the last run kept what it gave
    /// (`previous`), returns that without reading it; when it is unchanged but nothing was
    /// kept (state lost, or the item failed last time), fetches it again without validators so
    /// that it is read rather than skipped.
    func fetchFresh<Kept>(_ url: String, previous: Kept?) async throws(HarvestError) -> Fresh<Kept> {
        switch try await fetch(url) {
        case .changed(let response):
            return .fetched(response)
        case .unchanged(let response):
            if let previous { return .unchanged(previous) }
            guard case .changed(let fresh) = try await fetch(url, conditional: false) else {
                // Only a server that answers 304 to a request without validators gets here.
                return .fetched(response)
            }
            return .fetched(fresh)
        }
    }

    /// What the last run kept for a listing page: its records and its next page (nil on the last).
    func previousPage(_ url: String) -> (records: [String], next: String?)? {
        guard let ids = previous.items[url], let next = previous.nextPages[url] else { return nil }
        return (ids, next.isEmpty ? nil : next)
    }

    /// Fetches a listing page. An unchanged page known from the last run counts its records
    /// unchanged, is kept for the next run, and gives its next page without being read.
    func fetchPage(_ url: String) async throws(HarvestError) -> Fresh<String?> {
        switch try await fetchFresh(url, previous: previousPage(url)) {
        case .fetched(let response):
            return .fetched(response)
        case .unchanged(let kept):
            unchanged(item: url, recordIDs: kept.records)
            state.nextPages[url] = kept.next ?? ""
            return .unchanged(kept.next)
        }
    }

    /// Remembers a listing page's records and next page (nil: the last page) for the next run.
    func rememberPage(_ url: String, records: [String], next: String?) {
        state.items[url] = records
        state.nextPages[url] = next ?? ""
    }

    /// " (this looks like a udata API page: is the source's kind `udata`?)" when a response
    /// that failed to decode looks like another kind of source (``ResponseShape``); else empty.
    func shapeHint(_ body: Data) -> String {
        ResponseShape.hint(body, configuredKind: config.kind.rawValue)
    }

    /// The body of a fetched response, or a fetch error naming the URL.
    func body(of response: FetchResponse) throws(HarvestError) -> Data {
        do {
            return try response.bodyData()
        } catch {
            throw HarvestError(.fetch, error.message, place: response.finalURL, underlying: error)
        }
    }

    /// Resolves `reference` (absolute or relative) against `base`.
    static func resolve(_ reference: String, against base: String) -> String {
        URL(string: reference, relativeTo: URL(string: base))?.absoluteURL.absoluteString ?? reference
    }
}

extension SourceRun {
    /// What an unsuccessful response means to a person: a `file:` location answers 404/403 for a
    /// missing or unreadable file, which "HTTP 404" would misname.
    static func failureText(_ response: FetchResponse) -> String {
        guard response.finalURL.lowercased().hasPrefix("file:") else {
            return "HTTP \(response.status)" + (serverMessage(response).map { ": " + $0 } ?? "")
        }
        switch response.status {
        case 404: return "no such file or directory"
        case 403: return "permission denied"
        default: return "cannot read the file (\(response.status))"
        }
    }

    /// What the server said about an error, when it said it in a way an API does: the `message`
    /// of WordPress's `{code, message}`, udata's and OpenDataSoft's `{message}`, CKAN's
    /// `{error: {message}}`, a problem+json's `detail`/`title`, or a plain-text body's first line.
    /// "HTTP 401" alone does not tell "the REST API needs a login" from a wrong URL. At most
    /// 200 characters, control characters removed: it comes from outside and goes to a terminal.
    static func serverMessage(_ response: FetchResponse) -> String? {
        let body = response.body
        guard !body.isEmpty, body.count <= 65_536 else { return nil }
        let type = (response.header("Content-Type") ?? "").lowercased()
        var message: String?
        if type.contains("json") {
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
            let error = object["error"] as? [String: Any]
            let text = [object["message"], object["detail"], error?["message"], object["error"], object["title"]]
                .lazy.compactMap { $0 as? String }.first { !$0.isEmpty }
            let code = [object["code"], object["error_code"], error?["__type"]].lazy.compactMap { $0 as? String }.first
            message = text.map { t in code.map { "\(t) (\($0))" } ?? t }
        } else if type.hasPrefix("text/plain") {
            message = String(decoding: body, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
        }
        guard let raw = message else { return nil }
        let clean = raw.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !clean.isEmpty else { return nil }
        return clean.count > 200 ? String(clean.prefix(200)) + "…" : clean
    }
}
