import Foundation

/// Reads JSON-LD (expanded, flattened or compacted) into triples without fetching anything: a
/// remote `@context` is replaced by the terms and prefixes of the common vocabularies (DCAT,
/// Dublin Core, FOAF, vCard, hydra, schema.org, ADMS, SPDX, SKOS, LOCN, XSD); inline contexts
/// (objects, arrays of them) are read as JSON-LD 1.1 term definitions (`@id`, `@type: @id`,
/// `@container: @language | @list | @set`, `@vocab`, `@base`, prefixes and compact IRIs).
struct JSONLDReader {
    private struct Term {
        var iri: String
        var isReference = false
        var languageMap = false
    }

    private struct Context {
        var terms: [String: Term] = [:]
        var vocab: String?
        var base: String
    }

    /// Prefixes known without fetching.
    static let knownPrefixes: [String: String] = [
        "dcat": NS.dcat, "dct": NS.dct, "dcterms": NS.dct, "dc": NS.dc, "foaf": NS.foaf, "vcard": NS.vcard,
        "hydra": NS.hydra, "schema": NS.schema, "adms": NS.adms, "spdx": NS.spdx, "skos": NS.skos, "locn": NS.locn,
        "xsd": NS.xsd, "rdf": NS.rdf, "rdfs": NS.rdfs, "owl": NS.owl, "time": NS.time, "dcatap": NS.dcatap,
        "dcatde": NS.dcatde, "geodcat": NS.geodcat,
    ]

    /// Terms of the common remote contexts (hydra's, DCAT-AP's), by short name.
    static let knownTerms: [String: (String, Bool)] = [
        "member": (NS.hydra + "member", true), "totalItems": (NS.hydra + "totalItems", false),
        "view": (NS.hydra + "view", true), "next": (NS.hydra + "next", true), "nextPage": (NS.hydra + "nextPage", true),
        "first": (NS.hydra + "first", true), "last": (NS.hydra + "last", true),
        "Collection": (NS.hydra + "Collection", false),
        "PartialCollectionView": (NS.hydra + "PartialCollectionView", false),
        "PagedCollection": (NS.hydra + "PagedCollection", false),
        "Catalog": (NS.dcat + "Catalog", false), "Dataset": (NS.dcat + "Dataset", false),
        "Distribution": (NS.dcat + "Distribution", false),
        "dataset": (NS.dcat + "dataset", true), "distribution": (NS.dcat + "distribution", true),
        "title": (NS.dct + "title", false), "description": (NS.dct + "description", false),
        "keyword": (NS.dcat + "keyword", false),
        "theme": (NS.dcat + "theme", true), "publisher": (NS.dct + "publisher", true),
        "identifier": (NS.dct + "identifier", false),
        "issued": (NS.dct + "issued", false), "modified": (NS.dct + "modified", false),
        "landingPage": (NS.dcat + "landingPage", true),
        "license": (NS.dct + "license", true), "accessURL": (NS.dcat + "accessURL", true),
        "downloadURL": (NS.dcat + "downloadURL", true),
        "mediaType": (NS.dcat + "mediaType", false), "format": (NS.dct + "format", false),
        "name": (NS.foaf + "name", false),
        "contactPoint": (NS.dcat + "contactPoint", true), "accrualPeriodicity": (NS.dct + "accrualPeriodicity", true),
        "spatial": (NS.dct + "spatial", true), "temporal": (NS.dct + "temporal", true),
        "byteSize": (NS.dcat + "byteSize", false),
    ]

    static let maxDepth = 128
    private var blankCounter = 0

    /// Reads `data`; `base` resolves relative `@id`s.
    mutating func read(_ data: Data, base: String, emit: (RDFTriple) throws -> Void) throws {
        let json = try UdataJSON.parse(data)
        var context = Context(base: base)
        for (k, v) in Self.knownPrefixes { context.terms[k] = Term(iri: v) }
        for (k, v) in Self.knownTerms { context.terms[k] = Term(iri: v.0, isReference: v.1) }
        _ = try node(json, context: context, depth: 0, emit: emit)
    }

    /// Reads a node object (or a top-level array / `@graph`), returning its subject.
    private mutating func node(
        _ json: UdataJSON, context outer: Context, depth: Int, emit: (RDFTriple) throws -> Void
    ) throws -> RDFTerm? {
        guard depth < Self.maxDepth else { throw ParseError(.tooDeep, "JSON-LD nested deeper than \(Self.maxDepth)") }
        if let list = json.array {
            for item in list { _ = try node(item, context: outer, depth: depth + 1, emit: emit) }
            return nil
        }
        guard let object = json.object else { return nil }
        var context = outer
        if let c = object["@context"] { apply(c, to: &context) }
        let subject: RDFTerm
        if let id = object["@id"]?.string {
            subject = id.hasPrefix("_:") ? .blank("j" + id.dropFirst(2)) : .iri(expand(id, context, vocab: false))
        } else {
            blankCounter += 1
            subject = .blank("k\(blankCounter)")
        }
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "@context", "@id": continue
            case "@graph":
                _ = try node(value, context: context, depth: depth + 1, emit: emit)
            case "@type":
                for t in value.array ?? [value] {
                    if let s = t.string {
                        try emit(
                            RDFTriple(
                                subject: subject, predicate: NS.type, object: .iri(expand(s, context, vocab: true))))
                    }
                }
            default:
                guard !key.hasPrefix("@") else { continue }
                let term = context.terms[key]
                let predicate = term?.iri ?? expand(key, context, vocab: true)
                guard predicate.contains(":") else { continue }  // an undefined term is dropped, as JSON-LD does
                try values(
                    value, subject: subject, predicate: predicate, term: term, context: context, depth: depth,
                    emit: emit)
            }
        }
        return subject
    }

    private mutating func values(
        _ value: UdataJSON, subject: RDFTerm, predicate: String, term: Term?, context: Context, depth: Int,
        emit: (RDFTriple) throws -> Void
    ) throws {
        if let list = value.array {
            for v in list {
                try values(
                    v, subject: subject, predicate: predicate, term: term, context: context, depth: depth, emit: emit)
            }
            return
        }
        if let object = value.object {
            if term?.languageMap == true {
                for (lang, text) in object.sorted(by: { $0.key < $1.key }) {
                    for t in text.array ?? [text] {
                        if let s = t.string {
                            try emit(
                                RDFTriple(
                                    subject: subject, predicate: predicate,
                                    object: .literal(s, language: lang.lowercased(), datatype: nil)))
                        }
                    }
                }
                return
            }
            if let v = object["@value"] {
                guard let s = v.string else { return }
                let lang = object["@language"]?.string?.lowercased()
                let dt = object["@type"]?.string.map { expand($0, context, vocab: true) }
                try emit(
                    RDFTriple(subject: subject, predicate: predicate, object: .literal(s, language: lang, datatype: dt))
                )
                return
            }
            if let list = object["@list"] ?? object["@set"] {
                try values(
                    list, subject: subject, predicate: predicate, term: term, context: context, depth: depth, emit: emit
                )
                return
            }
            if let child = try node(value, context: context, depth: depth + 1, emit: emit) {
                try emit(RDFTriple(subject: subject, predicate: predicate, object: child))
            }
            return
        }
        guard let s = value.string else { return }
        if term?.isReference == true {
            let o: RDFTerm = s.hasPrefix("_:") ? .blank("j" + s.dropFirst(2)) : .iri(expand(s, context, vocab: false))
            try emit(RDFTriple(subject: subject, predicate: predicate, object: o))
        } else {
            try emit(
                RDFTriple(subject: subject, predicate: predicate, object: .literal(s, language: nil, datatype: nil)))
        }
    }

    /// Reads an inline context; remote contexts (strings) are known vocabularies, never fetched.
    private func apply(_ c: UdataJSON, to context: inout Context) {
        if let list = c.array { for item in list { apply(item, to: &context) }; return }
        guard let object = c.object else { return }
        if let vocab = object["@vocab"]?.string { context.vocab = vocab }
        if let base = object["@base"]?.string { context.base = base }
        for (key, def) in object where !key.hasPrefix("@") {
            if let iri = def.string {
                context.terms[key] = Term(iri: expand(iri, context, vocab: true))
            } else if let d = def.object, let id = d["@id"]?.string ?? context.terms[key]?.iri {
                var term = Term(iri: expand(id, context, vocab: true))
                term.isReference = d["@type"]?.string == "@id" || d["@type"]?.string == "@vocab"
                term.languageMap = d["@container"]?.string == "@language"
                context.terms[key] = term
            }
        }
    }

    /// Expands a term, compact IRI or relative IRI.
    private func expand(_ s: String, _ context: Context, vocab: Bool) -> String {
        if s.contains("://") || s.hasPrefix("urn:") || s.hasPrefix("mailto:") { return s }
        if let colon = s.firstIndex(of: ":") {
            let prefix = String(s[..<colon])
            if let ns = context.terms[prefix]?.iri { return ns + s[s.index(after: colon)...] }
            return s
        }
        if vocab {
            if let term = context.terms[s] { return term.iri }
            if let v = context.vocab { return v + s }
            return s
        }
        return RDFXMLParser.resolve(s, base: context.base)
    }
}
