import Foundation
import OGPModel

/// Decodes CKAN Action API v3 responses (`package_search`, `package_show`) and DKAN's variant
/// (`result` a list, French-locale dates, `license_title` a URL) into dataset and organisation
/// records. Pure: takes bytes, never fetches.
///
/// Mapping: `id` → remote id; `name` → slug; `title`; `notes` (markdown or HTML) → body;
/// `tags` → tags; `groups` → themes; `organization` → publisher (an organisation record);
/// `maintainer_email`/`author_email` → contact point; `license_id`/`license_title`/`license_url`
/// → licence; `metadata_created`/`metadata_modified` → dates; `url` → landing page (else the
/// portal's `/dataset/{name}` page); `extras` → spatial, temporal, frequency, identifier/uri,
/// `harvest_*` (kept as `extras.*`, origin fields as `harvest.*`); `resources` → distributions
/// (`url`, `format`, `mimetype`, `size`, `last_modified`, `name`, `description`, `hash`).
public enum CKANDecoder {
    static let parser = "ckan"

    /// Decodes a `package_search` page (`result.results`), a `package_show` response
    /// (`result` an object) or DKAN's (`result` a list).
    public static func decodePage(_ data: Data, context: ParseContext) -> CatalogPage {
        let json: UdataJSON
        do {
            json = try UdataJSON.parse(data, skipKeys: unreadKeys)
        } catch let error as ParseError {
            return CatalogPage.notJSON(Array(data.prefix(512)), error: error, context: context)
        } catch {
            return CatalogPage.failed(context, code: "invalid-json", "\(error)")
        }
        return decodePage(json: json, context: context)
    }

    /// A page from its JSON value (read without ``unreadKeys``, or in full: the same page).
    static func decodePage(json: UdataJSON, context: ParseContext) -> CatalogPage {
        if json["success"]?.bool == false || json["error"]?.object != nil {
            let message = json["error"]?["message"]?.string ?? json["error"]?["__type"]?.string ?? "no message"
            return CatalogPage.failed(context, code: "error-payload", "the CKAN API answered an error: \(message)")
        }
        let result = json["result"] ?? json
        var entries: [UdataJSON]
        var total: Int?
        if let list = result["results"]?.array {
            entries = list
            total = result["count"]?.int64.map { Int(clamping: $0) }
        } else if result.looksLikeWordPressList {
            return CatalogPage.failed(
                context, code: "unexpected-shape", "a list of posts (`title.rendered`), not CKAN packages")
        } else if let list = result.array {
            entries = list
        } else if result["id"] != nil || result["name"] != nil {
            entries = [result]
        } else {
            return CatalogPage.failed(
                context, code: "unexpected-shape", "no `result.results` list nor package in the response")
        }
        var page = CatalogPage(total: total)
        page.items.reserveCapacity(entries.count)
        for (n, entry) in entries.enumerated() {
            page.items.append(decodePackage(entry, index: n, context: context))
        }
        entries.removeAll()
        return page
    }

    /// Members of CKAN's answers this decoder never reads, at any depth (package bookkeeping,
    /// resources' cache and datastore fields, descriptions of organisations, groups and
    /// resources): checked as JSON but not built, about half of a package's members.
    static let unreadKeys: [[UInt8]] = [
        "version", "revision_id", "isopen", "type", "datatype", "thumbnail", "author", "creator_user_id",
        "maintainer", "kinds", "category", "num_tags", "num_resources", "relationships_as_subject",
        "relationships_as_object", "position", "package_id", "data_type", "description", "cache_url",
        "cache_last_updated", "mimetype_inner", "url_type", "datastore_active",
        "datastore_contains_all_records_of_source_file", "image_url", "image_display_url", "is_organization",
        "approval_status",
    ].map { Array($0.utf8) }

    /// Whether a page came from a saved response (`file:`), which names no portal to link to.
    public static func isSavedResponse(_ url: String) -> Bool {
        url.utf8.count >= 5 && url.prefix(5).lowercased() == "file:"
    }

    /// The portal root of an API or portal URL: the part before `/api/`, or for a page of the
    /// portal's site pasted from a browser (`…/dataset/?q=gap`, `…/dataset/a-slug`,
    /// `…/organization/x`, `…/group/y`) the part before that page (see ``browserPage(_:)``).
    public static func portalRoot(_ url: String) -> String {
        browserPage(url)?.root ?? apiRoot(url)
    }

    /// The part of `url` before `/api/` (or its query), without trailing slashes.
    public static func apiRoot(_ url: String) -> String {
        var root = url
        if let r = root.range(of: "/api/3/") ?? root.range(of: "/api/action/") ?? root.range(of: "/api/") {
            root = String(root[..<r.lowerBound])
        }
        if let q = root.firstIndex(of: "?") { root = String(root[..<q]) }
        while root.hasSuffix("/") { root.removeLast() }
        return root
    }

    /// The path segments that begin a page of a CKAN site (the portal root is what precedes them).
    static let pageSegments: Set<String> = ["dataset", "organization", "group"]

    /// A CKAN site page pasted from a browser: the portal root before its `dataset`,
    /// `organization` or `group` segment, and the search the page shows as `package_search`
    /// parameters, built as CKAN's own search page builds them: `q` kept; every other query
    /// parameter but `sort`, `page` and `_…`/`ext_…` ones a facet (`tags=eau` → `fq=tags:"eau"`);
    /// `/organization/x` → `organization:"x"`, `/group/y` → `groups:"y"`, `/dataset/slug` →
    /// `name:"slug"` (that one dataset). Nil for an API URL or a URL without such a segment.
    public static func browserPage(_ url: String) -> (root: String, params: [(String, String)])? {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            let host = components.host, !components.path.contains("/api/")
        else { return nil }
        let segments = components.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let at = segments.firstIndex(where: { pageSegments.contains($0.lowercased()) }) else { return nil }
        var root = "\(scheme)://\(host)"
        if let port = components.port { root += ":\(port)" }
        for segment in segments[..<at] { root += "/" + segment }
        var filters: [String] = []
        if at + 1 < segments.count {
            let name = (segments[at + 1].removingPercentEncoding ?? segments[at + 1]).replacingOccurrences(
                of: "\"", with: "")
            switch segments[at].lowercased() {
            case "organization": filters.append("organization:\"\(name)\"")
            case "group": filters.append("groups:\"\(name)\"")
            default: filters.append("name:\"\(name)\"")
            }
        }
        var params: [(String, String)] = []
        for item in components.queryItems ?? [] {
            guard let value = item.value, !value.isEmpty else { continue }
            switch item.name {
            case "q": params.append(("q", value))
            case "fq": filters.append(value)
            case "sort", "page": continue
            default:
                if item.name.hasPrefix("_") || item.name.hasPrefix("ext_") { continue }
                filters.append("\(item.name):\"\(value.replacingOccurrences(of: "\"", with: ""))\"")
            }
        }
        if !filters.isEmpty { params.append(("fq", filters.joined(separator: " "))) }
        return (root, params.sorted { $0.0 < $1.0 })
    }

    static func decodePackage(_ p: UdataJSON, index: Int, context: ParseContext) -> ItemResult {
        let item = "\(context.url)#\(index)"
        guard p.object != nil else {
            return .failed(
                ItemFailure(
                    item: item, url: context.url, code: "invalid-entry", reason: "package \(index + 1) is not an object"
                ))
        }
        guard let id = UdataFields.nonEmpty(p["id"]?.string) ?? UdataFields.nonEmpty(p["name"]?.string) else {
            return .failed(
                ItemFailure(
                    item: item, url: context.url, code: "missing-id", reason: "package \(index + 1) has no id nor name")
            )
        }
        var d = CatalogDataset(remoteID: id)
        d.slug = p["name"]?.string
        d.title = p["title"]?.string
        d.description = p["notes"]?.string
        d.tags = (p["tags"]?.array ?? []).compactMap { $0["display_name"]?.string ?? $0["name"]?.string ?? $0.string }
        d.themes = (p["groups"]?.array ?? []).compactMap { g in
            UdataFields.nonEmpty(g["title"]?.string) ?? g["name"]?.string ?? g.string
        }
        if let org = p["organization"], org.object != nil {
            d.publisherID = org["name"]?.string ?? org["id"]?.string
            d.publisherName = UdataFields.nonEmpty(org["title"]?.string) ?? org["name"]?.string
        } else if let owner = UdataFields.nonEmpty(p["owner_org"]?.string) {
            d.publisherID = owner
        }
        d.contactPoint =
            UdataFields.nonEmpty(p["maintainer_email"]?.string) ?? UdataFields.nonEmpty(p["author_email"]?.string)
        d.licenseID = p["license_id"]?.string
        d.licenseLabel = p["license_title"]?.string
        d.licenseURL = p["license_url"]?.string
        d.created = p["metadata_created"]?.string
        d.modified = p["metadata_modified"]?.string
        d.isPrivate = p["private"]?.bool ?? false
        let root = portalRoot(context.url)
        let saved = isSavedResponse(context.url)
        // A saved response names no portal: its records point into the file, never at made-up API paths.
        d.provenanceURL = saved ? "\(context.url)#\(id)" : "\(root)/api/3/action/package_show?id=\(id)"
        if let org = d.publisherID, !saved {
            d.publisherProvenanceURL = "\(root)/api/3/action/organization_show?id=\(org)"
        }
        if let url = UdataFields.nonEmpty(p["url"]?.string), CatalogDate.isURI(url) {
            d.landingPage = url
        } else if let name = UdataFields.nonEmpty(d.slug), !saved {
            d.landingPage = "\(root)/dataset/\(name)"
        }
        if let state = UdataFields.nonEmpty(p["state"]?.string)?.lowercased(), state != "active" {
            d.extras["state"] = state
        }
        for extra in p["extras"]?.array ?? [] {
            guard let key = UdataFields.nonEmpty(extra["key"]?.string),
                let value = UdataFields.nonEmpty(extra["value"]?.string)
            else { continue }
            applyExtra(key, value, to: &d)
        }
        for (n, r) in (p["resources"]?.array ?? []).enumerated() {
            if let dist = distribution(r) {
                d.distributions.append(dist)
            } else {
                d.warnings.append("resource \(n + 1) has no url")
            }
        }
        return .parsed(item: id, records: d.records(context: context, parser: parser))
    }

    /// CKAN extras (ckanext-spatial, ckanext-dcat, ckanext-harvest, DKAN's GeoNetwork fields).
    static func applyExtra(_ key: String, _ value: String, to d: inout CatalogDataset) {
        d.extras["extras.\(key)"] = value
        switch key {
        case "spatial", "spatial_text", "spatial_uri": d.spatial.append(value)
        case "temporal_start", "temporal_coverage_from": d.temporalStart = value
        case "temporal_end", "temporal_coverage_to": d.temporalEnd = value
        case "frequency", "frequency-of-update", "accrual_periodicity", "update_frequency": d.frequency = value
        case "uri", "identifier", "dcat_identifier":
            if d.identifier == nil || key == "identifier" { d.identifier = value }
        case "guid": d.extras["harvest.remote_id"] = value
        case "harvest_url", "source_url", "original_url": d.extras["harvest.remote_url"] = value
        case "contact-email", "contact_email": if d.contactPoint == nil { d.contactPoint = value }
        case "language", "metadata-language": d.extras["language"] = value
        default: break
        }
    }

    static func distribution(_ r: UdataJSON) -> Distribution? {
        guard let url = UdataFields.nonEmpty(r["url"]?.string) else { return nil }
        var checksum: String?
        if let hash = UdataFields.nonEmpty(r["hash"]?.string) {
            checksum =
                hash.utf8.contains(UInt8(ascii: ":"))
                ? hash : "\(hash.utf8.count == 64 ? "sha256" : hash.utf8.count == 32 ? "md5" : "sha1"):\(hash)"
        }
        let mime = UdataFields.nonEmpty(r["mimetype"]?.string).flatMap { $0.utf8.contains(UInt8(ascii: "/")) ? $0 : nil }
        return Distribution(
            id: UdataFields.nonEmpty(r["id"]?.string), title: UdataFields.nonEmpty(r["name"]?.string), url: url,
            format: UdataFields.nonEmpty(r["format"]?.string)?.lowercased() ?? (mime == nil ? FormatGuess.format(url: url) : nil),
            mimeType: mime, size: size(r["size"]),
            checksum: checksum, type: UdataFields.nonEmpty(r["resource_type"]?.string),
            modified: (r["last_modified"]?.string ?? r["created"]?.string).flatMap(CatalogDate.normalize))
    }

    /// A size as a number, or text beginning with digits (`"42 octets"`); nil otherwise or negative.
    static func size(_ v: UdataJSON?) -> Int64? {
        if let n = v?.int64 { return n >= 0 ? n : nil }
        guard let s = v?.string else { return nil }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int64(digits)
    }
}
