import OGPCore

/// The one error type of the fetch layer: a transport or policy failure.
///
/// Expected HTTP outcomes (304, 404, 500 after retries…) are *not* errors: they come back
/// as a ``FetchResponse`` with their status. `FetchError` is thrown only when no usable
/// response exists: the address or scheme was refused, the connection failed or timed out,
/// a limit was hit, robots.txt disallows the URL, or `Retry-After` asked for too long a wait.
public struct FetchError: OGPError, Equatable {
    /// What went wrong, for callers that branch on it.
    public struct Code: ErrorCode {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The URL could not be parsed.
        public static let invalidURL = Code(rawValue: "invalidURL")
        /// The scheme is not allowed (only http, https and, when enabled, file).
        public static let forbiddenScheme = Code(rawValue: "forbiddenScheme")
        /// A redirect pointed to a scheme other than http/https.
        public static let forbiddenRedirect = Code(rawValue: "forbiddenRedirect")
        /// The host resolved to a loopback, private, link-local or unique-local address.
        public static let forbiddenAddress = Code(rawValue: "forbiddenAddress")
        /// robots.txt disallows this URL for our user agent.
        public static let disallowedByRobots = Code(rawValue: "disallowedByRobots")
        /// More redirects than `maxRedirects`.
        public static let tooManyRedirects = Code(rawValue: "tooManyRedirects")
        /// The body exceeded `maxBodyBytes` (aborted while downloading).
        public static let bodyTooLarge = Code(rawValue: "bodyTooLarge")
        /// The decoded body exceeded `maxDecompressedBytes` (e.g. a gzip bomb).
        public static let decompressedTooLarge = Code(rawValue: "decompressedTooLarge")
        /// A connect, total or low-speed timeout.
        public static let timeout = Code(rawValue: "timeout")
        /// Name resolution failed.
        public static let dnsFailure = Code(rawValue: "dnsFailure")
        /// The connection could not be established, or was reset.
        public static let connectionFailed = Code(rawValue: "connectionFailed")
        /// TLS handshake or certificate failure.
        public static let tlsFailure = Code(rawValue: "tlsFailure")
        /// A `Retry-After` longer than `maxRetryAfter`.
        public static let retryAfterTooLong = Code(rawValue: "retryAfterTooLong")
        /// The host's request budget is exhausted and waiting would exceed `maxRetryAfter`.
        public static let budgetExhausted = Code(rawValue: "budgetExhausted")
        /// A file:// path does not exist or cannot be read.
        public static let fileNotFound = Code(rawValue: "fileNotFound")
        /// Reading or writing a local file (cache, saveToFile) failed.
        public static let fileError = Code(rawValue: "fileError")
        /// Not in the response cache (with `CachePolicy.cacheOnly`).
        public static let notCached = Code(rawValue: "notCached")
        /// The fetcher was shut down, or the task was cancelled.
        public static let cancelled = Code(rawValue: "cancelled")
        /// Any other libcurl failure.
        public static let transport = Code(rawValue: "transport")
    }

    /// The kind of failure.
    public var code: Code
    /// A human-readable explanation.
    public var message: String
    /// The URL being fetched when it failed (the redirect target if it failed there).
    public var url: String
    /// libcurl's own error text (CURLOPT_ERRORBUFFER or curl_easy_strerror), when relevant.
    public var detail: String?
    /// Retries made before giving up.
    public var retries: Int = 0

    /// Creates an error.
    public init(_ code: Code, _ message: String, url: String, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.url = url
        self.detail = underlying
    }

    /// Whether retrying the same request later may succeed (connection errors, timeouts).
    public var isTransient: Bool {
        switch code {
        case .timeout, .connectionFailed, .dnsFailure, .transport: return true
        default: return false
        }
    }

    public var place: ErrorPlace { .at(url) }
    /// libcurl's text as the cause (a fetch error has no Swift error below it).
    public var underlying: (any Error & Sendable)? { detail.map(TextCause.init) }

}
