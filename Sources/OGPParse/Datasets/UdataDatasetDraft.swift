import Foundation
import OGPModel

/// The fields of one udata dataset as read from either source (API entry or export row),
/// before normalisation. Both decoders fill one and call ``record(context:parser:)``, so that
/// the same dataset gives the same record values whichever way it was read.
struct UdataDatasetDraft {
    var remoteID: String
    var title: String?
    var acronym: String?
    var slug: String?
    var page: String?
    var uri: String?
    var description: String?
    var descriptionShort: String?
    var organizationID: String?
    var organizationName: String?
    var ownerID: String?
    var ownerSlug: String?
    var ownerName: String?
    var frequency: String?
    var licenseID: String?
    var licenseLabel: String?
    var temporalStart: String?
    var temporalEnd: String?
    var granularity: String?
    var zones: [String] = []
    var featured: Bool?
    var isPrivate = false
    var createdAt: String?
    var lastModified: String?
    var tags: [String] = []
    /// The archival date, or `true` when the source only gives a flag.
    var archived: String?
    var deleted: String?
    /// `harvest.*` fields (backend, domain, created_at, modified_at, remote_url, remote_id).
    var harvest: [String: String] = [:]
    /// Source fields kept as they are (metrics when asked, unknown export columns).
    var extras = [String: String](minimumCapacity: 16)
    var distributions: [Distribution] = []
    /// Followers and reuses at the portal (`metric.*`), kept as a level whatever the metrics option.
    var popularity: DatasetPopularity?
    var warnings: [String] = []

    init(remoteID: String) {
        self.remoteID = remoteID
    }

    /// The dataset record.
    func record(context: ParseContext, parser: String) -> Record {
        let ns = UdataFields.namespace(context)
        let now = UdataFields.now(context)
        var warnings = self.warnings
        var extras = self.extras
        func put(_ key: String, _ value: String?) {
            if let v = UdataFields.nonEmpty(value) { extras[key] = v }
        }
        put("slug", slug)
        put("organization", organizationName)
        put("owner_id", ownerID)
        put("owner.name", ownerName)
        put("spatial.granularity", granularity)
        if let featured { extras["featured"] = featured ? "true" : "false" }
        for key in ["backend", "domain", "remote_url", "remote_id"] { put("harvest.\(key)", harvest[key]) }
        for key in ["created_at", "modified_at"] {
            let k = "harvest.\(key)"
            put(k, UdataFields.date(harvest[key], key: k, now: now, warnings: &warnings, extras: &extras))
        }
        let published = UdataFields.date(createdAt, key: "created_at", now: now, warnings: &warnings, extras: &extras)
        let modified = UdataFields.date(
            lastModified, key: "last_modified", now: now, warnings: &warnings, extras: &extras)
        let start = UdataFields.date(
            temporalStart, key: "temporal_coverage.start", now: now, day: true, warnings: &warnings, extras: &extras)
        let end = UdataFields.date(
            temporalEnd, key: "temporal_coverage.end", now: now, day: true, warnings: &warnings, extras: &extras)
        var archivedAtSource = false
        if let raw = UdataFields.nonEmpty(archived), UdataFields.bool(raw) != false {
            archivedAtSource = true
            if UdataFields.bool(raw) == nil {
                put("archived", UdataFields.date(raw, key: "archived", now: now, warnings: &warnings, extras: &extras))
            }
        }
        let deletedAtSource = UdataFields.nonEmpty(deleted).map { UdataFields.bool($0) != false } ?? false
        let license = UdataFields.license(id: licenseID, label: licenseLabel)

        let body = UdataFields.text(description)
        let summary = UdataFields.text(descriptionShort)
        let orgRecordID = UdataFields.nonEmpty(organizationID).map {
            UdataFields.recordID(.organization, ns, $0)
        }
        var title = UdataFields.nonEmpty(self.title)
        if title == nil {
            warnings.append("missing title")
            title = slug ?? remoteID
        }
        let pageURL = UdataFields.pageURL(page)
        let info = DatasetInfo(
            remoteID: remoteID, acronym: UdataFields.nonEmpty(acronym), organization: orgRecordID,
            owner: UdataFields.nonEmpty(ownerSlug) ?? UdataFields.nonEmpty(ownerName),
            license: license.id, licenseLabel: license.label, frequency: UdataFields.nonEmpty(frequency),
            temporalStart: start, temporalEnd: end, spatial: zones, uri: UdataFields.nonEmpty(uri),
            archivedAtSource: archivedAtSource, deletedAtSource: deletedAtSource, distributions: distributions,
            popularity: popularity)
        return Record(
            id: UdataFields.recordID(.dataset, ns, remoteID), kind: .dataset,
            title: title ?? remoteID, summary: summary?.text, body: body?.text,
            dates: RecordDates(published: published, modified: modified),
            tags: tags, url: pageURL, draft: isPrivate, warnings: warnings,
            links: orgRecordID.map { [RecordLink(.publishedBy, $0)] } ?? [],
            references: mergedLinks(body?.references ?? [], summary?.references ?? []),
            extras: extras,
            provenance: [context.provenance(item: remoteID, parser: parser, version: UdataFields.parserVersion)],
            dataset: info)
    }

    private func mergedLinks(_ a: [String], _ b: [String]) -> [String] {
        guard !b.isEmpty else { return a }
        var seen = Set(a)
        return a + b.filter { seen.insert($0).inserted }
    }
}
