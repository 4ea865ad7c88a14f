/// A bounded cache of `/api/search` response bodies, by query string, for one index
/// generation: the same search asked again (a page reloaded, a link shared, the same query
/// typed by several people) is answered without searching. Entries of an older generation are
/// dropped as soon as a newer index is seen, so a harvest's changes show as they did without it.
///
/// Bounded by entries and bytes; when either bound is passed, the least recently used quarter
/// goes (sorting then is rare, so a lookup or an insertion costs a dictionary access).
public final class SearchResponseCache: Sendable {
    /// Entries kept at most (0: the cache is off).
    public let maxEntries: Int
    /// Body bytes kept at most.
    public let maxBytes: Int
    /// Query strings longer than this are not kept (the key is the whole query string).
    static let maxKeyLength = 1024

    private struct Entry {
        var body: [UInt8]
        var used: UInt64
    }

    private struct State {
        var generation = Int.min
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    private let state = Locked(State())

    /// A cache of at most `maxEntries` bodies and `maxBytes` bytes.
    public init(maxEntries: Int, maxBytes: Int) {
        self.maxEntries = max(0, maxEntries)
        self.maxBytes = max(0, maxBytes)
    }

    /// The body kept for `key` at `generation`, if any (a newer generation empties the cache).
    func body(for key: String, generation: Int) -> [UInt8]? {
        guard maxEntries > 0, key.utf8.count <= Self.maxKeyLength else { return nil }
        return state.withLock { s in
            if generation != s.generation {
                if generation > s.generation { Self.clear(&s, generation: generation) }
                s.misses += 1
                return nil
            }
            s.clock += 1
            guard var e = s.entries[key] else {
                s.misses += 1
                return nil
            }
            e.used = s.clock
            s.entries[key] = e
            s.hits += 1
            return e.body
        }
    }

    /// Keeps `body` for `key` at `generation` (nothing when an older generation: a request that
    /// started before a reopen must not store its now stale answer over the new index).
    func store(_ body: [UInt8], for key: String, generation: Int) {
        guard maxEntries > 0, key.utf8.count <= Self.maxKeyLength, body.count <= maxBytes / 4 else { return }
        state.withLock { s in
            if generation > s.generation { Self.clear(&s, generation: generation) }
            guard generation == s.generation else { return }
            s.clock += 1
            if let old = s.entries.updateValue(Entry(body: body, used: s.clock), forKey: key) {
                s.bytes -= old.body.count
            }
            s.bytes += body.count
            if s.entries.count > maxEntries || s.bytes > maxBytes { evict(&s) }
        }
    }

    /// Entries, bytes, hits and misses so far (for tests and `/healthz`-like reports).
    var statistics: (entries: Int, bytes: Int, hits: Int, misses: Int) {
        state.withLock { ($0.entries.count, $0.bytes, $0.hits, $0.misses) }
    }

    private static func clear(_ s: inout State, generation: Int) {
        s.generation = generation
        s.entries.removeAll(keepingCapacity: true)
        s.bytes = 0
    }

    /// Drops the least recently used quarter, then more until both bounds hold.
    private func evict(_ s: inout State) {
        let byAge = s.entries.sorted { $0.value.used < $1.value.used }
        var dropped = 0
        for (key, e) in byAge {
            let overBounds = s.entries.count > maxEntries || s.bytes > maxBytes
            guard overBounds || dropped < max(1, byAge.count / 4) else { break }
            s.entries[key] = nil
            s.bytes -= e.body.count
            dropped += 1
        }
    }
}
