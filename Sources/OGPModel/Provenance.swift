/// Where and how a record was obtained. Every record carries at least one.
public struct Provenance: Codable, Sendable, Hashable {
    /// The configured source's name.
    public var source: String
    /// The source's kind (`jekyll`, `wordpress`, `udata`, …).
    public var sourceKind: String
    /// The URL of the item the record was parsed from.
    public var url: String
    /// The item's identifier within the source (a file path, a post id, a CSV line).
    public var item: String?
    public var fetchedAt: String?
    public var etag: String?
    public var lastModified: String?
    /// SHA-256 (hex) of the fetched bytes the record was parsed from.
    public var contentHash: String?
    public var parser: String
    public var parserVersion: String
    /// When this source's copy of a dataset was matched to another portal's record (one dataset,
    /// many portals): the record id the copy has at this source, and the rule that matched.
    public var sameAs: RecordID?
    public var matchedBy: MatchRule?

    public init(
        source: String, sourceKind: String, url: String, item: String? = nil, fetchedAt: String? = nil,
        etag: String? = nil, lastModified: String? = nil, contentHash: String? = nil,
        parser: String, parserVersion: String, sameAs: RecordID? = nil, matchedBy: MatchRule? = nil
    ) {
        self.source = source
        self.sourceKind = sourceKind
        self.url = url
        self.item = item
        self.fetchedAt = fetchedAt
        self.etag = etag
        self.lastModified = lastModified
        self.contentHash = contentHash
        self.parser = parser
        self.parserVersion = parserVersion
        self.sameAs = sameAs
        self.matchedBy = matchedBy
    }
}

/// How a harvested copy of a dataset was matched to its origin portal's record, strongest first
/// (and how one publication met through two sources was recognised: `same-url`, `same-title-and-day`).
public enum MatchRule: String, Codable, Sendable, CaseIterable {
    /// The same DCAT identifier or URI.
    case identifier
    /// The origin portal's host and the dataset's id there (`harvest.domain` + `harvest.remote_id`).
    case originRemoteID = "origin-remote-id"
    /// The origin portal's landing page of the dataset (`harvest.remote_url`).
    case originLandingPage = "origin-landing-page"
    /// A distribution URL shared with the origin's record.
    case distributionURL = "distribution-url"
    /// The same public URL of a publication (a WordPress post's link, a page, a Jekyll permalink).
    case sameURL = "same-url"
    /// The same title (case, accents and spacing ignored) and the same publication day.
    case sameTitleAndDay = "same-title-and-day"
}
