import OGPCore
import OGPModel

/// An error raised inside a decoder. Decoders turn these into ``ItemFailure`` values at the item
/// boundary (see `failure(item:url:)`), so a run never ends on one.
public struct ParseError: OGPError, Hashable {
    public struct Code: ErrorCode {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let invalidEncoding = Code(rawValue: "invalidEncoding")
        public static let invalidJSON = Code(rawValue: "invalidJSON")
        public static let truncated = Code(rawValue: "truncated")
        public static let invalidYAML = Code(rawValue: "invalidYAML")
        public static let frontMatter = Code(rawValue: "frontMatter")
        public static let invalidCSV = Code(rawValue: "invalidCSV")
        public static let invalidHTML = Code(rawValue: "invalidHTML")
        public static let missingField = Code(rawValue: "missingField")
        public static let tooLarge = Code(rawValue: "tooLarge")
        public static let tooDeep = Code(rawValue: "tooDeep")
        public static let unsupported = Code(rawValue: "unsupported")
    }

    public var code: Code
    public var message: String
    /// 1-based line and byte offset in the input, when known.
    public var line: Int?
    public var offset: Int?
    /// The underlying error's description (a Yams or JSONSerialization error), when any.
    /// The underlying error's description (a Yams or JSONSerialization error), when any.
    public var cause: String?

    public init(_ code: Code, _ message: String, line: Int? = nil, offset: Int? = nil, cause: String? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.offset = offset
        self.cause = cause
    }

    public var place: ErrorPlace { ErrorPlace(line: line, offset: offset) }
    public var underlying: (any Error & Sendable)? { cause.map(TextCause.init) }

    public var description: String {
        var s = message
        if let line { s += " (line \(line))" }
        if let offset { s += " (byte \(offset))" }
        if let cause { s += ": \(cause)" }
        return s
    }

    /// The item failure to record for this error.
    public func failure(item: String, url: String?) -> ItemFailure {
        ItemFailure(item: item, url: url, line: line, offset: offset, code: code.rawValue, reason: description)
    }
}
