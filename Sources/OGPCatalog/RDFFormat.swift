/// The serialisations of the DCAT-AP export. All three write the same graph.
public enum RDFFormat: String, Sendable, CaseIterable {
    /// JSON-LD, compacted with the prefixes as its `@context` (the default).
    case jsonld
    /// Turtle.
    case turtle
    /// RDF/XML.
    case rdfxml

    /// The usual file extension.
    public var fileExtension: String {
        switch self {
        case .jsonld: "jsonld"
        case .turtle: "ttl"
        case .rdfxml: "rdf"
        }
    }

    /// Reads `jsonld`, `json-ld`, `turtle`, `ttl`, `rdfxml`, `rdf-xml`, `xml`, `rdf` (any case).
    public init?(name: String) {
        switch name.lowercased() {
        case "jsonld", "json-ld": self = .jsonld
        case "turtle", "ttl": self = .turtle
        case "rdfxml", "rdf-xml", "xml", "rdf": self = .rdfxml
        default: return nil
        }
    }

    /// A writer declaring `prefixes`.
    func writer(prefixes: [(prefix: String, namespace: String)] = RDFNode.prefixes) -> any RDFStreamWriter {
        switch self {
        case .jsonld: JSONLDStreamWriter(prefixes: prefixes)
        case .turtle: TurtleStreamWriter(prefixes: prefixes)
        case .rdfxml: RDFXMLStreamWriter(prefixes: prefixes)
        }
    }

    /// The media type of the serialisation.
    public var mediaType: String {
        switch self {
        case .jsonld: "application/ld+json"
        case .turtle: "text/turtle; charset=utf-8"
        case .rdfxml: "application/rdf+xml"
        }
    }
}

/// Writes one catalogue node, its members (datasets, resources) one at a time so that memory
/// does not grow with the catalogue, then stand-alone nodes (publishers). Members of one
/// predicate must come together (all datasets, then all resources).
protocol RDFStreamWriter {
    /// Writes the document head and the catalogue's own properties.
    mutating func begin(_ catalog: RDFNode, to out: OutputFile) throws(ExportError)
    /// Writes `node` as the value of the catalogue's `predicate`.
    mutating func member(_ predicate: String, _ node: RDFNode, to out: OutputFile) throws(ExportError)
    /// Closes the catalogue, writes `nodes` on their own, and ends the document.
    mutating func end(_ nodes: [RDFNode], to out: OutputFile) throws(ExportError)
}
