/// What is kept per URL between runs to make conditional requests and detect changes: the
/// fetch layer sends them, the store keeps them.
public struct HTTPValidators: Codable, Sendable, Hashable {
    /// The `ETag` response header, as received (quotes and `W/` included).
    public var etag: String?
    /// The `Last-Modified` response header, as received.
    public var lastModified: String?
    /// SHA-256 (lowercase hex) of the decoded body.
    public var bodyHash: String?

    /// Creates validators.
    public init(etag: String? = nil, lastModified: String? = nil, bodyHash: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
        self.bodyHash = bodyHash
    }

    /// Whether there is anything to send in a conditional request.
    public var canRevalidate: Bool { etag != nil || lastModified != nil }
}
