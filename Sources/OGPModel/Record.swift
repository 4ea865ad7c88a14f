/// One normalised record of the catalogue: an action plan, a commitment, a publication,
/// a dataset or an organisation.
///
/// The common fields live here; the kind-specific ones in the optional `actionPlan`,
/// `commitment`, `dataset` and `organization` parts (only the one matching `kind` is set).
/// Dates are ISO 8601 strings (see ``ISODate``), so that what a source said is never
/// silently changed by a round trip through a calendar.
public struct Record: Codable, Sendable, Hashable {
    public var id: RecordID
    public var kind: RecordKind
    public var title: String
    /// A short lead or abstract, plain text.
    public var summary: String?
    /// The full text, plain (markup removed), paragraphs separated by blank lines.
    public var body: String?
    /// BCP 47 language of `title`/`summary`/`body` (`fr` for almost everything here).
    public var language: String
    /// The same content in other languages (qTranslate's English text), by language.
    public var translations: [String: Translation]
    public var dates: RecordDates
    public var tags: [String]
    public var themes: [String]
    /// The record's page at the source.
    public var url: String?
    /// A draft at the source (`published: false`): kept, never shown by default.
    public var draft: Bool
    /// Recovered from broken input: some content may be missing (see `warnings`).
    public var partial: Bool
    public var warnings: [String]
    /// Links to other records (commitment → plan, publication → plan, commitment → dataset).
    public var links: [RecordLink]
    /// Hyperlinks found in the content, in document order, without duplicates.
    public var references: [String]
    /// Source fields ogp does not map, kept as text (front matter keys, CSV columns).
    public var extras: [String: String]
    /// Where the record came from; several entries when several sources describe it.
    public var provenance: [Provenance]
    /// Set when the record is archived (never deleted).
    public var archived: Archival?

    public var actionPlan: ActionPlanInfo?
    public var commitment: CommitmentInfo?
    public var dataset: DatasetInfo?
    public var organization: OrganizationInfo?

    public init(
        id: RecordID, kind: RecordKind, title: String, summary: String? = nil, body: String? = nil,
        language: String = "fr", translations: [String: Translation] = [:], dates: RecordDates = RecordDates(),
        tags: [String] = [], themes: [String] = [], url: String? = nil, draft: Bool = false,
        partial: Bool = false, warnings: [String] = [], links: [RecordLink] = [], references: [String] = [],
        extras: [String: String] = [:], provenance: [Provenance] = [], archived: Archival? = nil,
        actionPlan: ActionPlanInfo? = nil, commitment: CommitmentInfo? = nil,
        dataset: DatasetInfo? = nil, organization: OrganizationInfo? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.summary = summary
        self.body = body
        self.language = language
        self.translations = translations
        self.dates = dates
        self.tags = tags
        self.themes = themes
        self.url = url
        self.draft = draft
        self.partial = partial
        self.warnings = warnings
        self.links = links
        self.references = references
        self.extras = extras
        self.provenance = provenance
        self.archived = archived
        self.actionPlan = actionPlan
        self.commitment = commitment
        self.dataset = dataset
        self.organization = organization
    }
}

/// A record's text in another language.
public struct Translation: Codable, Sendable, Hashable {
    public var title: String?
    public var summary: String?
    public var body: String?

    public init(title: String? = nil, summary: String? = nil, body: String? = nil) {
        self.title = title
        self.summary = summary
        self.body = body
    }
}

/// Dates of a record: what the source says, and what ogp observed.
public struct RecordDates: Codable, Sendable, Hashable {
    /// Published (or created) at the source.
    public var published: String?
    /// Last modified at the source.
    public var modified: String?
    /// First harvested by ogp (set by the store).
    public var firstSeen: String?
    /// Last seen at the source by a harvest (set by the store).
    public var lastSeen: String?
    /// Last time the record's content changed in the catalogue (set by the store).
    public var lastChanged: String?

    public init(
        published: String? = nil, modified: String? = nil,
        firstSeen: String? = nil, lastSeen: String? = nil, lastChanged: String? = nil
    ) {
        self.published = published
        self.modified = modified
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.lastChanged = lastChanged
    }
}

/// A typed link from one record to another.
public struct RecordLink: Codable, Sendable, Hashable {
    public enum Relation: String, Codable, Sendable, CaseIterable {
        /// commitment → its action plan
        case partOf
        /// publication → a plan or commitment it reports on
        case reportsOn
        /// commitment or publication → a dataset
        case usesDataset
        /// dataset → its publishing organisation
        case publishedBy
        /// a likely duplicate of another record (same title and date)
        case duplicateOf
    }

    public var relation: Relation
    public var target: RecordID

    public init(_ relation: Relation, _ target: RecordID) {
        self.relation = relation
        self.target = target
    }
}

/// Why and when a record was archived.
public struct Archival: Codable, Sendable, Hashable {
    /// e.g. `not-on-remote`, `deleted-at-source`, `manual`.
    public var reason: String
    public var at: String

    public init(reason: String, at: String) {
        self.reason = reason
        self.at = at
    }
}
