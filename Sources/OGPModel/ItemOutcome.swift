/// What happened to one item of a source during a run.
public enum ItemOutcome: String, Codable, Sendable, CaseIterable {
    case added, updated, unchanged, skipped, failed, archived
}

/// The result of decoding one remote item: records (one item may give several, e.g. a page
/// giving a publication, a plan and its commitments), or a failure with its place and reason.
///
/// Expected problems (an invalid item, a truncated response) are values, not thrown errors,
/// so that one bad item never ends a run.
public enum ItemResult: Sendable, Hashable {
    case parsed(item: String, records: [Record])
    case failed(ItemFailure)

    /// The item's identifier within its source.
    public var item: String {
        switch self {
        case .parsed(let item, _): item
        case .failed(let failure): failure.item
        }
    }
}

/// Why an item could not be decoded, and where.
public struct ItemFailure: Error, Codable, Sendable, Hashable, CustomStringConvertible {
    /// The item's identifier within its source (file path, post id, CSV line, URL).
    public var item: String
    public var url: String?
    /// 1-based line in the input, when known.
    public var line: Int?
    /// Byte offset in the input, when known.
    public var offset: Int?
    /// A short machine-readable code (`front-matter-unterminated`, `invalid-json`, …).
    public var code: String
    /// A sentence for people.
    public var reason: String

    public init(item: String, url: String? = nil, line: Int? = nil, offset: Int? = nil, code: String, reason: String) {
        self.item = item
        self.url = url
        self.line = line
        self.offset = offset
        self.code = code
        self.reason = reason
    }

    public var description: String {
        var place = item
        if let line { place += ":\(line)" }
        if let offset { place += " (byte \(offset))" }
        return "\(place): \(reason) [\(code)]"
    }
}
