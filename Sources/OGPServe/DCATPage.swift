import Foundation
import OGPCatalog
import OGPModel
import OGPStore

/// `/catalog.jsonld`: the DCAT-AP export (OGPCatalog's ``DCATExporter`` descriptions) one page of
/// datasets at a time, with a Hydra `PartialCollectionView` linking the pages, so that a portal
/// (data.gouv.fr, CKAN's dcat harvester) can harvest the catalogue without one huge document.
enum DCATPage {
    static let defaultPageSize = 100
    static let maxPageSize = 1000

    static func render(store: SQLiteStore, page: Int, pageSize: Int, baseURL: String) throws -> Data {
        let total = try store.counts()[.dataset] ?? 0
        let last = max(1, (total + pageSize - 1) / pageSize)
        guard page <= last else { throw ServeError.notFound("la page \(page) n’existe pas (dernière : \(last))") }
        let records = try store.records(kind: .dataset, offset: (page - 1) * pageSize, limit: pageSize)
        let meta = Exporter.Metadata()
        func pageURL(_ n: Int) -> String { "\(baseURL)/catalog.jsonld?page=\(n)&page_size=\(pageSize)" }
        var view: [String: String] = [
            "@id": pageURL(page), "@type": "hydra:PartialCollectionView",
            "hydra:first": pageURL(1), "hydra:last": pageURL(last),
        ]
        if page > 1 { view["hydra:previous"] = pageURL(page - 1) }
        if page < last { view["hydra:next"] = pageURL(page + 1) }
        let encoder = JSONCoding.encoder
        var context = try JSONSerialization.jsonObject(with: DCATExporter.contextJSON()) as? [String: Any] ?? [:]
        context["hydra"] = "http://www.w3.org/ns/hydra/core#"
        let contextJSON = try JSONSerialization.data(
            withJSONObject: context, options: [.sortedKeys, .withoutEscapingSlashes])
        var out = Data("{\"@context\":".utf8)
        out.append(contextJSON)
        out.append(Data(",\"@graph\":[{\"@id\":".utf8))
        out.append(try encoder.encode("\(baseURL)/catalog.jsonld"))
        out.append(Data(",\"@type\":[\"dcat:Catalog\",\"hydra:Collection\"],\"dct:title\":".utf8))
        out.append(try encoder.encode(meta.title))
        out.append(Data(",\"dct:description\":".utf8))
        out.append(try encoder.encode(meta.description))
        out.append(Data(",\"dct:publisher\":{\"@type\":\"foaf:Agent\",\"foaf:name\":".utf8))
        out.append(try encoder.encode(meta.publisher))
        out.append(Data("},\"hydra:totalItems\":\(total),\"hydra:view\":".utf8))
        out.append(try encoder.encode(view))
        out.append(Data(",\"dcat:dataset\":[".utf8))
        for (i, r) in records.enumerated() {
            if i > 0 { out.append(Data(",".utf8)) }
            out.append(Data("\n".utf8))
            out.append(try DCATExporter.datasetJSON(r))
        }
        out.append(Data("\n]}]}\n".utf8))
        return out
    }
}
