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

    /// Keeps the result of looking `term` up.
    func put(_ term: String, _ info: TermInfo?) {
        guard capacity > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[term] = .some(info)
    }
}
