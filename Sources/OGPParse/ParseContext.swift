import OGPModel

/// What a decoder needs to know about the item it decodes: which source, where it came from,
/// and the fetch's validators, so that every record gets its ``Provenance``.
///
/// Decoders in this module are pure: they take bytes and a context and return records or
/// ``ItemFailure`` values. They never fetch.
public struct ParseContext: Sendable, Hashable {
    /// The configured source's name (also the id namespace for non-URI remote ids).
    public var source: String
    /// The source's kind (`jekyll`, `wordpress`, `html`, `udata`, `udata-csv`).
    public var sourceKind: String
    /// The URL the bytes were fetched from.
    public var url: String
    public var fetchedAt: String?
    public var etag: String?
    public var lastModified: String?
    /// SHA-256 of the fetched bytes.
    public var contentHash: String?
    /// Source-specific scalar options from the configuration (`namespace`, `date`…), as text.
    public var options: [String: String]
    /// Source-specific list options from the configuration (`exports`…), as lists: never
    /// joined with commas and split again.
    public var lists: [String: [String]] = [:]
    /// The document's identity within its source, for record ids: the URL, except for `file:`
    /// sources where it is the path relative to the source (so that ids never depend on where
    /// the configuration file lives).
    public var itemKey: String

    public init(
        source: String, sourceKind: String, url: String, fetchedAt: String? = nil, etag: String? = nil,
        lastModified: String? = nil, contentHash: String? = nil, options: [String: String] = [:]
    ) {
        self.source = source
        self.sourceKind = sourceKind
        self.url = url
        self.fetchedAt = fetchedAt
        self.etag = etag
        self.lastModified = lastModified
        self.contentHash = contentHash
        self.options = options
        self.itemKey = url
    }

    /// The provenance entry for a record decoded by `parser` from `item` at `url`.
    public func provenance(item: String?, url: String? = nil, parser: String, version: String) -> Provenance {
        Provenance(
            source: source, sourceKind: sourceKind, url: url ?? self.url, item: item, fetchedAt: fetchedAt,
            etag: etag, lastModified: lastModified, contentHash: contentHash, parser: parser, parserVersion: version)
    }
}
