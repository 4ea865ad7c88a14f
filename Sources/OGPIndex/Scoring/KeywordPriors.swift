import Foundation

/// A segment's documents' keyword priors (``SearchRequest/keywordBoosts``: per document, the
/// product of its keywords' boosts), their largest value and their ``PriorBounds``. ogp-serve and
/// ogp-search ask every query for the same boosts (``RecordKind``'s priors), and a segment never
/// changes: they are made once per segment and boosts, not per query (every boosted keyword's
/// posting list read into a set, the products hashed into a dictionary and sorted into runs:
/// about 2 % of the server's query).
struct KeywordPriors: Sendable {
    /// Per boosted document, its prior (documents absent: 1).
    let prior: [Int: Double]
    /// The largest prior (1 without any).
    let maxPrior: Double
    /// The runs of boosted documents (nil without a prior).
    let bounds: PriorBounds?

    init(_ prior: [Int: Double]) {
        self.prior = prior
        maxPrior = prior.values.max() ?? 1
        bounds = prior.isEmpty ? nil : PriorBounds(prior)
    }
}

/// The last ``KeywordPriors`` made for a segment, and the boosts they were made for.
final class KeywordPriorsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var boosts: [String: [String: Double]]?
    private var priors: KeywordPriors?

    /// The priors of `boosts`, made by `make` unless the last ones were for the same boosts.
    func priors(
        for boosts: [String: [String: Double]], _ make: () throws(IndexError) -> KeywordPriors
    ) throws(IndexError) -> KeywordPriors {
        lock.lock()
        if let priors, self.boosts == boosts {
            lock.unlock()
            return priors
        }
        lock.unlock()
        let made = try make()
        lock.lock()
        self.boosts = boosts
        priors = made
        lock.unlock()
        return made
    }
}
