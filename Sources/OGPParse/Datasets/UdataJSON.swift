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

    /// Parses `data`; throws a ``ParseError`` (`invalidJSON`) when it is not JSON.
    static func parse(_ data: Data) throws -> UdataJSON {
        do {
            return try JSONDecoder().decode(UdataJSON.self, from: data)
        } catch {
            throw ParseError(.invalidJSON, "not JSON", cause: String(describing: error).prefix(200).description)
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
