import Foundation

/// robots.txt fetched once per origin per fetcher (i.e. per run), shared by concurrent
/// requests. 2xx: parsed; 4xx or unreachable: allow all; 5xx: disallow all (RFC 9309 §2.3.1).
actor RobotsCache {
    private var entries: [String: Task<RobotsRules, Never>] = [:]

    /// The rules of `origin` (`scheme://host:port`), loading them with `load` on first use.
    func rules(origin: String, load: @escaping @Sendable () async -> TransferOutcome, agent: String) async -> RobotsRules {
        if let task = entries[origin] { return await task.value }
        let task = Task<RobotsRules, Never> {
            let outcome = await load()
            if outcome.error != nil { return .allowAll }
            switch outcome.status {
            case 200..<300:
                return RobotsRules(parsing: String(decoding: outcome.body, as: UTF8.self), agent: agent)
            case 500..<600:
                return .disallowAll
            default:
                return .allowAll
            }
        }
        entries[origin] = task
        return await task.value
    }
}

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
