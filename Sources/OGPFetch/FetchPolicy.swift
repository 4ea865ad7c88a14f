/// Per-request rules: safety, limits, retries and politeness. Durations are in seconds.
///
/// Sources usually share one policy built from their config; tests loosen it with
/// `allowPrivateNetwork` (the test server is on 127.0.0.1) and tighten the limits.
public struct FetchPolicy: Sendable, Hashable {
    /// Allow loopback, private (RFC 1918), link-local and unique-local addresses.
    public var allowPrivateNetwork: Bool = false
    /// Host names allowed even when they resolve to a private address (exact match, case-insensitive).
    public var allowHosts: [String] = []
    /// Allow `file://` URLs (never reachable through a redirect).
    public var allowFileScheme: Bool = false
    /// Largest body on the wire, in bytes; the transfer is aborted as soon as it is exceeded.
    public var maxBodyBytes: Int = 50 * 1024 * 1024
    /// Largest decoded body (after gzip, deflate, br, zstd), in bytes.
    public var maxDecompressedBytes: Int = 200 * 1024 * 1024
    /// Connection timeout.
    public var connectTimeout: Double = 15
    /// Timeout for a whole transfer (one attempt).
    public var totalTimeout: Double = 120
    /// A transfer slower than `lowSpeedBytesPerSecond` for `lowSpeedTime` seconds is cut off.
    public var lowSpeedBytesPerSecond: Int = 100
    /// See `lowSpeedBytesPerSecond`.
    public var lowSpeedTime: Double = 30
    /// Most redirects followed.
    public var maxRedirects: Int = 5
    /// Most retries after the first attempt (connection errors, timeouts, 408, 429, 5xx).
    public var maxRetries: Int = 3
    /// First backoff delay; doubled at each retry, with jitter.
    public var retryBaseDelay: Double = 1
    /// Largest backoff delay.
    public var retryMaxDelay: Double = 60
    /// Longest `Retry-After` obeyed; a longer one fails the fetch with `.retryAfterTooLong`.
    public var maxRetryAfter: Double = 300
    /// Minimum delay between two requests starting on one host.
    public var minDelay: Double = 1
    /// Random extra delay added to `minDelay`, as a fraction of it (0.5 = up to +50 %).
    public var delayJitter: Double = 0.5
    /// Concurrent requests to one host.
    public var maxConcurrentPerHost: Int = 2
    /// Fetch robots.txt once per host and obey `Disallow`/`Allow` and `Crawl-delay`.
    public var obeyRobots: Bool = true
    /// Largest `Crawl-delay` accepted (a longer one is clamped).
    public var maxCrawlDelay: Double = 60
    /// Requests allowed per host in `budgetWindow` seconds (nil: no budget).
    public var budgetRequests: Int? = nil
    /// The budget's window, in seconds.
    public var budgetWindow: Double = 60

    /// Safe defaults: public addresses only, polite (1 s between requests, robots obeyed).
    public static let `default` = FetchPolicy()

    /// No politeness delays, no robots (benchmarks, local mirrors); safety rules unchanged.
    public static let impolite: FetchPolicy = {
        var p = FetchPolicy()
        p.minDelay = 0
        p.delayJitter = 0
        p.obeyRobots = false
        p.maxConcurrentPerHost = 1_000
        return p
    }()

    /// Creates the default policy.
    public init() {}

    /// Whether `host` is in `allowHosts`.
    public func allows(host: String) -> Bool {
        let lowered = host.lowercased()
        return allowHosts.contains { $0.lowercased() == lowered }
    }
}
