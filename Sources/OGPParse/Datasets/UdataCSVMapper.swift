import OGPModel

/// Maps rows of data.gouv.fr's catalogue export (`export-dataset-*.csv`) to dataset records,
/// by column name: the column order may change, missing optional columns are fine, unknown
/// columns are kept raw in `extras` under their header name.
///
/// Mapping: `id` → id (`dataset:<namespace>:<id>`) and `remoteID`; `title`, `acronym`;
/// `description` (markdown/HTML) → `body` as text, its links → `references`;
/// `description_short` → `summary`; `organization_id` → `organization` and a `publishedBy` link
/// (the name in `extras["organization"]`); `owner` (slug) → `owner`, `owner_id` → extras;
/// `license` label → normalised id + label; `frequency`; `temporal_coverage.*` (days);
/// `spatial.zones` → `spatial`, `spatial.granularity` → extras; `created_at`/`last_modified` →
/// `dates.published`/`modified` (UTC); `tags` (comma-separated); `archived` (`False` or a date)
/// → `archivedAtSource` with the date in extras; `featured` (`True`/`False`) → extras
/// `true`/`false`; `url` → page URL without language segment; `slug`, `resources_*`,
/// `harvest.*` → extras. Dates outside 1900 … now + 1 year are not mapped: their raw text goes
/// to extras under the column name, with a warning. `metric.*` and `quality_score` (which
/// change with every export) are dropped unless `context.options["metrics"] == "keep"`, in
/// which case they are kept raw, `*_by_months` dicts included.
public struct UdataCSVMapper: Sendable {
    /// The header, trimmed.
    public let header: [String]
    private let index: [String: Int]
    private let idColumn: Int

    private static let mapped: Set<String> = [
        "id", "title", "slug", "acronym", "url", "organization", "organization_id", "owner", "owner_id",
        "description", "description_short", "frequency", "license", "temporal_coverage.start",
        "temporal_coverage.end", "spatial.granularity", "spatial.zones", "featured", "created_at",
        "last_modified", "tags", "archived", "harvest.backend", "harvest.domain", "harvest.created_at",
        "harvest.modified_at", "harvest.remote_url", "private", "deleted", "uri",
    ]

    /// Reads the header. Throws a ``ParseError`` (`missingField`) when there is no `id` column.
    public init(header: [String]) throws {
        let names = header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        guard let id = index["id"] else {
            throw ParseError(.missingField, "the CSV header has no `id` column (columns: \(names.prefix(10).joined(separator: ";")))")
        }
        self.header = names
        self.index = index
        self.idColumn = id
    }

    /// Maps one row: a dataset record, or a failed item (wrong field count, no id) named
    /// `<context.url>:<line>`.
    public func map(_ row: CSVRow, context: ParseContext) -> ItemResult {
        let item = "\(context.url):\(row.line)"
        guard row.fields.count == header.count else {
            return .failed(ItemFailure(
                item: item, url: context.url, line: row.line, offset: row.offset, code: "field-count",
                reason: "expected \(header.count) fields, found \(row.fields.count)"))
        }
        guard let id = UdataFields.nonEmpty(row.fields[idColumn]) else {
            return .failed(ItemFailure(
                item: item, url: context.url, line: row.line, offset: row.offset, code: "missing-id",
                reason: "the row has no id"))
        }
        let f = row.fields
        func col(_ name: String) -> String? {
            guard let i = index[name] else { return nil }
            return f[i]
        }
        var d = UdataDatasetDraft(remoteID: id)
        d.title = col("title")
        d.acronym = col("acronym")
        d.slug = col("slug")
        d.page = col("url")
        d.uri = col("uri")
        d.description = col("description")
        d.descriptionShort = col("description_short")
        d.organizationID = col("organization_id")
        d.organizationName = col("organization")
        d.ownerID = col("owner_id")
        d.ownerSlug = col("owner")
        d.frequency = col("frequency")
        d.licenseLabel = col("license")
        d.temporalStart = col("temporal_coverage.start")
        d.temporalEnd = col("temporal_coverage.end")
        d.granularity = col("spatial.granularity")
        d.zones = UdataFields.list(col("spatial.zones"))
        d.featured = UdataFields.bool(col("featured"))
        d.isPrivate = UdataFields.bool(col("private")) ?? false
        d.createdAt = col("created_at")
        d.lastModified = col("last_modified")
        d.tags = UdataFields.list(col("tags"))
        d.archived = col("archived")
        d.deleted = col("deleted")
        for key in ["backend", "domain", "created_at", "modified_at", "remote_url"] {
            if let v = col("harvest.\(key)") { d.harvest[key] = v }
        }
        let keepMetrics = context.options["metrics"] == "keep"
        for (i, name) in header.enumerated() where !Self.mapped.contains(name) {
            let isMetric = name.hasPrefix("metric.") || name == "quality_score"
            guard !isMetric || keepMetrics, let v = UdataFields.nonEmpty(f[i]) else { continue }
            d.extras[name] = v
        }
        let record = d.record(context: context, parser: "udata-csv")
        var records = [record]
        if context.options["organizations"] == "true", let org = organization(d, context: context) {
            records.append(org)
        }
        return .parsed(item: id, records: records)
    }

    /// A minimal organisation record (id and name) for the row's organisation.
    private func organization(_ d: UdataDatasetDraft, context: ParseContext) -> Record? {
        guard let orgID = UdataFields.nonEmpty(d.organizationID) else { return nil }
        return Record(
            id: RecordID(kind: .organization, namespace: UdataFields.namespace(context), remoteID: orgID),
            kind: .organization, title: UdataFields.nonEmpty(d.organizationName) ?? orgID,
            provenance: [context.provenance(item: orgID, parser: "udata-csv", version: UdataFields.parserVersion)],
            organization: OrganizationInfo(remoteID: orgID))
    }
}
