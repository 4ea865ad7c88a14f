import Foundation

/// ogp's configuration: where the data lives, who we are to the servers, and the sources.
public struct Configuration: Sendable {
    /// The file it was read from.
    public var file: String
    /// `data_dir`, resolved against the config file's directory when relative.
    public var dataDir: String?
    /// `user_agent`: the product name and version the fetcher announces.
    public var userAgent: String?
    /// `contact`: a URL or address for server operators, added to the User-Agent.
    public var contact: String?
    /// `run_time_limit` (seconds) for a whole harvest (``Configuration/runTimeLimitRange``).
    public var runTimeLimit: Int?
    /// Valid values of `run_time_limit`: a second to thirty days.
    public static let runTimeLimitRange = 1...2_592_000
    /// `plans`: the reference facts about the action plans (path, relative to the config).
    public var plansFile: String?
    public var sources: [SourceConfig]
    /// `store`: the catalogue's database (`postgres://user@host:port/db`; nil: SQLite in the data directory).
    public var store: String?

    public init(
        file: String, dataDir: String? = nil, userAgent: String? = nil, contact: String? = nil,
        runTimeLimit: Int? = nil, plansFile: String? = nil, sources: [SourceConfig] = []
    ) {
        self.file = file
        self.dataDir = dataDir
        self.userAgent = userAgent
        self.contact = contact
        self.runTimeLimit = runTimeLimit
        self.plansFile = plansFile
        self.sources = sources
    }

    /// Reads and validates a configuration file.
    public static func load(path: String) throws(ConfigError) -> Configuration {
        try ConfigLoader(path: path).load()
    }
}

/// One configured source.
public struct SourceConfig: Sendable, Hashable {
    public var name: String
    public var kind: SourceKind
    /// `http(s)://…` or `file:///…` (relative `file:` URLs are resolved against the config file).
    public var url: String
    public var enabled: Bool
    /// The line of the source's entry in the config file.
    public var line: Int?
    /// Every key as written (common and kind-specific), validated.
    public var options: [String: ConfigValue]

    public init(
        name: String, kind: SourceKind, url: String, enabled: Bool = true, line: Int? = nil,
        options: [String: ConfigValue] = [:]
    ) {
        self.name = name
        self.kind = kind
        self.url = url
        self.enabled = enabled
        self.line = line
        self.options = options
    }

    public subscript(key: String) -> ConfigValue? { options[key] }

    public var allowPrivateNetwork: Bool { self[.allowPrivateNetwork] }
    public var allowHosts: [String] { self[.allowHosts] }
    /// Seconds this source may run before it is stopped.
    public var timeLimit: Int? { self[.timeLimit] }
    public var maxItems: Int? { self[.maxItems] }
    /// Days a record may be missing from the source before it is archived (default 7).
    public var graceDays: Int { self[.graceDays] }
    public var isFile: Bool { url.lowercased().hasPrefix("file:") }
}
