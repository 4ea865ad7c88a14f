import Foundation
import OGPModel
import OGPStore

/// Writes the catalogue as DCAT-AP 3.0.1 in JSON-LD (default), Turtle or RDF/XML: one
/// `dcat:Catalog` whose `dcat:dataset`s carry their distributions, publisher, licence,
/// frequency, formats and media types as IRIs of the EU vocabularies (see ``DCATVocabulary``),
/// then the action plans and commitments as `dcat:Resource`s of the catalogue
/// (`dcat:resource`) linked to the datasets they use, and one `foaf:Agent` per publisher.
/// Streamed (memory grows with the number of publishers, not of datasets) and deterministic.
public struct DCATExporter: Sendable {
    let store: any CatalogStore
    let metadata: Exporter.Metadata

    /// An exporter of `store`'s records, with `metadata` as the catalogue's title, description and publisher.
    public init(store: any CatalogStore, metadata: Exporter.Metadata = Exporter.Metadata()) {
        self.store = store
        self.metadata = metadata
    }

    /// Exports the datasets, plans and commitments (archived ones only when asked) to `path`
    /// atomically, or to standard output. Returns the number of datasets written.
    @discardableResult
    public func export(
        to path: String?, format: RDFFormat = .jsonld, since: String? = nil,
        includeArchived: Bool = false, now: Date = Date(), reproducible: Bool = false
    ) throws(ExportError) -> Int {
        try OutputFile.write(to: path) { out in
            var graph = DCATGraph(organizations: try organizations())
            var writer = format.writer()
            var catalog = RDFNode(.label("catalog"), types: ["dcat:Catalog"])
            catalog.add("dct:title", text: metadata.title)
            catalog.add("dct:description", text: metadata.description)
            catalog.add("dct:publisher", .iri(graph.agent(named: metadata.publisher)))
            var taxonomy = RDFNode(iri: DCATThemes.scheme, types: ["skos:ConceptScheme"])
            taxonomy.add("dct:title", text: "Data theme", language: "en")
            catalog.add("dcat:themeTaxonomy", .node(taxonomy))
            if !reproducible { catalog.add("dct:modified", .typed(ISODate.string(from: now), "xsd:dateTime")) }
            try writer.begin(catalog, to: out)

            var count = 0
            let datasets = RecordFilter(kinds: [.dataset], changedSince: since, includeArchived: includeArchived)
            try store.forEachRecord(datasets) { record in
                try writer.member("dcat:dataset", graph.dataset(record), to: out)
                count += 1
            }
            // Plans and commitments are few (tens): read first, then the datasets they link to
            // (the store cannot be read from inside its own iteration).
            let resources = RecordFilter(
                kinds: [.actionPlan, .commitment], changedSince: since, includeArchived: includeArchived)
            var records: [Record] = []
            try store.forEachRecord(resources) { records.append($0) }
            var datasetIRIs: [RecordID: String?] = [:]
            for target in records.flatMap({ $0.links.filter { $0.relation == .usesDataset }.map(\.target) })
            where datasetIRIs[target] == nil {
                let iri = try store.record(target).map(DCATGraph.datasetIRI)
                datasetIRIs[target] = .some(iri)
            }
            for record in records {
                try writer.member("dcat:resource", graph.resource(record, datasetIRIs: datasetIRIs), to: out)
            }
            try writer.end(graph.agentNodes(), to: out)
            return count
        }
    }

    /// The organisations of the catalogue, by record id: an IRI (their page) and a name.
    private func organizations() throws -> [RecordID: (iri: String, name: String)] {
        var found: [RecordID: (iri: String, name: String)] = [:]
        try store.forEachRecord(RecordFilter(kinds: [.organization])) { r in
            found[r.id] = (r.url.flatMap(RDFTerm.cleanIRI) ?? DCATGraph.mint(r.id.rawValue), r.title)
        }
        return found
    }
}
