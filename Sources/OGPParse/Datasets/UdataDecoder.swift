import Foundation
import OGPModel

/// Decodes udata API v1 responses (data.gouv.fr and other udata portals) into dataset and
/// organisation records. Pure: takes bytes, never fetches.
///
/// Mapping of a dataset entry: `id` (24-hex, never the slug) → id and `remoteID`; `title`,
/// `acronym`; `description` (markdown/HTML) → `body` as text and its links → `references`;
/// `description_short` → `summary`; `organization` (object or id) → `organization` +
/// `publishedBy` link + an `organization` record; `owner` (object) → `owner` (slug, else name),
/// `owner_id`/`owner.name` extras; `tags`; `license` → normalised id + label; `frequency`;
/// `temporal_coverage` (days); `spatial.zones` → `spatial`, granularity → extras;
/// `created_at`/`last_modified` → dates (UTC, implausible ones kept raw in extras with a
/// warning); `archived`/`deleted` → flags; `private` → `draft`; `page` → url (without the
/// language segment, as in the export; when absent or an API URL, the human page is derived
/// from `uri` or the API's host and the slug, never the API URL); `uri`; `resources` → distributions (title, url,
/// format, mime, filesize, `type:value` checksum, type, last modified); `slug`, `featured`,
/// `harvest.*` → extras like the export's columns; `metrics` only with
/// `options["metrics"] == "keep"`, but `metrics.followers` + `metrics.reuses` always as the
/// dataset's ``DatasetPopularity``.
public enum UdataDecoder {
    /// Decodes a list page: `{data: […], page, page_size, total, next_page}`, or one dataset's
    /// detail as a page of one.
    public static func decodePage(_ data: Data, context: ParseContext) -> UdataPage {
        let json: UdataJSON
        do {
            json = try UdataJSON.parse(data)
        } catch let error as ParseError {
            return UdataPage(failure: pageFailure(data, error: error, context: context))
        } catch {
            return UdataPage(
                failure: ItemFailure(item: context.url, url: context.url, code: "invalid-json", reason: "\(error)"))
        }
        let entries: [UdataJSON]
        if let list = json["data"]?.array {
            entries = list
        } else if json.looksLikeWordPressList {
            return UdataPage(
                failure: ItemFailure(
                    item: context.url, url: context.url, code: "unexpected-shape",
                    reason: "a list of posts (`title.rendered`), not udata datasets"))
        } else if let list = json.array {
            entries = list
        } else if json["id"]?.string != nil, json["title"] != nil, json["slug"] != nil || json["resources"] != nil {
            // One dataset (`/api/1/datasets/{id}/`, a dataset page's URL): a page of one.
            entries = [json]
        } else {
            return UdataPage(failure: errorPayload(json, context: context))
        }
        var page = UdataPage(
            nextPage: UdataFields.nonEmpty(json["next_page"]?.string), total: json["total"]?.int64.map { Int($0) },
            pageSize: json["page_size"]?.int64.map { Int($0) }, page: json["page"]?.int64.map { Int($0) })
        for (n, entry) in entries.enumerated() {
            let result = decodeEntry(entry, index: n, context: context)
            if case .parsed(let id, _) = result, isIncomplete(entry) { page.incomplete.append(id) }
            page.items.append(result)
        }
        return page
    }

    /// Decodes a detail response (`/api/1/datasets/{id}/`).
    public static func decodeDataset(_ data: Data, context: ParseContext) -> ItemResult {
        do {
            let json = try UdataJSON.parse(data)
            guard json["id"] != nil else { return .failed(errorPayload(json, context: context)) }
            return decodeEntry(json, index: nil, context: context)
        } catch let error as ParseError {
            return .failed(pageFailure(data, error: error, context: context))
        } catch {
            return .failed(ItemFailure(item: context.url, url: context.url, code: "invalid-json", reason: "\(error)"))
        }
    }

    /// Whether a list entry lacks fields worth a detail fetch: resources given as a link or
    /// missing, or no licence, description or dates.
    public static func isIncomplete(_ entry: Data) -> Bool {
        guard let json = try? UdataJSON.parse(entry) else { return true }
        return isIncomplete(json)
    }

    static func isIncomplete(_ entry: UdataJSON) -> Bool {
        guard entry["resources"]?.array != nil else { return true }
        for key in ["license", "description", "last_modified"] where entry[key] == nil { return true }
        return entry["created_at"] == nil && entry["created_at_internal"] == nil
    }

    /// The detail URL of a dataset: `options["api"]` (e.g. `https://www.data.gouv.fr/api/1`)
    /// or the part of `context.url` before `/datasets`, then `/datasets/{id}/`.
    public static func detailURL(remoteID: String, context: ParseContext) -> String {
        var base = context.options["api"] ?? context.url
        if context.options["api"] == nil, let r = base.range(of: "/datasets") { base = String(base[..<r.lowerBound]) }
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/datasets/\(remoteID)/"
    }

    static func decodeEntry(_ entry: UdataJSON, index: Int?, context: ParseContext) -> ItemResult {
        let item = index.map { "\(context.url)#\($0)" } ?? context.url
        guard entry.object != nil else {
            return .failed(
                ItemFailure(item: item, url: context.url, code: "invalid-entry", reason: "entry is not an object"))
        }
        guard let id = UdataFields.nonEmpty(entry["id"]?.string) else {
            return .failed(ItemFailure(item: item, url: context.url, code: "missing-id", reason: "entry has no id"))
        }
        var d = UdataDatasetDraft(remoteID: id)
        d.title = entry["title"]?.string
        d.acronym = entry["acronym"]?.string
        d.slug = entry["slug"]?.string
        d.uri = entry["uri"]?.string
        // After `uri`: the human page is derived from it when `page` is absent.
        d.page = UdataFields.humanPage(
            page: entry["page"]?.string, uri: d.uri, slug: d.slug, id: id, apiURL: context.url)
        d.description = entry["description"]?.string
        d.descriptionShort = entry["description_short"]?.string
        var orgRecord: Record?
        if let org = entry["organization"], !org.isNull {
            d.organizationID = org.object == nil ? org.string : org["id"]?.string
            d.organizationName = org["name"]?.string
            orgRecord = UdataOrganizationMapper.record(org, context: context)
        }
        if let owner = entry["owner"], !owner.isNull {
            d.ownerID = owner.object == nil ? owner.string : owner["id"]?.string
            d.ownerSlug = owner["slug"]?.string
            let name = [owner["first_name"]?.string, owner["last_name"]?.string].compactMap { $0 }.joined(
                separator: " ")
            d.ownerName = name.isEmpty ? nil : name
        }
        d.frequency = entry["frequency"]?.string
        d.licenseID = entry["license"]?.string
        d.temporalStart = entry["temporal_coverage"]?["start"]?.string
        d.temporalEnd = entry["temporal_coverage"]?["end"]?.string
        d.granularity = entry["spatial"]?["granularity"]?.string
        d.zones = entry["spatial"]?["zones"]?.array?.compactMap { $0.string ?? $0["id"]?.string } ?? []
        d.featured = entry["featured"]?.bool
        d.isPrivate = entry["private"]?.bool ?? false
        d.createdAt = entry["created_at"]?.string ?? entry["created_at_internal"]?.string
        d.lastModified = entry["last_modified"]?.string ?? entry["last_modified_internal"]?.string
        d.tags = entry["tags"]?.array?.compactMap { UdataFields.nonEmpty($0.string) } ?? []
        d.archived = entry["archived"]?.string
        d.deleted = entry["deleted"]?.string
        if let harvest = entry["harvest"]?.object {
            for key in ["backend", "domain", "created_at", "modified_at", "remote_url", "remote_id"] {
                if let v = harvest[key]?.string { d.harvest[key] = v }
            }
        }
        // The first contact point, for the DCAT export's `dcat:contactPoint` (`contact_point.*` extras).
        if let contact = entry["contact_points"]?.array?.first?.object {
            for (key, field) in [("name", "name"), ("email", "email"), ("url", "contact_form")] {
                if let v = UdataFields.nonEmpty(contact[field]?.string) { d.extras["contact_point.\(key)"] = v }
            }
        }
        if let metrics = entry["metrics"]?.object {
            d.popularity = DatasetPopularity(followers: metrics["followers"]?.string, reuses: metrics["reuses"]?.string)
        }
        if context.options["metrics"] == "keep", let metrics = entry["metrics"]?.object {
            for (k, v) in metrics { if let s = v.string { d.extras["metric.\(k)"] = s } }
        }
        if let link = entry["resources"]?.object, let total = link["total"]?.int64, total > 0 {
            // The API v2 lists a dataset's resources apart: say they are missing, not "none".
            d.warnings.append(
                "\(total) resources given as a link to another list (udata API v2): not read; use the API v1 URL")
        }
        for (n, resource) in (entry["resources"]?.array ?? []).enumerated() {
            if let dist = distribution(resource) {
                d.distributions.append(dist)
            } else {
                d.warnings.append("resource \(n + 1) has no url")
            }
        }
        var records = [d.record(context: context, parser: "udata")]
        if let orgRecord { records.append(orgRecord) }
        return .parsed(item: id, records: records)
    }

    static func distribution(_ r: UdataJSON) -> Distribution? {
        guard let url = UdataFields.nonEmpty(r["url"]?.string) ?? UdataFields.nonEmpty(r["latest"]?.string) else {
            return nil
        }
        var checksum: String?
        if let value = UdataFields.nonEmpty(r["checksum"]?["value"]?.string) {
            checksum = "\(r["checksum"]?["type"]?.string ?? "sha1"):\(value)"
        }
        let modified = (r["last_modified"]?.string).flatMap { ISODate.normalize($0) }
        return Distribution(
            id: UdataFields.nonEmpty(r["id"]?.string), title: UdataFields.nonEmpty(r["title"]?.string), url: url,
            format: UdataFields.nonEmpty(r["format"]?.string)?.lowercased(),
            mimeType: UdataFields.nonEmpty(r["mime"]?.string),
            size: r["filesize"]?.int64, checksum: checksum, type: UdataFields.nonEmpty(r["type"]?.string),
            modified: modified)
    }

    /// A JSON error payload (`{"message": …, "status": 404}`) or an object without `data`.
    private static func errorPayload(_ json: UdataJSON, context: ParseContext) -> ItemFailure {
        let message = json["message"]?.string ?? json["error"]?.string
        let status = json["status"]?.string ?? json["code"]?.string
        if message != nil || status != nil {
            return ItemFailure(
                item: context.url, url: context.url, code: "error-payload",
                reason: "the API answered an error\(status.map { " \($0)" } ?? ""): \(message ?? "no message")")
        }
        return ItemFailure(
            item: context.url, url: context.url, code: "unexpected-shape", reason: "no `data` list in the response")
    }

    private static func pageFailure(_ data: Data, error: ParseError, context: ParseContext) -> ItemFailure {
        let head = String(decoding: data.prefix(512), as: UTF8.self).lowercased()
        if head.contains("<html") || head.contains("<!doctype") {
            return ItemFailure(
                item: context.url, url: context.url, code: "unexpected-html",
                reason: "the response is an HTML page, not JSON")
        }
        if data.isEmpty {
            return ItemFailure(
                item: context.url, url: context.url, code: "empty-response", reason: "the response is empty")
        }
        return error.failure(item: context.url, url: context.url)
    }
}
