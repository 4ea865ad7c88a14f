import Foundation

/// The last term lookups of a segment, absent terms included: one search looks a term up in
/// each segment several times (its document frequency while planning, its list when scoring, its
/// positions for the proximity bonus; the kind priors' keywords in every search), and a server's
/// searches share their common words. A lookup is a binary search over the dictionary's blocks (a
/// dozen terms decoded); a hit here is one hash. Bounded: emptied when full. A segment never
/// changes, so an entry never goes stale.
final class TermLookupCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: TermInfo?] = [:]
    /// The most terms held.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The cached result for `term`: `.some(nil)` when the term is known to be absent, nil when
    /// not cached.
    func get(_ term: String) -> TermInfo?? {
        lock.lock()
        defer { lock.unlock() }
        return entries[term]
    }

    /// ``get(_:)`` of each of `terms` under one lock: the answers known, by index in `terms`
    /// (a batch of a query's terms takes the lock once, not once per term).
    func get(_ terms: [String], into out: inout [TermInfo?], missing: (Int) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        for (i, t) in terms.enumerated() {
            if let known = entries[t] { out[i] = known } else { missing(i) }
        }
    }

    /// ``put(_:_:)`` of several results under one lock.
    func put(_ results: [(term: String, info: TermInfo?)]) {
        guard capacity > 0, !results.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        for (term, info) in results {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[term] = .some(info)
        }
    }

    /// Keeps the result of looking `term` up.
    func put(_ term: String, _ info: TermInfo?) {
        guard capacity > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[term] = .some(info)
    }
}
