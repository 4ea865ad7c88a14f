import Foundation

/// A request's query string as name → values (in order), decoded as browsers encode forms
/// (`+` is a space, `%XX` bytes as UTF-8). Bounded: at most `maxParameters` pairs are read.
struct QueryString: Sendable {
    private(set) var values: [String: [String]] = [:]
    static let maxParameters = 64

    init(_ query: String?) throws(ServeError) {
        guard let query, !query.isEmpty else { return }
        var count = 0
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            count += 1
            guard count <= Self.maxParameters else {
                throw .badRequest("trop de paramètres (au plus \(Self.maxParameters))")
            }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { throw .badRequest("paramètre mal encodé") }
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            guard let value else { throw .badRequest("valeur mal encodée pour « \(name) »") }
            values[name, default: []].append(value)
        }
    }

    /// The first value of `name`, nil when absent or empty.
    func first(_ name: String) -> String? {
        values[name]?.first { !$0.isEmpty }
    }

    /// The non-empty values of `name`.
    func all(_ name: String) -> [String] {
        values[name]?.filter { !$0.isEmpty } ?? []
    }

    /// `s` with `+` as a space and `%XX` as the byte XX; nil when a `%` is not followed by two
    /// hex digits or the bytes are not UTF-8 (as Foundation's `removingPercentEncoding`, byte by
    /// byte: Foundation's took 2 % of a search's CPU).
    static func decode(_ s: Substring) -> String? { PercentDecoding.decode(s, plusIsSpace: true) }

    /// Encodes name=value pairs for a link (RFC 3986 unreserved characters kept, space as `+`).
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(component($0.0))=\(component($0.1))" }.joined(separator: "&")
    }

    static let unreserved: CharacterSet = {
        var s = CharacterSet()
        s.insert(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~ ")
        return s
    }()

    static func component(_ s: String) -> String {
        (s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "").replacingOccurrences(of: " ", with: "+")
    }
}

/// Path segments of record ids: ids carry `:` and, for URI ids, `/`; a link percent-encodes
/// everything but unreserved characters and `:`, and the route decodes it back.
enum PathSegment {
    static let allowed: CharacterSet = {
        var s = CharacterSet()
        s.insert(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:")
        return s
    }()

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    static func decode(_ s: Substring) -> String? { PercentDecoding.decode(s, plusIsSpace: false) }
}

/// Percent-decoding of URL components, on bytes.
enum PercentDecoding {
    /// `s` with `%XX` decoded (and `+` as a space when `plusIsSpace`); nil when a `%` is not
    /// followed by two hex digits or the result is not valid UTF-8.
    static func decode(_ s: Substring, plusIsSpace: Bool) -> String? {
        let utf8 = s.utf8
        var plain = true
        for b in utf8 where b == 0x25 || (plusIsSpace && b == 0x2B) {
            plain = false
            break
        }
        if plain { return String(s) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x25 {
                let h = utf8.index(after: i)
                guard h != utf8.endIndex, let hi = hex(utf8[h]) else { return nil }
                let l = utf8.index(after: h)
                guard l != utf8.endIndex, let lo = hex(utf8[l]) else { return nil }
                out.append(hi << 4 | lo)
                i = utf8.index(after: l)
                continue
            }
            out.append(plusIsSpace && b == 0x2B ? 0x20 : b)
            i = utf8.index(after: i)
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}
