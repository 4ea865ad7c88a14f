/// RDF/XML in the striped syntax: the catalogue element with its members nested in their
/// property elements, then the stand-alone nodes. A node's first class is its element name,
/// others are `rdf:type` properties; anonymous nodes are nested elements without `rdf:about`.
struct RDFXMLStreamWriter: RDFStreamWriter {
    private var catalogElement = "rdf:Description"
    /// The namespaces declared.
    let prefixes: [(prefix: String, namespace: String)]

    init(prefixes: [(prefix: String, namespace: String)] = RDFNode.prefixes) {
        self.prefixes = prefixes
    }

    mutating func begin(_ catalog: RDFNode, to out: OutputFile) throws(ExportError) {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF"
        for (prefix, ns) in prefixes { text += "\n    xmlns:\(prefix)=\"\(Self.escape(ns))\"" }
        text += ">\n"
        catalogElement = catalog.types.first ?? "rdf:Description"
        Self.open(catalog, element: catalogElement, indent: 1, into: &text)
        Self.properties(catalog, skippingFirstType: true, indent: 2, into: &text)
        try out.write(text)
    }

    mutating func member(_ predicate: String, _ node: RDFNode, to out: OutputFile) throws(ExportError) {
        var text = "    <\(predicate)>\n"
        Self.element(node, indent: 3, into: &text)
        text += "    </\(predicate)>\n"
        try out.write(text)
    }

    mutating func end(_ nodes: [RDFNode], to out: OutputFile) throws(ExportError) {
        var text = "  </\(catalogElement)>\n"
        for node in nodes { Self.element(node, indent: 1, into: &text) }
        try out.write(text + "</rdf:RDF>\n")
    }

    static func element(_ node: RDFNode, indent: Int, into s: inout String) {
        let name = node.types.first ?? "rdf:Description"
        let pad = String(repeating: "  ", count: indent)
        if node.types.count <= 1, node.properties.isEmpty {
            open(node, element: name, indent: indent, into: &s, empty: true)
            return
        }
        open(node, element: name, indent: indent, into: &s)
        properties(node, skippingFirstType: true, indent: indent + 1, into: &s)
        s += "\(pad)</\(name)>\n"
    }

    private static func open(_ node: RDFNode, element: String, indent: Int, into s: inout String, empty: Bool = false) {
        s += String(repeating: "  ", count: indent) + "<" + element
        switch node.id {
        case .iri(let iri): s += " rdf:about=\"\(escape(iri))\""
        case .label(let label): s += " rdf:nodeID=\"\(label)\""
        case .anonymous: break
        }
        s += empty ? "/>\n" : ">\n"
    }

    private static func properties(_ node: RDFNode, skippingFirstType: Bool, indent: Int, into s: inout String) {
        let pad = String(repeating: "  ", count: indent)
        for type in node.types.dropFirst(skippingFirstType ? 1 : 0) {
            s += "\(pad)<rdf:type rdf:resource=\"\(escape(RDFNode.expand(type)))\"/>\n"
        }
        for (p, v) in node.properties {
            switch v {
            case .iri(let iri):
                s += "\(pad)<\(p) rdf:resource=\"\(escape(iri))\"/>\n"
            case .literal(let value, let datatype, let language):
                s += "\(pad)<\(p)"
                if let datatype {
                    s += " rdf:datatype=\"\(escape(RDFNode.expand(datatype)))\""
                } else if let language {
                    s += " xml:lang=\"\(escape(language))\""
                }
                s += ">\(escape(value))</\(p)>\n"
            case .node(let inner):
                s += "\(pad)<\(p)>\n"
                element(inner, indent: indent + 1, into: &s)
                s += "\(pad)</\(p)>\n"
            }
        }
    }

    /// XML text or attribute content; `\r` and tab as references so parsers keep them.
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { "&<>\"\r\t".unicodeScalars.contains($0) }) else { return text }
        var out = ""
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
