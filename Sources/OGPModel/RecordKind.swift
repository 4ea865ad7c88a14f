/// The kinds of record ogp keeps in its catalogue.
public enum RecordKind: String, Codable, Sendable, CaseIterable, Comparable {
    /// A national action plan (a government's or a parliament's).
    case actionPlan
    /// One commitment ("engagement") of an action plan.
    case commitment
    /// A news post, press release or page about the plans.
    case publication
    /// An open dataset with its distributions.
    case dataset
    /// A publisher: ministry, agency, local authority, parliament.
    case organization

    /// Kinds sort in declaration order (plans first), which is the export order.
    public static func < (lhs: RecordKind, rhs: RecordKind) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int {
        switch self {
        case .actionPlan: 0
        case .commitment: 1
        case .publication: 2
        case .dataset: 3
        case .organization: 4
        }
    }
}

/// Status of a commitment on the OGP's implementation scale.
/// One scale for every source: the IRM's completion levels, `withdrawn`, and `unknown`.
public enum CommitmentStatus: String, Codable, Sendable, CaseIterable {
    case notStarted, limited, substantial, complete, withdrawn, unknown

    /// Maps a French or English status label (as found in reports) to the scale.
    /// Unrecognised labels give `.unknown`; callers keep the raw label beside it.
    public static func fromLabel(_ label: String) -> CommitmentStatus {
        let l = TextFolding.fold(label)
        if l.contains("withdrawn") || l.contains("retire") || l.contains("abandonne") { return .withdrawn }
        if l.contains("non commence") || l.contains("not started") || l.contains("pas commence") { return .notStarted }
        if l.contains("complet") || l.contains("termine") || l.contains("acheve") || l.contains("complete") {
            return .complete
        }
        if l.contains("substanti") { return .substantial }
        if l.contains("limite") || l.contains("partiel") || l.contains("limited") { return .limited }
        return .unknown
    }
}
