/// Fields of an action plan record.
public struct ActionPlanInfo: Codable, Sendable, Hashable {
    /// ISO 3166 alpha-2 (`FR`).
    public var country: String
    /// `government` or `parliament`.
    public var institution: String
    /// First and last year of the plan (`2021`, `2023`).
    public var startYear: Int?
    public var endYear: Int?
    /// The number of commitments the plan announced.
    public var announcedCommitments: Int?
    /// Axes or themes announced for the plan, in order.
    public var axes: [String]
    /// Status counts reported for the plan's commitments, each dated by its publication.
    public var statusReports: [StatusReport]

    public init(
        country: String = "FR", institution: String = "government", startYear: Int? = nil, endYear: Int? = nil,
        announcedCommitments: Int? = nil, axes: [String] = [], statusReports: [StatusReport] = []
    ) {
        self.country = country
        self.institution = institution
        self.startYear = startYear
        self.endYear = endYear
        self.announcedCommitments = announcedCommitments
        self.axes = axes
        self.statusReports = statusReports
    }
}

/// Counts of commitments per OGP status, as stated by one publication.
public struct StatusReport: Codable, Sendable, Hashable {
    public var counts: [String: Int]
    /// The date of the publication stating it.
    public var date: String?
    public var source: RecordID?

    public init(counts: [CommitmentStatus: Int], date: String?, source: RecordID?) {
        self.counts = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
        self.date = date
        self.source = source
    }
}

/// Fields of a commitment record.
///
/// The fields added for the OGP commitments database (`ogpID`, `numberLabel`, `assessments`,
/// `irm`) are left out of the JSON when empty, so records that do not use them keep their bytes.
public struct CommitmentInfo: Codable, Sendable, Hashable {
    /// The plan's record id.
    public var plan: RecordID?
    /// The commitment's number in its plan (1-based), when it is a whole number.
    public var number: Int?
    /// The number as the source writes it (`1.1`, `3.2.5`), when the source has one.
    public var numberLabel: String?
    /// The OGP's unique identifier (`FR0001`).
    public var ogpID: String?
    public var axis: String?
    /// Ambitions or milestones, in order.
    public var milestones: [String]
    public var leadInstitutions: [String]
    public var supportingInstitutions: [String]
    /// The current status: the latest assessment's (see ``StatusAssessment/latest(_:)``).
    public var status: CommitmentStatus
    /// The status label as the source wrote it.
    public var statusLabel: String?
    /// Every status assessment known, in source order.
    public var assessments: [StatusAssessment]
    /// The IRM's assessment fields.
    public var irm: IRMAssessment?

    public init(
        plan: RecordID? = nil, number: Int? = nil, numberLabel: String? = nil, ogpID: String? = nil,
        axis: String? = nil, milestones: [String] = [],
        leadInstitutions: [String] = [], supportingInstitutions: [String] = [],
        status: CommitmentStatus = .unknown, statusLabel: String? = nil,
        assessments: [StatusAssessment] = [], irm: IRMAssessment? = nil
    ) {
        self.plan = plan
        self.number = number
        self.numberLabel = numberLabel
        self.ogpID = ogpID
        self.axis = axis
        self.milestones = milestones
        self.leadInstitutions = leadInstitutions
        self.supportingInstitutions = supportingInstitutions
        self.status = status
        self.statusLabel = statusLabel
        self.assessments = assessments
        self.irm = irm
    }

    /// The number for people: the source's label, else the whole number.
    public var displayNumber: String? { numberLabel ?? number.map(String.init) }

    /// Sets `status` and `statusLabel` from the latest assessment (unchanged when there is none).
    public mutating func applyLatestAssessment() {
        guard let latest = StatusAssessment.latest(assessments) else { return }
        status = latest.status
        statusLabel = latest.label
    }

    enum CodingKeys: String, CodingKey {
        case plan, number, numberLabel, ogpID, axis, milestones, leadInstitutions, supportingInstitutions
        case status, statusLabel, assessments, irm
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        plan = try c.decodeIfPresent(RecordID.self, forKey: .plan)
        number = try c.decodeIfPresent(Int.self, forKey: .number)
        numberLabel = try c.decodeIfPresent(String.self, forKey: .numberLabel)
        ogpID = try c.decodeIfPresent(String.self, forKey: .ogpID)
        axis = try c.decodeIfPresent(String.self, forKey: .axis)
        milestones = try c.decode([String].self, forKey: .milestones)
        leadInstitutions = try c.decode([String].self, forKey: .leadInstitutions)
        supportingInstitutions = try c.decode([String].self, forKey: .supportingInstitutions)
        status = try c.decode(CommitmentStatus.self, forKey: .status)
        statusLabel = try c.decodeIfPresent(String.self, forKey: .statusLabel)
        assessments = try c.decodeIfPresent([StatusAssessment].self, forKey: .assessments) ?? []
        irm = try c.decodeIfPresent(IRMAssessment.self, forKey: .irm)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(plan, forKey: .plan)
        try c.encodeIfPresent(number, forKey: .number)
        try c.encodeIfPresent(numberLabel, forKey: .numberLabel)
        try c.encodeIfPresent(ogpID, forKey: .ogpID)
        try c.encodeIfPresent(axis, forKey: .axis)
        try c.encode(milestones, forKey: .milestones)
        try c.encode(leadInstitutions, forKey: .leadInstitutions)
        try c.encode(supportingInstitutions, forKey: .supportingInstitutions)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(statusLabel, forKey: .statusLabel)
        if !assessments.isEmpty { try c.encode(assessments, forKey: .assessments) }
        try c.encodeIfPresent(irm, forKey: .irm)
    }
}

/// Fields of a dataset record.
public struct DatasetInfo: Codable, Sendable, Hashable {
    /// The portal's own id (data.gouv.fr's 24-hex id).
    public var remoteID: String
    public var acronym: String?
    /// The publishing organisation's record id.
    public var organization: RecordID?
    /// The owner's name when published by a person rather than an organisation.
    public var owner: String?
    /// Normalised licence id (`lov2`, `odc-odbl`, `cc-by`, …) and its label.
    public var license: String?
    public var licenseLabel: String?
    public var frequency: String?
    public var temporalStart: String?
    public var temporalEnd: String?
    public var spatial: [String]
    /// The dataset's URI at its portal.
    public var uri: String?
    public var archivedAtSource: Bool
    public var deletedAtSource: Bool
    public var distributions: [Distribution]
    /// Followers and reuses at the portal, as a level (nil: none known).
    public var popularity: DatasetPopularity?

    public init(
        remoteID: String, acronym: String? = nil, organization: RecordID? = nil, owner: String? = nil,
        license: String? = nil, licenseLabel: String? = nil, frequency: String? = nil,
        temporalStart: String? = nil, temporalEnd: String? = nil, spatial: [String] = [], uri: String? = nil,
        archivedAtSource: Bool = false, deletedAtSource: Bool = false, distributions: [Distribution] = [],
        popularity: DatasetPopularity? = nil
    ) {
        self.remoteID = remoteID
        self.acronym = acronym
        self.organization = organization
        self.owner = owner
        self.license = license
        self.licenseLabel = licenseLabel
        self.frequency = frequency
        self.temporalStart = temporalStart
        self.temporalEnd = temporalEnd
        self.spatial = spatial
        self.uri = uri
        self.archivedAtSource = archivedAtSource
        self.deletedAtSource = deletedAtSource
        self.distributions = distributions
        self.popularity = popularity
    }
}

/// One file or API of a dataset (a udata "resource", a DCAT distribution).
public struct Distribution: Codable, Sendable, Hashable {
    public var id: String?
    public var title: String?
    public var url: String
    public var format: String?
    public var mimeType: String?
    public var size: Int64?
    /// `algorithm:value`, e.g. `sha1:…`.
    public var checksum: String?
    /// `main`, `documentation`, `api`, `update`, `code`, `other`.
    public var type: String?
    public var modified: String?

    public init(
        id: String? = nil, title: String? = nil, url: String, format: String? = nil, mimeType: String? = nil,
        size: Int64? = nil, checksum: String? = nil, type: String? = nil, modified: String? = nil
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.format = format
        self.mimeType = mimeType
        self.size = size
        self.checksum = checksum
        self.type = type
        self.modified = modified
    }
}

/// Fields of an organisation record.
public struct OrganizationInfo: Codable, Sendable, Hashable {
    public var remoteID: String
    public var acronym: String?
    public var logo: String?

    public init(remoteID: String, acronym: String? = nil, logo: String? = nil) {
        self.remoteID = remoteID
        self.acronym = acronym
        self.logo = logo
    }
}
