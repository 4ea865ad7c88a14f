/// JSON-LD, compacted with ``RDFNode/prefixes`` as the `@context`: `{"@context":…,"@graph":[
/// catalogue with its members inline, then the stand-alone nodes]}`. Properties are written in
/// the node's order, values of one predicate grouped into an array, so two exports of the same
/// catalogue are byte-identical.
struct JSONLDStreamWriter: RDFStreamWriter {
    private var openPredicate: String?
    /// The prefixes of the `@context`.
    let prefixes: [(prefix: String, namespace: String)]

    init(prefixes: [(prefix: String, namespace: String)] = RDFNode.prefixes) {
        self.prefixes = prefixes
    }

    mutating func begin(_ catalog: RDFNode, to out: OutputFile) throws(ExportError) {
        var head = "{\"@context\":{"
        head += prefixes.map { "\(Self.quote($0.prefix)):\(Self.quote($0.namespace))" }.joined(separator: ",")
        head += "},\n\"@graph\":["
        var object = ""
        Self.write(catalog, into: &object)
        object.removeLast()  // the closing brace: members follow
        try out.write(head + object)
    }

    mutating func member(_ predicate: String, _ node: RDFNode, to out: OutputFile) throws(ExportError) {
        var text = ""
        if predicate != openPredicate {
            if openPredicate != nil { text += "\n]" }
            text += ",\(Self.quote(predicate)):[\n"
            openPredicate = predicate
        } else {
            text += ",\n"
        }
        Self.write(node, into: &text)
        try out.write(text)
    }

    mutating func end(_ nodes: [RDFNode], to out: OutputFile) throws(ExportError) {
        var text = openPredicate == nil ? "}" : "\n]}"
        for node in nodes {
            text += ",\n"
            Self.write(node, into: &text)
        }
        try out.write(text + "\n]}\n")
    }

    static func write(_ node: RDFNode, into s: inout String) {
        s += "{"
        var first = true
        func key(_ k: String) {
            if !first { s += "," }
            first = false
            s += quote(k) + ":"
        }
        switch node.id {
        case .iri(let iri): key("@id"); s += quote(iri)
        case .label(let label): key("@id"); s += quote("_:" + label)
        case .anonymous: break
        }
        if node.types.count == 1 {
            key("@type"); s += quote(node.types[0])
        } else if !node.types.isEmpty {
            key("@type"); s += "[" + node.types.map(quote).joined(separator: ",") + "]"
        }
        // Group the values of each predicate, in the order predicates first appear.
        var order: [String] = []
        var values: [String: [RDFTerm]] = [:]
        for (p, v) in node.properties {
            if values[p] == nil { order.append(p) }
            values[p, default: []].append(v)
        }
        for p in order {
            guard let vs = values[p] else { continue }
            key(p)
            if vs.count > 1 { s += "[" }
            for (i, v) in vs.enumerated() {
                if i > 0 { s += "," }
                write(v, into: &s)
            }
            if vs.count > 1 { s += "]" }
        }
        s += "}"
    }

    static func write(_ term: RDFTerm, into s: inout String) {
        switch term {
        case .iri(let iri):
            s += "{\"@id\":" + quote(iri) + "}"
        case .literal(let value, let datatype, let language):
            if let datatype {
                s += "{\"@value\":" + quote(value) + ",\"@type\":" + quote(datatype) + "}"
            } else if let language {
                s += "{\"@value\":" + quote(value) + ",\"@language\":" + quote(language) + "}"
            } else {
                s += quote(value)
            }
        case .node(let node):
            write(node, into: &s)
        }
    }

    /// A JSON string literal (RFC 8259 escapes; everything else as UTF-8).
    static func quote(_ text: String) -> String {
        RDFTerm.quoted(text, uppercaseHex: false)
    }
}
