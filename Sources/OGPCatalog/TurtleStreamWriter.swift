/// Turtle: the prefixes, the catalogue as `_:catalog`, then one block per member preceded by
/// the triple linking it to the catalogue. Anonymous nodes are written inline (`[ … ]`); nodes
/// named by an IRI but described in place (a landing page typed `foaf:Document`) are written
/// as their own block right after the block that cites them.
struct TurtleStreamWriter: RDFStreamWriter {
    /// The prefixes declared.
    let prefixes: [(prefix: String, namespace: String)]

    init(prefixes: [(prefix: String, namespace: String)] = RDFNode.prefixes) {
        self.prefixes = prefixes
    }

    mutating func begin(_ catalog: RDFNode, to out: OutputFile) throws(ExportError) {
        var text = prefixes.map { "@prefix \($0.prefix): <\($0.namespace)> .\n" }.joined() + "\n"
        Self.block(catalog, into: &text)
        try out.write(text)
    }

    mutating func member(_ predicate: String, _ node: RDFNode, to out: OutputFile) throws(ExportError) {
        var text = ""
        if case .anonymous = node.id {
            text += "_:catalog \(predicate) "
            var deferred: [RDFNode] = []
            Self.inline(node, indent: 1, into: &text, deferred: &deferred)
            text += " .\n"
            for d in deferred { Self.block(d, into: &text) }
        } else {
            text += "_:catalog \(predicate) \(Self.subject(node.id)) .\n"
            Self.block(node, into: &text)
        }
        try out.write(text)
    }

    mutating func end(_ nodes: [RDFNode], to out: OutputFile) throws(ExportError) {
        var text = ""
        for node in nodes { Self.block(node, into: &text) }
        try out.write(text)
    }

    /// `subject a Type ; p o ; … .` followed by the blocks of the IRI nodes it describes in place.
    static func block(_ node: RDFNode, into s: inout String) {
        var deferred: [RDFNode] = []
        s += subject(node.id)
        body(node, indent: 1, into: &s, deferred: &deferred)
        s += " .\n"
        var k = 0
        while k < deferred.count {  // deferred nodes may defer more
            var more: [RDFNode] = []
            s += subject(deferred[k].id)
            body(deferred[k], indent: 1, into: &s, deferred: &more)
            s += " .\n"
            deferred += more
            k += 1
        }
    }

    static func subject(_ id: RDFNode.Identity) -> String {
        switch id {
        case .iri(let iri): "<\(iri)>"
        case .label(let label): "_:\(label)"
        case .anonymous: "[]"
        }
    }

    private static func body(_ node: RDFNode, indent: Int, into s: inout String, deferred: inout [RDFNode]) {
        let pad = String(repeating: "    ", count: indent)
        var first = true
        func separator() {
            s += first ? " " : " ;\n" + pad
            first = false
        }
        if !node.types.isEmpty {
            separator()
            s += "a " + node.types.joined(separator: ", ")
        }
        for (p, v) in node.properties {
            separator()
            s += p + " "
            switch v {
            case .iri(let iri): s += "<\(iri)>"
            case .literal(let value, let datatype, let language):
                s += literal(value)
                if let datatype { s += "^^" + datatype } else if let language { s += "@" + language }
            case .node(let inner): inline(inner, indent: indent + 1, into: &s, deferred: &deferred)
            }
        }
    }

    private static func inline(_ node: RDFNode, indent: Int, into s: inout String, deferred: inout [RDFNode]) {
        if case .anonymous = node.id {
            s += "["
            body(node, indent: indent, into: &s, deferred: &deferred)
            s += " ]"
        } else {
            s += subject(node.id)
            if !node.types.isEmpty || !node.properties.isEmpty { deferred.append(node) }
        }
    }

    /// A Turtle string: short form with escapes (one line per literal keeps the file greppable).
    static func literal(_ text: String) -> String {
        RDFTerm.quoted(text, uppercaseHex: true)
    }
}
