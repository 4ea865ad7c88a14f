/// The one error type of the fetch layer: a transport or policy failure.
///
/// Expected HTTP outcomes (304, 404, 500 after retries…) are *not* errors: they come back
/// as a ``FetchResponse`` with their status. `FetchError` is thrown only when no usable
/// response exists: the address or scheme was refused, the connection failed or timed out,
/// a limit was hit, robots.txt disallows the URL, or `Retry-After` asked for too long a wait.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// The URL could not be parsed.
        case invalidURL
        /// The scheme is not allowed (only http, https and, when enabled, file).
        case forbiddenScheme
        /// A redirect pointed to a scheme other than http/https.
        case forbiddenRedirect
        /// The host resolved to a loopback, private, link-local or unique-local address.
        case forbiddenAddress
        /// robots.txt disallows this URL for our user agent.
        case disallowedByRobots
        /// More redirects than `maxRedirects`.
        case tooManyRedirects
        /// The body exceeded `maxBodyBytes` (aborted while downloading).
        case bodyTooLarge
        /// The decoded body exceeded `maxDecompressedBytes` (e.g. a gzip bomb).
        case decompressedTooLarge
        /// A connect, total or low-speed timeout.
        case timeout
        /// Name resolution failed.
        case dnsFailure
        /// The connection could not be established, or was reset.
        case connectionFailed
        /// TLS handshake or certificate failure.
        case tlsFailure
        /// A `Retry-After` longer than `maxRetryAfter`.
        case retryAfterTooLong
        /// The host's request budget is exhausted and waiting would exceed `maxRetryAfter`.
        case budgetExhausted
        /// A file:// path does not exist or cannot be read.
        case fileNotFound
        /// Reading or writing a local file (cache, saveToFile) failed.
        case fileError
        /// Not in the response cache (with `CachePolicy.cacheOnly`).
        case notCached
        /// The fetcher was shut down, or the task was cancelled.
        case cancelled
        /// Any other libcurl failure.
        case transport
    }

    /// The kind of failure.
    public var code: Code
    /// A human-readable explanation.
    public var message: String
    /// The URL being fetched when it failed (the redirect target if it failed there).
    public var url: String
    /// libcurl's own error text (CURLOPT_ERRORBUFFER or curl_easy_strerror), when relevant.
    public var underlying: String?
    /// Retries made before giving up.
    public var retries: Int = 0

    /// Creates an error.
    public init(_ code: Code, _ message: String, url: String, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.url = url
        self.underlying = underlying
    }

    /// Whether retrying the same request later may succeed (connection errors, timeouts).
    public var isTransient: Bool {
        switch code {
        case .timeout, .connectionFailed, .dnsFailure, .transport: return true
        default: return false
        }
    }

    /// `code: message (url) [underlying]`.
    public var description: String {
        var text = "\(code.rawValue): \(message) (\(url))"
        if let underlying, !underlying.isEmpty { text += " [\(underlying)]" }
        return text
    }
}
