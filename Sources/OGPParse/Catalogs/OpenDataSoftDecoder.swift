import Foundation
import OGPModel

/// Decodes OpenDataSoft catalogue listings into dataset and organisation records: the Explore
/// API v2.1 (`/api/explore/v2.1/catalog/datasets`: `{total_count, results}`), v2.0 (`datasets[]`
/// wrapping each entry in `dataset`) and the legacy v1 (`/api/datasets/1.0/search/`: `{nhits,
/// datasets}` with flat `metas`), and a single dataset object of any of them. Pure.
///
/// Mapping of `metas.default` (v2) or `metas` (v1): `title`; `description` (HTML) → body;
/// `theme` → themes and `keyword` → tags (each a string, a list or null); `license`,
/// `license_url`; `modified` → modified, `metadata_processed`/`data_processed` → extras;
/// `publisher` → organisation; `territory`/`geographic_reference` → spatial; `records_count`,
/// `references` → extras. `dataset_id` → remote id (v1 `datasetid`), `dataset_uid` → extras.
/// One distribution per export format (`…/exports/{format}`, geographic formats only for
/// datasets with the `geo` feature; `options["exports"]` overrides the list), plus attachments
/// and alternative exports. The landing page is the portal's `/explore/dataset/{id}/`.
public enum OpenDataSoftDecoder {
    static let parser = "opendatasoft"
    /// Exports offered for every dataset with records, then those of geographic datasets.
    static let defaultExports = ["csv", "json", "xlsx", "parquet"]
    static let geoExports = ["geojson", "shp", "kml"]

    public static func decodePage(_ data: Data, context: ParseContext) -> CatalogPage {
        let json: UdataJSON
        do {
            json = try UdataJSON.parse(data)
        } catch let error as ParseError {
            return CatalogPage.notJSON(Array(data.prefix(512)), error: error, context: context)
        } catch {
            return CatalogPage.failed(context, code: "invalid-json", "\(error)")
        }
        if let code = json["error_code"]?.string ?? json["error"]?.string {
            let message = json["message"]?.string ?? json["error"]?.string ?? code
            return CatalogPage.failed(
                context, code: "error-payload", "the OpenDataSoft API answered an error \(code): \(message)")
        }
        let entries: [UdataJSON]
        let total: Int64?
        if let list = json["results"]?.array {
            entries = list
            total = json["total_count"]?.int64
        } else if let list = json["datasets"]?.array {
            entries = list.map { $0["dataset"] ?? $0 }
            total = json["total_count"]?.int64 ?? json["nhits"]?.int64
        } else if json["dataset_id"] != nil || json["datasetid"] != nil || json["dataset"]?.object != nil {
            entries = [json["dataset"] ?? json]
            total = 1
        } else {
            return CatalogPage.failed(
                context, code: "unexpected-shape", "no `results` nor `datasets` list in the response")
        }
        var page = CatalogPage(total: total.map { Int(clamping: $0) })
        page.items.reserveCapacity(entries.count)
        for (n, entry) in entries.enumerated() {
            page.items.append(decodeDataset(entry, index: n, context: context))
        }
        return page
    }

    /// Decodes the catalogue export (`/catalog/exports/json`: a JSON array of datasets shaped as
    /// v2.1's `results`), the way past the Explore API's offset cap. Each dataset is handed to
    /// `emit` as soon as it is read, so a catalogue of any size never sits in memory as values.
    /// Another shape (an error payload, a listing) is decoded as a page and its items emitted.
    /// The returned page has no items, its total is the number read, and its failure is set when
    /// the document breaks midway (the datasets before the break were emitted). Throws only
    /// what `emit` throws.
    public static func decodeExport(
        _ data: Data, context: ParseContext, emit: (ItemResult) throws -> Void
    ) throws -> CatalogPage {
        var count = 0
        var emitError: (any Error)?
        do {
            let isArray = try UdataJSON.forEachElement(data) { entry, _ in
                do { try emit(decodeDataset(entry, index: count, context: context)) } catch {
                    emitError = error
                    throw error
                }
                count += 1
            }
            if !isArray {
                var page = decodePage(data, context: context)
                for item in page.items { try emit(item) }
                page.items = []
                return page
            }
        } catch let error as ParseError where emitError == nil {
            if count == 0 { return CatalogPage.notJSON(Array(data.prefix(512)), error: error, context: context) }
            return CatalogPage(total: count, failure: error.failure(item: context.url, url: context.url))
        }
        if let emitError { throw emitError }
        return CatalogPage(total: count)
    }

    /// The portal root of an API URL: the part before `/api/`.
    /// A page copied from the portal's web interface (`/explore/`, `/explore/dataset/x/`,
    /// `/pages/…`, `/map/…`) gives its portal too: the path is cut where those begin.
    public static func portalRoot(_ url: String) -> String {
        var cut = url
        if !url.contains("/api/") {
            for marker in ["/explore/", "/explore?", "/pages/", "/map/"] {
                if let r = cut.range(of: marker) { cut = String(cut[..<r.lowerBound]) }
            }
            if cut.hasSuffix("/explore") { cut.removeLast("/explore".count) }
        }
        return CKANDecoder.apiRoot(cut)
    }

    static func decodeDataset(_ e: UdataJSON, index: Int, context: ParseContext) -> ItemResult {
        let item = "\(context.url)#\(index)"
        guard e.object != nil else {
            return .failed(
                ItemFailure(
                    item: item, url: context.url, code: "invalid-entry", reason: "dataset \(index + 1) is not an object"
                ))
        }
        guard let id = UdataFields.nonEmpty(e["dataset_id"]?.string ?? e["datasetid"]?.string) else {
            return .failed(
                ItemFailure(
                    item: item, url: context.url, code: "missing-id", reason: "dataset \(index + 1) has no dataset_id"))
        }
        let v1 = e["datasetid"] != nil
        let metas = e["metas"]?["default"] ?? e["metas"] ?? .object([:])
        var d = CatalogDataset(remoteID: id)
        d.slug = id
        d.title = metas["title"]?.string
        d.description = metas["description"]?.string
        d.tags = strings(metas["keyword"], split: true)
        d.themes = strings(metas["theme"], split: false)
        d.publisherName = metas["publisher"]?.string
        d.licenseLabel = metas["license"]?.string
        d.licenseURL = metas["license_url"]?.string
        d.modified = metas["modified"]?.string
        d.created = metas["created"]?.string ?? metas["issued"]?.string
        d.frequency = metas["update_frequency"]?.string ?? metas["accrualperiodicity"]?.string
        d.spatial = strings(metas["territory"], split: false)
        if d.spatial.isEmpty { d.spatial = strings(metas["geographic_reference"], split: false) }
        for key in ["dataset_uid"] { if let v = UdataFields.nonEmpty(e[key]?.string) { d.extras[key] = v } }
        for key in ["records_count", "references", "metadata_processed", "data_processed", "language", "attributions"] {
            if let v = UdataFields.nonEmpty(metas[key]?.string) { d.extras[key] = v }
        }
        let root = portalRoot(context.url)
        if CKANDecoder.isSavedResponse(context.url) {
            // A saved response names no portal: no page or export URL can be made up from a path.
            d.provenanceURL = "\(context.url)#\(id)"
        } else {
            d.landingPage = "\(root)/explore/dataset/\(id)/"
            d.provenanceURL = v1 ? "\(root)/api/datasets/1.0/\(id)/" : "\(root)/api/explore/v2.1/catalog/datasets/\(id)"
            d.publisherProvenanceURL = root
        }
        if let source = UdataFields.nonEmpty(metas["source_domain_address"]?.string) {
            d.extras["harvest.domain"] = source
            if let sourceID = UdataFields.nonEmpty(metas["source_dataset"]?.string) {
                d.extras["harvest.remote_id"] = sourceID
            }
        }
        d.distributions = distributions(e, id: id, root: root, v1: v1, context: context)
        return .parsed(item: id, records: d.records(context: context, parser: parser))
    }

    /// A string, a list of strings, or null; a string keyword list may be comma-separated.
    static func strings(_ v: UdataJSON?, split: Bool) -> [String] {
        if let list = v?.array { return list.compactMap { UdataFields.nonEmpty($0.string) } }
        guard let s = UdataFields.nonEmpty(v?.string) else { return [] }
        return split ? UdataFields.list(s) : [s]
    }

    static func distributions(
        _ e: UdataJSON, id: String, root: String, v1: Bool, context: ParseContext
    ) -> [Distribution] {
        var out: [Distribution] = []
        let escaped = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id
        let hasRecords =
            e["has_records"]?.bool
            ?? ((e["metas"]?["default"]?["records_count"] ?? e["metas"]?["records_count"])?.int64 ?? 1 > 0)
        let modified = (e["metas"]?["default"]?["data_processed"] ?? e["metas"]?["data_processed"])?.string.flatMap(
            CatalogDate.normalize)
        if hasRecords && !CKANDecoder.isSavedResponse(context.url) {
            var formats = defaultExports
            if let configured = context.lists["exports"] ?? context.options["exports"].map({ UdataFields.list($0) }) {
                formats = configured
            } else if (e["features"]?.array ?? []).contains(where: { $0.string == "geo" }) {
                formats += geoExports
            }
            for format in formats {
                let url =
                    v1
                    ? "\(root)/explore/dataset/\(escaped)/download?format=\(format)"
                    : "\(root)/api/explore/v2.1/catalog/datasets/\(escaped)/exports/\(format)"
                out.append(
                    Distribution(
                        id: "export-\(format)", title: "Export \(format.uppercased())", url: url, format: format,
                        type: "main", modified: modified))
            }
        }
        for (key, path) in [("attachments", "attachments"), ("alternative_exports", "alternative_exports")] {
            for a in e[key]?.array ?? [] {
                guard let aid = UdataFields.nonEmpty(a["id"]?.string) else { continue }
                var url = UdataFields.nonEmpty(a["url"]?.string) ?? ""
                if url.isEmpty || url.hasPrefix("odsfile://") {
                    if CKANDecoder.isSavedResponse(context.url) { continue }
                    url =
                        v1
                        ? "\(root)/api/datasets/1.0/\(escaped)/\(path)/\(aid)/"
                        : "\(root)/api/explore/v2.1/catalog/datasets/\(escaped)/\(path)/\(aid)"
                }
                let title = UdataFields.nonEmpty(a["title"]?.string)
                let ext = title.flatMap { t in
                    t.contains(".") ? t.split(separator: ".").last.map { String($0).lowercased() } : nil
                }
                out.append(
                    Distribution(
                        id: aid, title: title, url: url, format: ext,
                        mimeType: UdataFields.nonEmpty(a["mimetype"]?.string),
                        type: key == "attachments" ? "documentation" : "main"))
            }
        }
        return out
    }
}
