import Foundation
import OGPModel

/// The fields of one catalogue dataset as read by any portal decoder (CKAN, OpenDataSoft,
/// DCAT), before normalisation. Each decoder fills one and calls ``records(context:parser:)``,
/// so that every portal kind gives records of one shape: a dataset record (with its
/// distributions) and, when a publisher is named, its organisation record.
struct CatalogDataset {
    /// The portal's own id of the dataset (CKAN `id`, ODS `dataset_id`, DCAT node URI).
    var remoteID: String
    /// The dataset's global identifier when it has one (DCAT `dct:identifier` / URI).
    var identifier: String?
    var slug: String?
    var title: String?
    var description: String?
    /// Title and description in other languages (`en`, `de`, …).
    var translations: [String: Translation] = [:]
    var tags: [String] = []
    var themes: [String] = []
    var publisherID: String?
    var publisherName: String?
    var publisherURL: String?
    var contactPoint: String?
    var licenseID: String?
    var licenseLabel: String?
    var licenseURL: String?
    var created: String?
    var modified: String?
    var frequency: String?
    var temporalStart: String?
    var temporalEnd: String?
    var spatial: [String] = []
    /// The dataset's human page at the portal (CKAN `url` or the portal page, DCAT landing page).
    var landingPage: String?
    var isPrivate = false
    var distributions: [Distribution] = []
    /// Source fields kept as text: `harvest.remote_id`, `harvest.remote_url`, `harvest.domain`
    /// (the origin of a harvested copy), spatial geometry, CKAN extras, conformsTo, …
    var extras: [String: String] = [:]
    var warnings: [String] = []
    /// The dataset's own URL at the portal's API (its provenance): never the listing page's,
    /// whose offset changes when other datasets move, which would make every record "updated".
    var provenanceURL: String?
    /// The publisher's URL for its organisation record's provenance.
    var publisherProvenanceURL: String?

    init(remoteID: String) {
        self.remoteID = remoteID
    }

    static let parserVersion = "1"

    /// The dataset record, followed by its publisher's organisation record when named.
    func records(context: ParseContext, parser: String) -> [Record] {
        let ns = context.source
        let now = UdataFields.now(context)
        var warnings = self.warnings
        var extras = self.extras
        let published = CatalogDate.field(created, key: "created", now: now, warnings: &warnings, extras: &extras)
        let modified = CatalogDate.field(modified, key: "modified", now: now, warnings: &warnings, extras: &extras)
        let start = CatalogDate.field(
            temporalStart, key: "temporal.start", now: now, day: true, warnings: &warnings, extras: &extras)
        let end = CatalogDate.field(
            temporalEnd, key: "temporal.end", now: now, day: true, warnings: &warnings, extras: &extras)
        if let slug = UdataFields.nonEmpty(slug) { extras["slug"] = slug }
        if let url = UdataFields.nonEmpty(licenseURL) { extras["license_url"] = url }
        if let contact = UdataFields.nonEmpty(contactPoint) { extras["contact_point"] = contact }
        if let identifier = UdataFields.nonEmpty(identifier), identifier != remoteID {
            extras["identifier"] = identifier
        }
        let license = CatalogLicense.normalize(id: licenseID, label: licenseLabel, url: licenseURL)
        let body = UdataFields.text(description.map(Self.repairMojibake))
        var org: Record?
        var orgID: RecordID?
        if let name = UdataFields.nonEmpty(publisherName) ?? UdataFields.nonEmpty(publisherID) {
            let remote = UdataFields.nonEmpty(publisherID) ?? name
            let id = RecordID(kind: .organization, namespace: ns, remoteID: remote)
            orgID = id
            extras["organization"] = name
            org = Record(
                id: id, kind: .organization, title: name, url: UdataFields.nonEmpty(publisherURL),
                provenance: [
                    context.provenance(
                        item: remote, url: publisherProvenanceURL ?? Self.withoutQuery(context.url), parser: parser,
                        version: Self.parserVersion)
                ],
                organization: OrganizationInfo(remoteID: remote))
        }
        var title = UdataFields.nonEmpty(self.title)
        if title == nil {
            warnings.append("missing title")
            title = UdataFields.nonEmpty(slug) ?? remoteID
        }
        let uri =
            UdataFields.nonEmpty(identifier).flatMap { CatalogDate.isURI($0) ? $0 : nil }
            ?? (CatalogDate.isURI(remoteID) ? remoteID : nil)
        let info = DatasetInfo(
            remoteID: remoteID, organization: orgID, license: license.id, licenseLabel: license.label,
            frequency: CatalogFrequency.normalize(frequency), temporalStart: start, temporalEnd: end,
            spatial: spatial, uri: uri, distributions: distributions)
        let dataset = Record(
            id: RecordID(kind: .dataset, namespace: ns, remoteID: remoteID), kind: .dataset,
            title: title ?? remoteID, body: body?.text, translations: translations,
            dates: RecordDates(published: published, modified: modified), tags: Self.unique(tags),
            themes: Self.unique(themes), url: UdataFields.nonEmpty(landingPage), draft: isPrivate, warnings: warnings,
            links: orgID.map { [RecordLink(.publishedBy, $0)] } ?? [], references: body?.references ?? [],
            extras: extras,
            provenance: [
                context.provenance(
                    item: remoteID, url: provenanceURL ?? Self.withoutQuery(context.url), parser: parser,
                    version: Self.parserVersion)
            ],
            dataset: info)
        return org.map { [dataset, $0] } ?? [dataset]
    }

    static func withoutQuery(_ url: String) -> String {
        url.firstIndex(of: "?").map { String(url[..<$0]) } ?? url
    }

    /// U+00A0 encoded twice (UTF-8 bytes read as Latin-1, `Â` + no-break space), common in
    /// old exports, back to a space.
    /// The check is a byte search (Foundation's `contains` goes through `NSString` and was 4 % of
    /// a CKAN harvest's CPU); a combining circumflex (U+0302, `CC 82`), which Foundation would
    /// also match after an `A`, takes Foundation's path so that the result stays the same.
    static func repairMojibake(_ s: String) -> String {
        mayHoldMojibake(s) ? s.replacingOccurrences(of: "Â\u{A0}", with: " ") : s
    }

    /// Whether `s` holds `Â` + U+00A0 (`C3 82 C2 A0`) or a combining circumflex (`CC 82`).
    static func mayHoldMojibake(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            guard b.count >= 2 else { return false }
            for i in 0..<(b.count - 1) where b[i + 1] == 0x82 {
                if b[i] == 0xCC { return true }
                if b[i] == 0xC3, i + 3 < b.count, b[i + 2] == 0xC2, b[i + 3] == 0xA0 { return true }
            }
            return false
        }
    }

    /// Trimmed, non-empty, first occurrence kept.
    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.compactMap { UdataFields.nonEmpty($0) }.filter { seen.insert($0).inserted }
    }
}
