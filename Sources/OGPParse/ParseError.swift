/// An error raised inside a decoder. Decoders turn these into ``ItemFailure`` values at the item
/// boundary (see `failure(item:url:)`), so a run never ends on one.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case invalidEncoding, invalidJSON, truncated, invalidYAML, frontMatter, invalidCSV, invalidHTML
        case missingField, tooLarge, tooDeep, unsupported
    }

    public var code: Code
    public var message: String
    /// 1-based line and byte offset in the input, when known.
    public var line: Int?
    public var offset: Int?
    /// The underlying error's description (a Yams or JSONSerialization error), when any.
    public var cause: String?

    public init(_ code: Code, _ message: String, line: Int? = nil, offset: Int? = nil, cause: String? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.offset = offset
        self.cause = cause
    }

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

import OGPModel
