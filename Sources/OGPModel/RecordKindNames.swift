extension RecordKind {
    /// Names people type for each kind, in English and French (compared folded: no case, no
    /// accents, spaces and `_` as `-`): `--kind engagement`, `--kind jeu-de-données`.
    static let names: [(RecordKind, [String])] = [
        (
            .actionPlan,
            [
                "actionplan", "action-plan", "plan", "plans", "plan-d-action", "plan-daction", "plan-d'action",
                "plan-d’action",
            ]
        ),
        (.commitment, ["commitment", "commitments", "engagement", "engagements"]),
        (
            .publication,
            ["publication", "publications", "news", "actualite", "actualites", "article", "page", "communique"]
        ),
        (.dataset, ["dataset", "datasets", "jeu-de-donnees", "jeux-de-donnees", "jdd", "donnees"]),
        (.organization, ["organization", "organizations", "organisation", "organisations", "org"]),
    ]

    /// The kind a person means by `name` (`commitment`, `Engagement`, `jeu de données`), or nil.
    public init?(name: String) {
        let folded = TextFolding.fold(name).replacingOccurrences(of: " ", with: "-").replacingOccurrences(
            of: "_", with: "-")
        guard let kind = Self.names.first(where: { $0.1.contains(folded) })?.0 else { return nil }
        self = kind
    }

    /// Every name of ``names`` → the kind's raw value (the index's `kind` keyword), for searches.
    public static let searchAliases: [String: String] = Dictionary(
        names.flatMap { kind, names in names.map { ($0, kind.rawValue) } }, uniquingKeysWith: { a, _ in a })

    /// The names listed when a kind is not recognised.
    public static let typedNames =
        "plan, commitment (engagement), publication (actualité), dataset (jeu-de-données), organization (organisation)"
}
