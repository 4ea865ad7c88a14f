import Dispatch
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
/// which case they are kept raw, `*_by_months` dicts included; `metric.followers` +
/// `metric.reuses` always give the dataset's ``DatasetPopularity`` (a level, stable from one
/// export to the next).
public struct UdataCSVMapper: Sendable {
    /// The header, trimmed.
    public let header: [String]
    private let idColumn: Int
    /// For each ``Column``, its index in the header, or -1 when absent.
    private let slots: [Int]
    /// Columns not mapped to a field, kept in extras: (index, name, is a metric).
    private let extraColumns: [(index: Int, name: String, metric: Bool)]
    /// `metric.followers` and `metric.reuses`, or -1.
    private let followersColumn: Int
    private let reusesColumn: Int

    /// The columns mapped to fields, in ``Column`` order.
    private static let mapped: [String] = [
        "id",
        "title",
        "slug",
        "acronym",
        "url",
        "organization",
        "organization_id",
        "owner",
        "owner_id",
        "description",
        "description_short",
        "frequency",
        "license",
        "temporal_coverage.start",
        "temporal_coverage.end",
        "spatial.granularity",
        "spatial.zones",
        "featured",
        "created_at",
        "last_modified",
        "tags",
        "archived",
        "harvest.backend",
        "harvest.domain",
        "harvest.created_at",
        "harvest.modified_at",
        "harvest.remote_url",
        "private",
        "deleted",
        "uri",
    ]
    private static let mappedSet = Set(mapped)

    private static let harvestColumns: [(String, Column)] = [
        ("backend", .harvestBackend), ("domain", .harvestDomain), ("created_at", .harvestCreatedAt),
        ("modified_at", .harvestModifiedAt), ("remote_url", .harvestRemoteURL),
    ]

    /// Positions in ``mapped``.
    private enum Column: Int {
        case id, title, slug, acronym, url, organization, organizationID, owner, ownerID, description
        case descriptionShort, frequency, license, temporalStart, temporalEnd, granularity, zones, featured
        case createdAt, lastModified, tags, archived, harvestBackend, harvestDomain, harvestCreatedAt
        case harvestModifiedAt, harvestRemoteURL, isPrivate, deleted, uri
    }

    /// Reads the header. Throws a ``ParseError`` (`missingField`) when there is no `id` column.
    public init(header: [String]) throws {
        let names = header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        guard let id = index["id"] else {
            throw ParseError(
                .missingField, "the CSV header has no `id` column (columns: \(names.prefix(10).joined(separator: ";")))"
            )
        }
        self.header = names
        self.idColumn = id
        self.slots = Self.mapped.map { index[$0] ?? -1 }
        self.followersColumn = index["metric.followers"] ?? -1
        self.reusesColumn = index["metric.reuses"] ?? -1
        self.extraColumns = names.enumerated().compactMap { i, name in
            guard !Self.mappedSet.contains(name), index[name] == i else { return nil }
            return (i, name, name.hasPrefix("metric.") || name == "quality_score")
        }
    }

    /// Maps one row: a dataset record, or a failed item (wrong field count, no id) named
    /// `<context.url>:<line>`.
    public func map(_ row: CSVRow, context: ParseContext) -> ItemResult {
        // Named only when the row fails (an interpolated string per row was a cost of its own).
        var item: String { "\(context.url):\(row.line)" }
        guard row.fields.count == header.count else {
            return .failed(
                ItemFailure(
                    item: item, url: context.url, line: row.line, offset: row.offset, code: "field-count",
                    reason: "expected \(header.count) fields, found \(row.fields.count)"))
        }
        guard let id = UdataFields.nonEmpty(row.fields[idColumn]) else {
            return .failed(
                ItemFailure(
                    item: item, url: context.url, line: row.line, offset: row.offset, code: "missing-id",
                    reason: "the row has no id"))
        }
        let f = row.fields
        func col(_ column: Column) -> String? {
            let i = slots[column.rawValue]
            return i >= 0 ? f[i] : nil
        }
        var d = UdataDatasetDraft(remoteID: id)
        d.title = col(.title)
        d.acronym = col(.acronym)
        d.slug = col(.slug)
        d.page = col(.url)
        d.uri = col(.uri)
        d.description = col(.description)
        d.descriptionShort = col(.descriptionShort)
        d.organizationID = col(.organizationID)
        d.organizationName = col(.organization)
        d.ownerID = col(.ownerID)
        d.ownerSlug = col(.owner)
        d.frequency = col(.frequency)
        d.licenseLabel = col(.license)
        d.temporalStart = col(.temporalStart)
        d.temporalEnd = col(.temporalEnd)
        d.granularity = col(.granularity)
        d.zones = UdataFields.list(col(.zones))
        d.featured = UdataFields.bool(col(.featured))
        d.isPrivate = UdataFields.bool(col(.isPrivate)) ?? false
        d.createdAt = col(.createdAt)
        d.lastModified = col(.lastModified)
        d.tags = UdataFields.list(col(.tags))
        d.archived = col(.archived)
        d.deleted = col(.deleted)
        for (key, column) in Self.harvestColumns {
            if let v = col(column), !v.isEmpty { d.harvest[key] = v }
        }
        d.popularity = DatasetPopularity(
            followers: followersColumn >= 0 ? f[followersColumn] : nil, reuses: reusesColumn >= 0 ? f[reusesColumn] : nil)
        let keepMetrics = context.options["metrics"] == "keep"
        for column in extraColumns where keepMetrics || !column.metric {
            if let v = UdataFields.nonEmpty(f[column.index]) { d.extras[column.name] = v }
        }
        let record = d.record(context: context, parser: "udata-csv")
        var records = [record]
        if context.options["organizations"] == "true", let org = organization(d, context: context) {
            records.append(org)
        }
        return .parsed(item: id, records: records)
    }

    /// Maps a batch of rows on `parallelism` threads (mapping is pure and dominates the cost of
    /// an export run); results are in row order, as ``map(_:context:)`` would give them.
    public func map(_ rows: [CSVRow], context: ParseContext, parallelism: Int = 2) -> [ItemResult] {
        let workers = Swift.max(1, Swift.min(parallelism, rows.count))
        guard workers > 1 else { return rows.map { map($0, context: context) } }
        var results = [ItemResult?](repeating: nil, count: rows.count)
        let chunk = (rows.count + workers - 1) / workers
        results.withUnsafeMutableBufferPointer { out in
            let slots = ResultSlots(base: out.baseAddress)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                guard let base = slots.base else { return }
                let start = w * chunk
                let end = Swift.min(rows.count, start + chunk)
                var i = start
                while i < end {
                    (base + i).pointee = map(rows[i], context: context)
                    i += 1
                }
            }
        }
        return results.compactMap { $0 }
    }

    /// A minimal organisation record (id and name) for the row's organisation.
    private func organization(_ d: UdataDatasetDraft, context: ParseContext) -> Record? {
        guard let orgID = UdataFields.nonEmpty(d.organizationID) else { return nil }
        return Record(
            id: UdataFields.recordID(.organization, UdataFields.namespace(context), orgID),
            kind: .organization, title: UdataFields.nonEmpty(d.organizationName) ?? orgID,
            provenance: [context.provenance(item: orgID, parser: "udata-csv", version: UdataFields.parserVersion)],
            organization: OrganizationInfo(remoteID: orgID))
    }
}

/// The result array's storage, shared by ``UdataCSVMapper/map(_:context:parallelism:)``'s
/// workers; each writes a disjoint range, and the array outlives them (concurrentPerform
/// returns when all are done).
private struct ResultSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<ItemResult?>?
}
