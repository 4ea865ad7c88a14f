import Foundation

/// A parsed JSON value, for payloads whose shapes vary between API versions (an organisation
/// as an object or an id, resources as a list or a link, `archived` as a date or a flag).
enum UdataJSON: Decodable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([UdataJSON])
    case object([String: UdataJSON])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([UdataJSON].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: UdataJSON].self))
        }
    }

    /// Deepest nesting read (udata's documents nest a few levels; Foundation's own limit is 512).
    static let maxDepth = 100

    /// Parses `data` (``JSONValueReader``, one pass over the bytes); throws a ``ParseError``:
    /// `tooDeep` (with the byte offset) when arrays and objects nest deeper than ``maxDepth``,
    /// `invalidJSON` (with the byte offset and what was found there) when it is not JSON.
    /// Members named in `skipKeys` (UTF-8 bytes), at any depth, are checked but left out (see
    /// ``JSONValueReader/read(_:maxDepth:skipKeys:)``).
    static func parse(_ data: Data, skipKeys: [[UInt8]] = []) throws -> UdataJSON {
        let result = data.withUnsafeBytes { raw -> Result<UdataJSON, JSONValueReader.Failure> in
            do throws(JSONValueReader.Failure) {
                return .success(
                    try JSONValueReader.read(raw.bindMemory(to: UInt8.self), maxDepth: maxDepth, skipKeys: skipKeys))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let value):
            return value
        case .failure(.tooDeep(let offset)):
            throw ParseError(.tooDeep, "JSON nested deeper than \(maxDepth) levels", offset: offset)
        case .failure(.invalid(let reason, let offset)):
            throw ParseError(.invalidJSON, "not JSON", offset: offset, cause: reason)
        }
    }

    /// Reads a top-level array element by element (``JSONValueReader/forEachElement``); false
    /// when `data` is not an array. Throws `body`'s errors as they are, a ``ParseError`` with
    /// the byte offset when the JSON breaks (after the elements before the break were read).
    static func forEachElement(_ data: Data, _ body: (UdataJSON, Int) throws -> Void) throws -> Bool {
        try data.withUnsafeBytes { raw in
            do {
                return try JSONValueReader.forEachElement(raw.bindMemory(to: UInt8.self), maxDepth: maxDepth, body)
            } catch JSONValueReader.Failure.tooDeep(let offset) {
                throw ParseError(.tooDeep, "JSON nested deeper than \(maxDepth) levels", offset: offset)
            } catch JSONValueReader.Failure.invalid(let reason, let offset) {
                throw ParseError(.invalidJSON, "not JSON", offset: offset, cause: reason)
            }
        }
    }

    /// Parses `data` with Foundation's `JSONDecoder` (the reader before ``JSONValueReader``),
    /// kept as the reference the tests compare the reader with.
    static func parseWithFoundation(_ data: Data) throws -> UdataJSON {
        if let at = nestingExceeds(maxDepth, data) {
            throw ParseError(.tooDeep, "JSON nested deeper than \(maxDepth) levels", offset: at)
        }
        return try JSONDecoder().decode(UdataJSON.self, from: data)
    }

    /// The byte offset where nesting first exceeds `limit` (brackets inside strings ignored),
    /// nil when it never does. One pass, no allocation.
    static func nestingExceeds(_ limit: Int, _ data: Data) -> Int? {
        data.withUnsafeBytes { (b: UnsafeRawBufferPointer) -> Int? in
            var depth = 0
            var inString = false
            var escaped = false
            for (i, c) in b.enumerated() {
                if inString {
                    if escaped {
                        escaped = false
                    } else if c == UInt8(ascii: "\\") {
                        escaped = true
                    } else if c == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch c {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > limit { return i }
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                default: break
                }
            }
            return nil
        }
    }

    subscript(key: String) -> UdataJSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var object: [String: UdataJSON]? {
        if case .object(let o) = self { return o }
        return nil
    }

    var array: [UdataJSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    var isNull: Bool { self == .null }

    /// Whether a bare list holds WordPress posts or pages (`title` an object with `rendered`)
    /// rather than datasets, whose title is a string in every catalogue API: a WordPress URL
    /// configured as a `udata` or `ckan` source would otherwise give one junk dataset per post.
    var looksLikeWordPressList: Bool {
        guard let list = array, !list.isEmpty else { return false }
        return list.contains { $0["title"]?["rendered"] != nil || $0["content"]?["rendered"] != nil }
    }

    /// A string, or a number or flag written as text.
    var string: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    var int64: Int64? {
        switch self {
        case .number(let n): Int64(exactly: n.rounded())
        case .string(let s): Int64(s)
        default: nil
        }
    }

    var bool: Bool? {
        switch self {
        case .bool(let b): b
        case .string(let s): UdataFields.bool(s)
        default: nil
        }
    }
}
