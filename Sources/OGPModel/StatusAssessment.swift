import Foundation

/// Who assessed a commitment's status: the OGP's Independent Reporting Mechanism at mid-term
/// (`irm-progress`) or at the end of the plan (`irm-end-of-term`), the government itself
/// (`self-assessment`), or another assessor named by its source.
public struct Assessor: RawRepresentable, Codable, Sendable, Hashable, Comparable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The IRM's progress (mid-term) report.
    public static let irmProgress = Assessor(rawValue: "irm-progress")
    /// The IRM's end-of-term (or results) report.
    public static let irmEndOfTerm = Assessor(rawValue: "irm-end-of-term")
    /// The government's own self-assessment report.
    public static let selfAssessment = Assessor(rawValue: "self-assessment")

    public static func < (lhs: Assessor, rhs: Assessor) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// One assessment of a commitment's status: what the assessor wrote (`label`), where it falls
/// on the one scale (`status`), who said it, when (a date or a period such as `2018` or
/// `2015-2017`), and where it was read.
public struct StatusAssessment: Codable, Sendable, Hashable {
    public var status: CommitmentStatus
    /// The label as the source wrote it (`Substantial`, `substantiellement réalisé`…).
    public var label: String
    public var assessor: Assessor
    /// ISO date or period (`2018`, `2018-06`, `2015-2017`) of the assessment; nil when unknown.
    public var date: String?
    /// The record the assessment was read from (a publication, the commitment's own source row).
    public var source: RecordID?
    /// The document the assessment comes from, when it has a URL.
    public var url: String?

    public init(
        status: CommitmentStatus, label: String, assessor: Assessor, date: String? = nil, source: RecordID? = nil,
        url: String? = nil
    ) {
        self.status = status
        self.label = label
        self.assessor = assessor
        self.date = date
        self.source = source
        self.url = url
    }

    /// The latest of `assessments`: the one with the greatest date; at equal or unknown dates the
    /// end-of-term report wins over the progress report (it comes later in a plan's cycle), and
    /// the later one in the list wins over the earlier.
    public static func latest(_ assessments: [StatusAssessment]) -> StatusAssessment? {
        var best: (Int, StatusAssessment)?
        for (i, a) in assessments.enumerated() {
            guard let current = best?.1 else { best = (i, a); continue }
            let newer =
                (a.date ?? "", a.assessor.stage, i) >= (current.date ?? "", current.assessor.stage, best?.0 ?? 0)
            if newer { best = (i, a) }
        }
        return best?.1
    }
}

extension Assessor {
    /// Order within a plan's cycle, for assessments of the same date.
    var stage: Int {
        switch self {
        case .selfAssessment: 1
        case .irmProgress: 2
        case .irmEndOfTerm: 3
        default: 0
        }
    }
}

/// Why a value is missing: the OGP's placeholders, kept as reasons rather than values.
public enum NoDataReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// `ND`: no data.
    case noData = "no-data"
    /// `NR`: not reviewed by the IRM.
    case notReviewed = "not-reviewed"
    /// `NA`: not applicable.
    case notApplicable = "not-applicable"
    /// `Unclear`: the IRM could not tell.
    case unclear

    /// The reason a placeholder stands for, or nil when `text` is a value (or empty).
    public static func placeholder(_ text: String) -> NoDataReason? {
        // Every field of a commitments sheet passes here, most of them long texts: look at the
        // characters between the surrounding blanks first and fold only a candidate of placeholder size
        // (uppercasing every description cost the mapper most of its time).
        let scalars = text.unicodeScalars
        let blank = CharacterSet.whitespaces
        guard let first = scalars.firstIndex(where: { !blank.contains($0) }),
            let last = scalars.lastIndex(where: { !blank.contains($0) }),
            scalars.distance(from: first, to: last) < 7
        else { return nil }
        return switch String(scalars[first...last]).uppercased() {
        case "ND", "N/D": .noData
        case "NR": .notReviewed
        case "NA", "N/A": .notApplicable
        case "UNCLEAR": .unclear
        default: nil
        }
    }
}

/// One IRM field: its label (`High`, `Moderate`), its numeric twin when the source gives one,
/// or why there is no data. Never both a label and a reason.
public struct AssessedValue: Codable, Sendable, Hashable {
    public var label: String?
    /// The source's numeric code for the label, as text (`3`).
    public var score: String?
    public var noData: NoDataReason?

    public init(label: String? = nil, score: String? = nil, noData: NoDataReason? = nil) {
        self.label = label
        self.score = score
        self.noData = noData
    }
}
