import Foundation

/// A stable record identifier: `kind:namespace:remoteID`.
///
/// The namespace is the source's name, unless the remote id is a URI (`http(s)://…`, `urn:…`),
/// which is global: the same URI seen from two sources gives the same id. Portals whose
/// ids are global (data.gouv.fr's 24-hex dataset ids) pass their own namespace, so that a
/// dataset harvested through the API and through the CSV export is one record.
/// Never derived from a slug or a title, which change.
public struct RecordID: RawRepresentable, Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Derives the id of a record of `kind` whose remote id is `remoteID` in `namespace`.
    public init(kind: RecordKind, namespace: String, remoteID: String) {
        let remote = TextFolding.trimmed(remoteID)
        if RecordID.isURI(remote) {
            self.rawValue = "\(kind.rawValue):uri:\(RecordID.canonicalURI(remote))"
        } else {
            self.rawValue = "\(kind.rawValue):\(namespace):\(remote)"
        }
    }

    /// The kind encoded in the id, when it has one.
    public var kind: RecordKind? {
        guard let colon = rawValue.firstIndex(of: ":") else { return nil }
        return RecordKind(rawValue: String(rawValue[..<colon]))
    }

    public var description: String { rawValue }

    public static func < (lhs: RecordID, rhs: RecordID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    static func isURI(_ s: String) -> Bool {
        let lower = s.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("urn:")
    }

    /// Lowercases scheme and host, drops a default port, a trailing slash and a fragment.
    static func canonicalURI(_ s: String) -> String {
        // `://` found by bytes (Foundation's `range(of:)` goes through NSString for every record).
        let bytes = s.utf8
        var at: String.Index?
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: ":") {
                let j = bytes.index(after: i)
                if j < bytes.endIndex, bytes[j] == UInt8(ascii: "/") {
                    let k = bytes.index(after: j)
                    if k < bytes.endIndex, bytes[k] == UInt8(ascii: "/") {
                        at = i
                        break
                    }
                }
            }
            i = bytes.index(after: i)
        }
        guard let colon = at else { return s }
        let scheme = s[..<colon].lowercased()
        var rest = Substring(s[bytes.index(colon, offsetBy: 3)...])
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var host = rest[..<hostEnd].lowercased()
        if scheme == "http", host.hasSuffix(":80") { host.removeLast(3) }
        if scheme == "https", host.hasSuffix(":443") { host.removeLast(4) }
        var path = String(rest[hostEnd...])
        if path.hasSuffix("/") { path.removeLast() }
        return "\(scheme)://\(host)\(path)"
    }
}
