import Foundation

/// The parts of an http(s) URL the fetcher needs.
struct WebURL: Sendable {
    var scheme: String
    var host: String
    var port: Int
    /// Path and query, percent-encoded as sent.
    var pathAndQuery: String

    init?(_ text: String) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased()
        else { return nil }
        self.scheme = scheme
        self.host = (components.host ?? "").lowercased()
        self.port = components.port ?? (scheme == "https" ? 443 : 80)
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        self.pathAndQuery = components.percentEncodedQuery.map { path + "?" + $0 } ?? path
    }

    /// `text` with spaces, non-ASCII and other characters not allowed in a URL percent-encoded
    /// (libcurl refuses some and sends others raw); unchanged when already clean.
    static func normalized(_ text: String) -> String {
        let clean = text.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x3C && byte != 0x3E && byte != 0x5C
                && byte != 0x5E && byte != 0x60 && byte != 0x7B && byte != 0x7C && byte != 0x7D
        }
        if clean { return text }
        return URLComponents(string: text)?.string ?? text
    }

    /// `scheme://host:port`.
    var origin: String { "\(scheme)://\(hostForURL):\(port)" }
    /// `host:port`, the politeness key.
    var hostKey: String { "\(host):\(port)" }
    private var hostForURL: String { host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host }
}
