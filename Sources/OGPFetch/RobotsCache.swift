import Foundation

/// robots.txt fetched once per origin per fetcher (i.e. per run), shared by concurrent
/// requests. 2xx: parsed; 4xx or unreachable: allow all; 5xx: disallow all (RFC 9309 §2.3.1).
actor RobotsCache {
    private var entries: [String: Task<RobotsRules, Never>] = [:]

    /// The rules of `origin` (`scheme://host:port`), loading them with `load` on first use.
    func rules(
        origin: String, load: @escaping @Sendable () async -> TransferOutcome, agent: String
    ) async -> RobotsRules {
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
