import Foundation
import Logging

/// The fetch layer's entry point: polite, safe, incremental HTTP(S) and file:// fetching.
///
/// One fetcher per run: it owns a libcurl thread, the politeness state (per-host slots and
/// delays, robots.txt per origin) and the counters. `fetch` returns a ``FetchResponse`` for
/// every HTTP status (304, 404 and 500 included) and throws ``FetchError`` only for
/// transport and policy failures. Call `shutdown()` when done.
public final class Fetcher: Sendable {
    /// The configuration given at creation.
    public let configuration: FetcherConfiguration
    let engine: CurlEngine
    let scheduler: HostScheduler
    let robots = RobotsCache()
    let cache: ResponseCache?
    let book = StatsBook()
    let logger: Logger

    /// Starts the libcurl thread; creates the cache directory when one is configured.
    public init(configuration: FetcherConfiguration, logger: Logger = Logger(label: "ogp.fetch")) throws(FetchError) {
        self.configuration = configuration
        self.logger = logger
        self.cache = try configuration.cacheDirectory.map { (path: String) throws(FetchError) in
            try ResponseCache(directory: path)
        }
        self.engine = try CurlEngine(
            settings: CurlSetup.Settings(userAgent: configuration.userAgent, caBundlePath: configuration.caBundlePath),
            maxConnections: configuration.maxConcurrentRequests * 2)
        self.scheduler = HostScheduler(maxTotal: configuration.maxConcurrentRequests)
    }

    deinit {
        engine.shutdown()
    }

    /// Stops the libcurl thread; fetches in flight end with `FetchError.Code.cancelled`.
    public func shutdown() {
        engine.shutdown()
    }

    /// Counters for requests made with `tag` (all requests when nil).
    public func stats(tag: String? = nil) -> FetchStats {
        book.snapshot(tag: tag)
    }

    /// The last response stored in the cache for `url`, if any (`fromCache` set).
    public func cachedResponse(for url: String) -> FetchResponse? {
        cache?.load(url: url)
    }

    /// Fetches `request.url`, following redirects, with retries and politeness.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        do {
            let response = try await fetchCounting(request)
            var delta = FetchStats()
            delta.notModified = response.notModified ? 1 : 0
            delta.fromCache = response.fromCache && !response.notModified ? 1 : 0
            book.add(delta, tag: request.tag)
            return response
        } catch {
            var delta = FetchStats()
            delta.errors = 1
            book.add(delta, tag: request.tag)
            logger.debug("fetch failed", metadata: ["url": "\(request.url)", "error": "\(error)"])
            throw error
        }
    }

    private func fetchCounting(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        if request.cachePolicy == .cacheOnly || request.cachePolicy == .preferCache {
            if let cached = cache?.load(url: request.url) { return cached }
            if request.cachePolicy == .cacheOnly {
                throw FetchError(.notCached, "not in the response cache", url: request.url)
            }
        }
        switch Self.scheme(of: request.url) {
        case "file":
            guard request.policy.allowFileScheme else {
                throw FetchError(.forbiddenScheme, "file: URLs are not allowed for this source", url: request.url)
            }
            var delta = FetchStats()
            delta.requests = 1
            book.add(delta, tag: request.tag)
            return try FileFetcher.fetch(request)
        case "http", "https":
            var response = try await followRedirects(request)
            if response.notModified, let cached = cache?.load(url: request.url),
                cached.validators.bodyHash == request.validators?.bodyHash || request.validators?.bodyHash == nil
            {
                response.body = cached.body
                response.fromCache = true
                response.validators.bodyHash = cached.validators.bodyHash
            }
            if response.isSuccess, request.cachePolicy != .bypass, request.method == "GET" {
                cache?.store(response)
            }
            return response
        case nil:
            throw FetchError(.invalidURL, "not an absolute URL", url: request.url)
        case let other?:
            throw FetchError(.forbiddenScheme, "scheme \(other): is not allowed", url: request.url)
        }
    }

    /// The lowercased scheme of an absolute URL (RFC 3986 `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`).
    static func scheme(of url: String) -> String? {
        guard let colon = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = url.utf8[..<colon]
        guard let first = scheme.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A,
            scheme.allSatisfy({
                ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D
                    || $0 == 0x2E
            })
        else { return nil }
        return String(decoding: scheme, as: UTF8.self).lowercased()
    }
}
