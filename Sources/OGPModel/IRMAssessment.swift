/// The OGP Independent Reporting Mechanism's assessment of one commitment, field by field.
/// Each field is a label with its numeric twin, or the reason there is no data (`ND`, `NR`…).
public struct IRMAssessment: Codable, Sendable, Hashable {
    /// How specific and measurable the commitment is (`None`, `Low`, `Medium`, `High`).
    public var specificity: AssessedValue?
    /// Whether its milestones can be verified (`Yes`, `No`).
    public var verifiable: AssessedValue?
    /// The OGP values it is relevant to: `access-to-information`, `civic-participation`,
    /// `public-accountability`, `technology` (sorted).
    public var relevance: [String]
    /// `None`, `Minor`, `Moderate`, `Transformative`.
    public var potentialImpact: AssessedValue?
    /// Completion in the progress (mid-term) report.
    public var completionProgress: AssessedValue?
    /// Completion at the end of term.
    public var completionEndOfTerm: AssessedValue?
    /// Starred commitment (`1`/`0`, 2015 formula or current one).
    public var starred: AssessedValue?
    /// Potential for results (newer action plan reviews).
    public var potentialForResults: AssessedValue?
    /// "Did it open government?" overall (`Major`, `Marginal`, `Did Not Change`, `Worsened`, `Outstanding`).
    public var didItOpenGovernment: AssessedValue?
    /// Early results (newer reports: `No notable results`, `Moderate`, `Significant`).
    public var earlyResults: AssessedValue?
    /// Publication years of the progress and end-of-term reports, and of the latest IRM report.
    public var progressReportYear: String?
    public var endOfTermReportYear: String?
    public var latestReportYear: String?

    public init(
        specificity: AssessedValue? = nil, verifiable: AssessedValue? = nil, relevance: [String] = [],
        potentialImpact: AssessedValue? = nil, completionProgress: AssessedValue? = nil,
        completionEndOfTerm: AssessedValue? = nil, starred: AssessedValue? = nil,
        potentialForResults: AssessedValue? = nil, didItOpenGovernment: AssessedValue? = nil,
        earlyResults: AssessedValue? = nil, progressReportYear: String? = nil, endOfTermReportYear: String? = nil,
        latestReportYear: String? = nil
    ) {
        self.specificity = specificity
        self.verifiable = verifiable
        self.relevance = relevance
        self.potentialImpact = potentialImpact
        self.completionProgress = completionProgress
        self.completionEndOfTerm = completionEndOfTerm
        self.starred = starred
        self.potentialForResults = potentialForResults
        self.didItOpenGovernment = didItOpenGovernment
        self.earlyResults = earlyResults
        self.progressReportYear = progressReportYear
        self.endOfTermReportYear = endOfTermReportYear
        self.latestReportYear = latestReportYear
    }
}

extension CanonicalJSON {
    mutating func irm(_ a: IRMAssessment) {
        object { o in
            o.assessed("completionEndOfTerm", a.completionEndOfTerm)
            o.assessed("completionProgress", a.completionProgress)
            o.assessed("didItOpenGovernment", a.didItOpenGovernment)
            o.assessed("earlyResults", a.earlyResults)
            o.string("endOfTermReportYear", a.endOfTermReportYear)
            o.string("latestReportYear", a.latestReportYear)
            o.assessed("potentialForResults", a.potentialForResults)
            o.assessed("potentialImpact", a.potentialImpact)
            o.string("progressReportYear", a.progressReportYear)
            o.strings("relevance", a.relevance)
            o.assessed("specificity", a.specificity)
            o.assessed("starred", a.starred)
            o.assessed("verifiable", a.verifiable)
        }
    }

    mutating func assessment(_ s: StatusAssessment) {
        object { o in
            o.string("assessor", s.assessor.rawValue)
            o.string("date", s.date)
            o.string("label", s.label)
            o.string("source", s.source?.rawValue)
            o.string("status", s.status.rawValue)
            o.string("url", s.url)
        }
    }
}

extension CanonicalJSON.ObjectFields {
    mutating func assessed(_ k: StaticString, _ v: AssessedValue?) {
        guard let v else { return }
        value(k) { j in
            j.object { o in
                o.string("label", v.label)
                o.string("noData", v.noData?.rawValue)
                o.string("score", v.score)
            }
        }
    }
}
