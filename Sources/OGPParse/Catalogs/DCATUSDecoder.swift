import Foundation
import OGPModel

/// Decodes DCAT-US 1.1 `data.json` catalogues (ArcGIS Hub, Socrata, US-style portals): the
/// `dataset` list with `identifier`, `title`, `description` (HTML), `keyword`, `theme`,
/// `issued`/`modified`, `publisher.name`, `contactPoint` (`fn`, `hasEmail`), `license`,
/// `landingPage`, `spatial`, `temporal` (`start/end`), `accrualPeriodicity` (ISO 8601
/// repeating durations) and `distribution` (`downloadURL`/`accessURL`, `mediaType`,
/// `format`, `title`, `description`).
enum DCATUSDecoder {
    static func decode(_ data: Data, context: ParseContext, emit: (ItemResult) throws -> Void) throws -> CatalogPage {
        let json: UdataJSON
        do {
            json = try UdataJSON.parse(data)
        } catch let error as ParseError {
            return CatalogPage.notJSON(Array(data.prefix(512)), error: error, context: context)
        }
        guard let list = json["dataset"]?.array ?? json.array else {
            return CatalogPage.failed(context, code: "unexpected-shape", "no `dataset` list in the data.json catalogue")
        }
        for (n, e) in list.enumerated() { try emit(dataset(e, index: n, context: context)) }
        return CatalogPage(total: list.count)
    }

    static func dataset(_ e: UdataJSON, index: Int, context: ParseContext) -> ItemResult {
        guard e.object != nil,
            let id = UdataFields.nonEmpty(e["identifier"]?.string) ?? UdataFields.nonEmpty(e["landingPage"]?.string)
        else {
            return .failed(
                ItemFailure(
                    item: "\(context.url)#\(index)", url: context.url, code: "missing-id",
                    reason: "dataset \(index + 1) has no identifier nor landingPage"))
        }
        var d = CatalogDataset(remoteID: id)
        d.identifier = id
        if CatalogDate.isURI(id) { d.provenanceURL = id }
        d.title = e["title"]?.string
        d.description = e["description"]?.string
        d.tags = OpenDataSoftDecoder.strings(e["keyword"], split: false)
        d.themes = OpenDataSoftDecoder.strings(e["theme"], split: false)
        d.created = e["issued"]?.string
        d.modified = e["modified"]?.string
        d.publisherName = e["publisher"]?["name"]?.string ?? e["publisher"]?.string
        let email = e["contactPoint"]?["hasEmail"]?.string.map {
            $0.hasPrefix("mailto:") ? String($0.dropFirst(7)) : $0
        }
        d.contactPoint = email ?? e["contactPoint"]?["fn"]?.string
        if let license = UdataFields.nonEmpty(e["license"]?.string) {
            if CatalogDate.isURI(license) {
                d.licenseURL = license
            } else {
                let text = UdataFields.text(license)
                d.licenseLabel = text?.text
                d.licenseURL = text?.references.first
            }
        }
        d.landingPage = e["landingPage"]?.string
        if let spatial = UdataFields.nonEmpty(e["spatial"]?.string) { d.spatial = [spatial] }
        if let temporal = UdataFields.nonEmpty(e["temporal"]?.string) {
            let parts = temporal.split(separator: "/", maxSplits: 1).map(String.init)
            d.temporalStart = parts.first
            if parts.count > 1 { d.temporalEnd = parts[1] }
        }
        d.frequency = e["accrualPeriodicity"]?.string
        if let access = UdataFields.nonEmpty(e["accessLevel"]?.string) { d.extras["access_level"] = access }
        for (n, x) in (e["distribution"]?.array ?? []).enumerated() {
            let download = UdataFields.nonEmpty(x["downloadURL"]?.string)
            guard let url = download ?? UdataFields.nonEmpty(x["accessURL"]?.string) else {
                d.warnings.append("distribution \(n + 1) has no URL")
                continue
            }
            d.distributions.append(
                Distribution(
                    title: UdataFields.nonEmpty(x["title"]?.string), url: url,
                    format: UdataFields.nonEmpty(x["format"]?.string)?.lowercased(),
                    mimeType: UdataFields.nonEmpty(x["mediaType"]?.string),
                    type: download == nil ? "api" : "main"))
        }
        return .parsed(item: id, records: d.records(context: context, parser: DCATDecoder.parser))
    }
}
