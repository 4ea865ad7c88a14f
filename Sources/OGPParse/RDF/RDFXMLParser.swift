import Foundation
import OGPModel

/// A streaming RDF/XML parser on ``XMLStreamReader``: node and property elements, typed nodes
/// and `rdf:Description` + `rdf:type`, `rdf:about`/`rdf:ID`/`rdf:nodeID`, `rdf:resource`,
/// `rdf:datatype`, `xml:lang`, `xml:base`, property attributes, `rdf:parseType` `Resource`,
/// `Literal` (kept as text) and `Collection` (each member linked directly, a tolerated
/// simplification). Triples are handed to a callback as they are read, and the end of every
/// node element is announced with its nesting depth, so that a consumer can build and drop
/// datasets as soon as they are complete.
struct RDFXMLParser {
    /// What the parser reports.
    enum Event {
        case triple(RDFTriple)
        /// A node element opened (its subject: the same one may be opened again inside it, e.g. a
        /// landing page equal to the dataset's URI).
        case nodeStart(RDFTerm)
        /// A node element closed: its subject and its node depth (0 = top level).
        case nodeEnd(RDFTerm, depth: Int)
    }

    private enum Frame {
        case node(RDFTerm, depth: Int)
        case property(Property)
        /// Inside an XML literal or an unknown construct: content skipped (text kept).
        case skip(depth: Int, property: Property?)
    }

    private struct Property {
        var subject: RDFTerm
        var predicate: String
        var language: String?
        var datatype: String?
        var text = ""
        var object: RDFTerm?
        var collection = false
        var nodeDepth: Int
    }

    /// Most nested elements: deeper input is refused rather than followed.
    static let maxDepth = 512

    private var blankCounter = 0

    /// Parses the whole input, calling `emit` for each triple and node end.
    mutating func parse(_ reader: XMLStreamReader, emit: (Event) throws -> Void) throws {
        var stack: [Frame] = []
        var liCounters: [Int] = []
        while let event = try reader.next() {
            switch event {
            case .start(_, _, let empty):
                guard stack.count < Self.maxDepth else {
                    throw ParseError(
                        .tooDeep, "RDF/XML nested deeper than \(Self.maxDepth) elements", line: reader.line)
                }
                let iri = reader.expandedName
                switch stack.last {
                case nil where iri == NS.rdfRDF:
                    stack.append(.skip(depth: -1, property: nil))  // the root: its children are nodes
                    if empty { stack.removeLast() }
                case nil, .skip(depth: -1, _):
                    try startNode(iri, reader: reader, depth: 0, empty: empty, stack: &stack, emit: emit)
                case .node(let subject, let depth):
                    var predicate = iri
                    if iri == NS.rdfLi {
                        if liCounters.isEmpty { liCounters.append(0) }
                        liCounters[liCounters.count - 1] += 1
                        predicate = NS.rdf + "_\(liCounters[liCounters.count - 1])"
                    }
                    try startProperty(
                        predicate, subject: subject, nodeDepth: depth, reader: reader, empty: empty, stack: &stack,
                        emit: emit)
                case .property(var p):
                    // A node element as the property's object.
                    stack.removeLast()
                    let subject = try startNode(
                        iri, reader: reader, depth: p.nodeDepth + 1, empty: empty, stack: &stack, emit: emit,
                        deferredEnd: true)
                    if p.collection {
                        try emit(.triple(RDFTriple(subject: p.subject, predicate: p.predicate, object: subject)))
                    } else {
                        p.object = subject
                    }
                    // Put the property back under the node frame just pushed (if any).
                    if empty {
                        stack.append(.property(p))
                    } else {
                        let nodeFrame = stack.removeLast()
                        stack.append(.property(p))
                        stack.append(nodeFrame)
                    }
                case .skip(let depth, let p):
                    if !empty { stack.append(.skip(depth: depth + 1, property: p)) }
                }
            case .end:
                guard let frame = stack.popLast() else { continue }
                switch frame {
                case .node(let subject, let depth):
                    try emit(.nodeEnd(subject, depth: depth))
                case .property(let p):
                    try finishProperty(p, emit: emit)
                case .skip(let depth, let p):
                    if depth == 0, let p { try finishProperty(p, emit: emit) }
                }
            case .text(let t):
                switch stack.last {
                case .property(var p)?:
                    stack.removeLast()
                    p.text += t
                    stack.append(.property(p))
                case .skip(let depth, var p?)? where depth >= 0:
                    stack.removeLast()
                    p.text += t
                    stack.append(.skip(depth: depth, property: p))
                default:
                    break
                }
            }
        }
    }

    @discardableResult
    private mutating func startNode(
        _ iri: String, reader: XMLStreamReader, depth: Int, empty: Bool, stack: inout [Frame],
        emit: (Event) throws -> Void, deferredEnd: Bool = false
    ) throws -> RDFTerm {
        let attributes = reader.attributes()
        let base = reader.baseURI
        var subject: RDFTerm?
        for a in attributes where a.namespace == NS.rdf {
            switch a.local {
            case "about": subject = .iri(Self.resolve(a.value, base: base))
            case "ID": subject = .iri(Self.resolve("#" + a.value, base: base))
            case "nodeID": subject = .blank("x" + a.value)
            default: break
            }
        }
        let s = subject ?? newBlank()
        try emit(.nodeStart(s))
        if iri != NS.rdfDescription {
            try emit(.triple(RDFTriple(subject: s, predicate: NS.type, object: .iri(iri))))
        }
        let language = reader.language
        for a in attributes {
            if a.namespace == NS.rdf {
                if a.local == "type" {
                    try emit(
                        .triple(
                            RDFTriple(subject: s, predicate: NS.type, object: .iri(Self.resolve(a.value, base: base)))))
                }
                continue
            }
            if a.namespace == "http://www.w3.org/XML/1998/namespace" || a.namespace.isEmpty { continue }
            try emit(
                .triple(
                    RDFTriple(
                        subject: s, predicate: a.namespace + a.local,
                        object: .literal(a.value, language: language, datatype: nil))))
        }
        if empty {
            try emit(.nodeEnd(s, depth: depth))
        } else {
            stack.append(.node(s, depth: depth))
        }
        return s
    }

    private mutating func startProperty(
        _ predicate: String, subject: RDFTerm, nodeDepth: Int, reader: XMLStreamReader, empty: Bool,
        stack: inout [Frame], emit: (Event) throws -> Void
    ) throws {
        let attributes = reader.attributes()
        let base = reader.baseURI
        var p = Property(subject: subject, predicate: predicate, language: reader.language, nodeDepth: nodeDepth)
        var parseType: String?
        var extra: [(String, String)] = []
        for a in attributes {
            if a.namespace == NS.rdf {
                switch a.local {
                case "resource": p.object = .iri(Self.resolve(a.value, base: base))
                case "nodeID": p.object = .blank("x" + a.value)
                case "datatype": p.datatype = a.value
                case "parseType": parseType = a.value
                case "ID": break
                default: extra.append((NS.rdf + a.local, a.value))
                }
            } else if a.namespace != "http://www.w3.org/XML/1998/namespace", !a.namespace.isEmpty {
                extra.append((a.namespace + a.local, a.value))
            }
        }
        if !extra.isEmpty {
            // Property attributes on a property element: they describe the object node.
            let object = p.object ?? newBlank()
            p.object = object
            for (pred, value) in extra {
                let o: RDFTerm = pred == NS.type ? .iri(value) : .literal(value, language: p.language, datatype: nil)
                try emit(.triple(RDFTriple(subject: object, predicate: pred, object: o)))
            }
        }
        switch parseType {
        case "Resource":
            let object = newBlank()
            p.object = object
            try emit(.triple(RDFTriple(subject: subject, predicate: predicate, object: object)))
            p.object = nil
            p.text = ""
            // Children are properties of the new node; the property itself is already emitted.
            if empty { return }
            stack.append(.node(object, depth: nodeDepth + 1))
            return
        case "Literal":
            if empty { try finishProperty(p, emit: emit) } else { stack.append(.skip(depth: 0, property: p)) }
            return
        case "Collection":
            p.collection = true
        default:
            break
        }
        if empty {
            try finishProperty(p, emit: emit)
        } else {
            stack.append(.property(p))
        }
    }

    private func finishProperty(_ p: Property, emit: (Event) throws -> Void) throws {
        if p.collection { return }
        let object: RDFTerm
        if let o = p.object {
            object = o
        } else {
            object = .literal(p.text, language: p.datatype == nil ? p.language : nil, datatype: p.datatype)
        }
        try emit(.triple(RDFTriple(subject: p.subject, predicate: p.predicate, object: object)))
    }

    private mutating func newBlank() -> RDFTerm {
        blankCounter += 1
        return .blank("g\(blankCounter)")
    }

    /// Whether `v` holds `://` (an absolute IRI), by bytes: Foundation's `contains` goes through
    /// `NSString` for every IRI of the document.
    static func hasScheme(_ v: String) -> Bool {
        var state = 0
        for c in v.utf8 {
            switch (state, c) {
            case (_, UInt8(ascii: ":")): state = 1
            case (1, UInt8(ascii: "/")): state = 2
            case (2, UInt8(ascii: "/")): return true
            default: state = 0
            }
        }
        return false
    }

    /// Resolves an IRI reference against the base in scope; absolute IRIs are kept as they are.
    static func resolve(_ value: String, base: String?) -> String {
        let v = TextFolding.trimmed(value, newlines: false)
        if hasScheme(v) || v.hasPrefix("urn:") || v.hasPrefix("mailto:") || v.hasPrefix("tel:") { return v }
        guard let base, !base.isEmpty else { return v }
        if v.isEmpty { return base }
        if v.hasPrefix("#") {
            let stem =
                base.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
                ?? base
            return stem + v
        }
        return URL(string: v, relativeTo: URL(string: base))?.absoluteString ?? v
    }
}
