import OGPCatalog
import OGPModel
import OGPStore

/// `/catalog.jsonld`, `/catalog.ttl`, `/catalog.rdf`: the DCAT-AP export (OGPCatalog's
/// ``DCATExporter`` writers and descriptions) one page of datasets at a time, with a Hydra
/// `PartialCollectionView` linking the pages, so that a portal (data.gouv.fr, CKAN's dcat
/// harvester, ogp's own `dcat` source) can harvest the catalogue without one huge document.
enum DCATPage {
    static let defaultPageSize = 100
    static let maxPageSize = 1000

    /// The path of the catalogue in `format` (`/catalog.ttl`).
    static func path(_ format: RDFFormat) -> String { "/catalog.\(format.fileExtension)" }

    static func render(
        store: any CatalogBrowsing, total: Int, format: RDFFormat, page: Int, pageSize: Int, baseURL: String
    ) throws -> [UInt8] {
        let last = max(1, (total + pageSize - 1) / pageSize)
        guard page <= last else { throw ServeError.notFound("la page \(page) n’existe pas (dernière : \(last))") }
        let records = try store.records(kind: .dataset, offset: (page - 1) * pageSize, limit: pageSize)
        let catalog = baseURL + path(format)
        func url(_ n: Int) -> String { "\(catalog)?page=\(n)&page_size=\(pageSize)" }
        let paging = HydraPaging(
            page: url(page), first: url(1), last: url(last), previous: page > 1 ? url(page - 1) : nil,
            next: page < last ? url(page + 1) : nil, totalItems: total)
        return try DCATExporter(store: store).page(records, format: format, catalogIRI: catalog, paging: paging)
    }
}
