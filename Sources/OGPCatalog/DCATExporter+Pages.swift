import OGPModel
import OGPStore

/// Where one page of a paged catalogue sits among the others, as Hydra says it
/// (`hydra:PartialCollectionView`): the links a harvester follows (data.gouv.fr, CKAN's dcat
/// harvester and ogp's own DCAT source read `hydra:next`).
public struct HydraPaging: Sendable, Equatable {
    /// This page's URL.
    public var page: String
    /// The first page's URL.
    public var first: String
    /// The last page's URL.
    public var last: String
    /// The page before, if any.
    public var previous: String?
    /// The page after, if any (`hydra:next`: what a harvester follows).
    public var next: String?
    /// Datasets in the whole catalogue (`hydra:totalItems`).
    public var totalItems: Int

    /// Paging links and the catalogue's size.
    public init(page: String, first: String, last: String, previous: String?, next: String?, totalItems: Int) {
        self.page = page
        self.first = first
        self.last = last
        self.previous = previous
        self.next = next
        self.totalItems = totalItems
    }
}

/// The export one page at a time, for callers that page the catalogue themselves (ogp-serve's
/// `/catalog.jsonld`, `.ttl`, `.rdf`): the same writers and dataset descriptions as the file.
extension DCATExporter {
    /// `records`' datasets in `format`: the `dcat:Catalog` `catalogIRI`, also a
    /// `hydra:Collection` with its `hydra:totalItems` and a `hydra:view` linking the pages, its
    /// `dcat:dataset`s, then the publishers they cite (each page is complete on its own).
    public func page(
        _ records: [Record], format: RDFFormat, catalogIRI: String, paging: HydraPaging
    ) throws(ExportError) -> [UInt8] {
        // The publishers of this page only: a few store reads, not the whole organisation list.
        var organizations: [RecordID: (iri: String, name: String)] = [:]
        for id in records.compactMap({ $0.dataset?.organization }) where organizations[id] == nil {
            let org: Record?
            do { org = try store.record(id) } catch {
                throw ExportError(.store, "cannot read the catalogue", path: catalogIRI, underlying: error)
            }
            if let org {
                organizations[id] = (org.url.flatMap(RDFTerm.cleanIRI) ?? DCATGraph.mint(org.id.rawValue), org.title)
            }
        }
        var graph = DCATGraph(organizations: organizations)
        var writer = format.writer(prefixes: RDFNode.prefixes + [RDFNode.hydra])
        let catalogID = RDFTerm.cleanIRI(catalogIRI) ?? DCATGraph.mint("catalog")
        var catalog = RDFNode(.iri(catalogID), types: ["dcat:Catalog", "hydra:Collection"])
        catalog.add("dct:title", text: metadata.title)
        catalog.add("dct:description", text: metadata.description)
        catalog.add("dct:publisher", .iri(graph.agent(named: metadata.publisher)))
        catalog.add("hydra:totalItems", .typed(String(paging.totalItems), "xsd:integer"))
        var view = RDFNode(
            .iri(RDFTerm.cleanIRI(paging.page) ?? DCATGraph.mint("page")), types: ["hydra:PartialCollectionView"])
        view.add("hydra:first", iri: paging.first)
        view.add("hydra:last", iri: paging.last)
        view.add("hydra:previous", iri: paging.previous)
        view.add("hydra:next", iri: paging.next)
        catalog.add("hydra:view", .node(view))
        let out = OutputFile(inMemory: ())
        try writer.begin(catalog, to: out)
        for r in records { try writer.member("dcat:dataset", graph.dataset(r), to: out) }
        try writer.end(graph.agentNodes(), to: out)
        return out.bytes
    }
}
