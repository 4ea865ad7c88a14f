/// One thing to fetch: a URL, extra headers, validators from the last run, and a policy.
public struct FetchRequest: Sendable {
    /// How the on-disk response cache is used.
    public enum CachePolicy: String, Sendable, Codable {
        /// Always go to the network; store successful bodies in the cache (the default).
        case network
        /// Answer from the cache when the URL is there, else go to the network.
        case preferCache
        /// Answer from the cache only; `FetchError.Code.notCached` when absent.
        case cacheOnly
        /// Neither read nor write the cache.
        case bypass
    }

    /// An absolute `http`, `https` or `file` URL.
    public var url: String
    /// `GET` (default) or `HEAD`.
    public var method: String
    /// Extra request headers, sent in order (a `User-Agent` here overrides the configured one).
    public var headers: [(String, String)]
    /// Validators from a previous fetch: sent as `If-None-Match` / `If-Modified-Since`.
    public var validators: Validators?
    /// Safety, limits, retries and politeness.
    public var policy: FetchPolicy
    /// Stream the body to this path instead of memory (`FetchResponse.bodyFile`).
    public var saveToFile: String?
    /// How the response cache is used.
    public var cachePolicy: CachePolicy
    /// A caller-chosen label (e.g. the source name) under which `Fetcher.stats(tag:)` counts.
    public var tag: String?

    /// Creates a request.
    public init(
        url: String,
        method: String = "GET",
        headers: [(String, String)] = [],
        validators: Validators? = nil,
        policy: FetchPolicy = .default,
        saveToFile: String? = nil,
        cachePolicy: CachePolicy = .network,
        tag: String? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.validators = validators
        self.policy = policy
        self.saveToFile = saveToFile
        self.cachePolicy = cachePolicy
        self.tag = tag
    }
}
