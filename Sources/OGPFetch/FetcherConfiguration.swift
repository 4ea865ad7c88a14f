/// What is shared by every request of one fetcher.
public struct FetcherConfiguration: Sendable {
    /// Product token sent in `User-Agent` and matched against robots.txt groups.
    public var agentName: String = "ogp"
    /// Product version in `User-Agent`.
    public var agentVersion: String = "0.1"
    /// A page or mailto: URL where site operators can reach the operator of this harvest.
    public var contactURL: String = "https://github.com/ogp-fr/ogp"
    /// Directory of the on-disk response cache (nil: no cache).
    public var cacheDirectory: String?
    /// Concurrent requests over all hosts.
    public var maxConcurrentRequests: Int = 16
    /// A PEM file of CA certificates to trust instead of the system's (intranet portals, tests).
    public var caBundlePath: String?
    /// Called with the progress of each download (from the transfer thread: keep it quick).
    public var onProgress: (@Sendable (TransferProgress) -> Void)?

    /// Creates a configuration.
    public init(
        agentName: String = "ogp", agentVersion: String = "0.1",
        contactURL: String = "https://github.com/ogp-fr/ogp",
        cacheDirectory: String? = nil, maxConcurrentRequests: Int = 16, caBundlePath: String? = nil
    ) {
        self.agentName = agentName
        self.agentVersion = agentVersion
        self.contactURL = contactURL
        self.cacheDirectory = cacheDirectory
        self.maxConcurrentRequests = maxConcurrentRequests
        self.caBundlePath = caBundlePath
    }

    /// `ogp/0.1 (+https://…)`.
    public var userAgent: String { "\(agentName)/\(agentVersion) (+\(contactURL))" }
}
