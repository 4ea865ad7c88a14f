import Foundation

/// A segment's keyword priors for one set of ``SearchRequest/keywordBoosts``: each boosted
/// document's prior, the windows' bounds (``PriorBounds``) and the largest prior.
///
/// ogp-serve and ogp-search ask the same boosts for every search, and a segment never changes:
/// the priors are computed once per segment and boosts and kept. Computed per search, the
/// popularity of 5,254 datasets (a dictionary, a sort, the runs) cost about 800 µs of every
/// search on the data.gouv.fr export — more than the search itself.
struct SegmentPriors: Sendable {
    /// Per boosted document, the product of its keyword boosts (others: 1). Empty: none.
    let prior: [Int: Double]
    /// The windows' bounds, nil when no document's prior is above 1.
    let bounds: PriorBounds?
    /// The largest prior of the segment's documents (at least 1 when some are boosted).
    let maxPrior: Double

    static let none = SegmentPriors(prior: [:], bounds: nil, maxPrior: 1)

    init(prior: [Int: Double], bounds: PriorBounds?, maxPrior: Double) {
        self.prior = prior
        self.bounds = bounds
        self.maxPrior = maxPrior
    }

    /// Multiplies the boosts of each (keyword kind, value) for the documents `docs` gives.
    init(
        boosts: [String: [String: Double]], docs: (String, String) throws(IndexError) -> Set<Int>
    ) throws(IndexError) {
        var prior: [Int: Double] = [:]
        for (kind, weights) in boosts.sorted(by: { $0.key < $1.key }) {
            for (value, weight) in weights.sorted(by: { $0.key < $1.key }) where weight != 1 {
                for d in try docs(kind, value) { prior[d, default: 1] *= weight }
            }
        }
        let bounds = prior.isEmpty ? nil : PriorBounds(prior)
        self.init(prior: prior, bounds: bounds?.isTrivial == false ? bounds : nil, maxPrior: prior.values.max() ?? 1)
    }
}

/// The priors a segment has computed, by boosts (a few sets at most: the servers' and
/// ogp-search's are the same one).
final class SegmentPriorCache: @unchecked Sendable {
    private var entries: [[String: [String: Double]]: SegmentPriors] = [:]
    private let lock = NSLock()
    /// More sets than this (a program asking many different boosts) empty the cache.
    static let capacity = 8

    func priors(
        _ boosts: [String: [String: Double]], compute: () throws(IndexError) -> SegmentPriors
    ) throws(IndexError) -> SegmentPriors {
        lock.lock()
        let hit = entries[boosts]
        lock.unlock()
        if let hit { return hit }
        let fresh = try compute()
        lock.lock()
        if entries.count >= Self.capacity { entries.removeAll() }
        entries[boosts] = fresh
        lock.unlock()
        return fresh
    }
}
