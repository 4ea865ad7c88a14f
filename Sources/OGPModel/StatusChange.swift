/// A change of a commitment's current status between two versions of its record: a dated event
/// of its history (the date is when the catalogue first held the new status).
public struct StatusChange: Codable, Sendable, Hashable {
    /// The status before (nil for the first known status).
    public var from: CommitmentStatus?
    public var to: CommitmentStatus
    /// The new status's label as the source wrote it.
    public var label: String?
    /// When the version holding the new status became current (ISO 8601).
    public var at: String
    /// Who assessed the new status, when known.
    public var assessor: Assessor?

    public init(from: CommitmentStatus?, to: CommitmentStatus, label: String?, at: String, assessor: Assessor?) {
        self.from = from
        self.to = to
        self.label = label
        self.at = at
        self.assessor = assessor
    }

    /// The status events of a record's versions (oldest first, each with the date it became
    /// current): the first known status (none while it is `unknown`), then every change.
    /// Versions without a commitment part are skipped.
    public static func events(_ versions: [(at: String, record: Record)]) -> [StatusChange] {
        var out: [StatusChange] = []
        var previous: CommitmentStatus?
        for (at, record) in versions {
            guard let info = record.commitment else { continue }
            guard info.status != previous else { continue }
            // Starting out unknown is no event; leaving unknown is one.
            if previous == nil, info.status == .unknown { previous = .unknown; continue }
            out.append(
                StatusChange(
                    from: previous, to: info.status, label: info.statusLabel, at: at,
                    assessor: StatusAssessment.latest(info.assessments)?.assessor))
            previous = info.status
        }
        return out
    }
}
