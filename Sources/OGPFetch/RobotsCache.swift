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

    /// `scheme://host:port`.
    var origin: String { "\(scheme)://\(hostForURL):\(port)" }
    /// `host:port`, the politeness key.
    var hostKey: String { "\(host):\(port)" }
    private var hostForURL: String { host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host }
}
