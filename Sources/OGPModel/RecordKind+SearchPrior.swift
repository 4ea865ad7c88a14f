extension RecordKind {
    /// Ranking priors by record kind, applied by `ogp-search` to relevance scores: the catalogue
    /// is about the action plans, so at equal relevance a commitment or a plan comes before a
    /// publication about it, and a publication before one of the 120,000 datasets. (Here rather
    /// than beside the record → document mapping so that `ogp-search` needs no store.)
    public var searchPrior: Double {
        switch self {
        case .commitment, .actionPlan: 3
        case .publication: 2
        case .dataset, .organization: 1
        }
    }

    /// ``searchPrior`` of every kind, keyed by the `kind` keyword of the index.
    public static var searchPriors: [String: Double] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.searchPrior) })
    }
}
