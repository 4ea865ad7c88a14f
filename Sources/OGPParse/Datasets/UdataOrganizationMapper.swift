import Foundation
import OGPModel

/// Maps a udata organisation object (embedded in a dataset, or from
/// `/api/1/organizations/{id}/`) to an `organization` record.
public enum UdataOrganizationMapper {
    /// Decodes an organisation detail response; a failure when it is not one.
    public static func decode(_ data: Data, context: ParseContext) -> ItemResult {
        guard let json = try? UdataJSON.parse(data), let record = record(json, context: context) else {
            return .failed(
                ItemFailure(
                    item: context.url, url: context.url, code: "invalid-organization",
                    reason: "not an organisation object"))
        }
        return .parsed(item: record.organization?.remoteID ?? context.url, records: [record])
    }

    /// The record of an organisation object; nil for a bare id or an object without id.
    static func record(_ org: UdataJSON, context: ParseContext) -> Record? {
        guard org.object != nil, let id = UdataFields.nonEmpty(org["id"]?.string) else { return nil }
        let ns = UdataFields.namespace(context)
        let now = UdataFields.now(context)
        var warnings: [String] = []
        var extras: [String: String] = [:]
        if let slug = UdataFields.nonEmpty(org["slug"]?.string) { extras["slug"] = slug }
        if let siret = UdataFields.nonEmpty(org["business_number_id"]?.string) { extras["business_number_id"] = siret }
        let badges = org["badges"]?.array?.compactMap { $0["kind"]?.string } ?? []
        if !badges.isEmpty { extras["badges"] = badges.joined(separator: ",") }
        let published = UdataFields.date(
            org["created_at"]?.string, key: "created_at", now: now, warnings: &warnings, extras: &extras)
        let modified = UdataFields.date(
            org["last_modified"]?.string, key: "last_modified", now: now, warnings: &warnings, extras: &extras)
        let body = UdataFields.text(org["description"]?.string)
        return Record(
            id: UdataFields.recordID(.organization, ns, id), kind: .organization,
            title: UdataFields.nonEmpty(org["name"]?.string) ?? id, body: body?.text,
            dates: RecordDates(published: published, modified: modified),
            url: UdataFields.pageURL(org["page"]?.string), warnings: warnings, references: body?.references ?? [],
            extras: extras,
            provenance: [context.provenance(item: id, parser: "udata", version: UdataFields.parserVersion)],
            organization: OrganizationInfo(
                remoteID: id, acronym: UdataFields.nonEmpty(org["acronym"]?.string),
                logo: UdataFields.nonEmpty(org["logo"]?.string)))
    }
}
