import Foundation

/// Counters of a fetcher, overall or for one `FetchRequest.tag` (e.g. one source).
public struct FetchStats: Sendable, Hashable, Codable {
    /// HTTP attempts sent (retries and robots.txt included), plus file reads.
    public var requests = 0
    /// Responses that were 304 Not Modified.
    public var notModified = 0
    /// Retries made.
    public var retries = 0
    /// Body bytes received from the network (as sent).
    public var bytes = 0
    /// Fetches that threw a `FetchError`.
    public var errors = 0
    /// Answers served from the response cache.
    public var fromCache = 0

    /// Zero counters.
    public init() {}

    mutating func add(_ other: FetchStats) {
        requests += other.requests
        notModified += other.notModified
        retries += other.retries
        bytes += other.bytes
        errors += other.errors
        fromCache += other.fromCache
    }
}

/// Thread-safe per-tag counters.
final class StatsBook: @unchecked Sendable {
    private let lock = NSLock()
    private var total = FetchStats()
    private var byTag: [String: FetchStats] = [:]

    func add(_ delta: FetchStats, tag: String?) {
        lock.lock()
        defer { lock.unlock() }
        total.add(delta)
        if let tag { byTag[tag, default: FetchStats()].add(delta) }
    }

    func snapshot(tag: String?) -> FetchStats {
        lock.lock()
        defer { lock.unlock() }
        guard let tag else { return total }
        return byTag[tag] ?? FetchStats()
    }
}
