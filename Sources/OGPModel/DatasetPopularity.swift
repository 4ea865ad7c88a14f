/// How much a dataset's community uses it at its portal: its followers plus its reuses
/// (data.gouv.fr's `metric.followers` + `metric.reuses`), kept as a level of ten rather than the
/// counts. The counts change with every export; a level changes only when a dataset crosses 10 or
/// 100, so a harvest does not rewrite (and record in the history) thousands of datasets each run.
///
/// Views are not read: they count robots too (a town's list of monuments has 700,000 views and
/// no follower), and data.gouv.fr's own search, which multiplies its scores by the square roots
/// of views and followers, puts much more weight on them than ogp's ranking does
/// (``searchPrior``).
public enum DatasetPopularity: String, Codable, Sendable, CaseIterable, Comparable {
    /// 1 to 9 followers and reuses.
    case low
    /// 10 to 99.
    case medium
    /// 100 or more.
    case high

    /// The level of `followersAndReuses` (nil: none, or a count that is not a number ≥ 1).
    public init?(followersAndReuses n: Int) {
        switch n {
        case ..<1: return nil
        case 1..<10: self = .low
        case 10..<100: self = .medium
        default: self = .high
        }
    }

    /// The level of two counts as the portal writes them (`"12"`, `"12.0"`, empty): nil when
    /// neither is a count of at least one. Non-numbers and absurd values count 0; the sum cannot
    /// overflow (each count is capped).
    public init?(followers: String?, reuses: String?) {
        func count(_ s: String?) -> Int {
            guard let s, let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite, v >= 1 else { return 0 }
            return Int(Swift.min(v, 1e9))
        }
        self.init(followersAndReuses: count(followers) + count(reuses))
    }

    /// The ranking prior of a dataset at this level: a small lift (×1.03, ×1.06, ×1.09), enough to
    /// order near-equal matches — the national Sirene or Base Adresse Nationale before a town's
    /// copy — without overturning relevance. Chosen so that the uniformly drawn known-item and
    /// paraphrase sets do not move, measured on the known-item set drawn by views
    /// (Benchmarks/search/make_viewed_items.py; README).
    public var searchPrior: Double {
        switch self {
        case .low: 1.03
        case .medium: 1.06
        case .high: 1.09
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    /// The counts the level stands for, as `ogp show` prints them.
    public var counts: String {
        switch self {
        case .low: "1–9"
        case .medium: "10–99"
        case .high: "100 or more"
        }
    }

    private var rank: Int {
        switch self {
        case .low: 1
        case .medium: 2
        case .high: 3
        }
    }

    /// ``searchPrior`` of every level, keyed by the `popularity` keyword of the index.
    public static var searchPriors: [String: Double] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.searchPrior) })
    }
}

/// The ranking priors `ogp-search` and `ogp-serve` apply, by keyword of the index: the record's
/// kind (``RecordKind/searchPriors``) and a dataset's popularity (``DatasetPopularity``).
public enum SearchPriors {
    public static var keywordBoosts: [String: [String: Double]] {
        ["kind": RecordKind.searchPriors, "popularity": DatasetPopularity.searchPriors]
    }
}
