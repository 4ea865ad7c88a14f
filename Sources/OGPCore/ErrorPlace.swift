/// Where an error happened, in the terms a person needs to find it: the source and item, the
/// URL or file, the line and byte offset. Every module's error names its place with this one
/// type (issue 10: six spellings — `url`, `path`, `file`, `line`, `offset`, `place` — became one).
public struct ErrorPlace: Sendable, Hashable, CustomStringConvertible {
    /// The configured source, when the error belongs to one.
    public var source: String?
    /// The item within its source (a file path, a post id, a CSV line).
    public var item: String?
    /// The URL or file path concerned.
    public var location: String?
    /// 1-based line in the input.
    public var line: Int?
    /// Byte offset in the input.
    public var offset: Int?

    /// A place; leave out what is unknown.
    public init(
        source: String? = nil, item: String? = nil, location: String? = nil, line: Int? = nil, offset: Int? = nil
    ) {
        self.source = source
        self.item = item
        self.location = location
        self.line = line
        self.offset = offset
    }

    /// Nowhere in particular.
    public static let none = ErrorPlace()

    /// A URL or a file path.
    public static func at(_ location: String?, line: Int? = nil, offset: Int? = nil) -> ErrorPlace {
        ErrorPlace(location: location, line: line, offset: offset)
    }

    /// `source `s`, item i, file:line (byte n)`, leaving out what is unknown.
    public var description: String {
        var parts: [String] = []
        if let source { parts.append("source `\(source)`") }
        if let item, item != location { parts.append("item \(item)") }
        if let location {
            parts.append(location + (line.map { ":\($0)" } ?? ""))
        } else if let line {
            parts.append("line \(line)")
        }
        if let offset { parts.append("byte \(offset)") }
        return parts.joined(separator: ", ")
    }

    /// Whether nothing is known.
    public var isEmpty: Bool { source == nil && item == nil && location == nil && line == nil && offset == nil }
}

/// A cause known only by its description (a tool's output, a library's message).
public struct TextCause: Error, Sendable, Hashable, CustomStringConvertible {
    /// The cause's text.
    public var description: String
    /// A place; leave out what is unknown.
    public init(_ description: String) { self.description = description }
}
