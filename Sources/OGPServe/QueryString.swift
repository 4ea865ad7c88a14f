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

    static func decode(_ s: Substring) -> String? {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding
    }

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

    static func decode(_ s: Substring) -> String? {
        String(s).removingPercentEncoding
    }
}
