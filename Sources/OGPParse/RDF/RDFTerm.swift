/// An RDF term: an IRI, a blank node, or a literal with its language or datatype.
enum RDFTerm: Hashable, Sendable {
    case iri(String)
    case blank(String)
    case literal(String, language: String?, datatype: String?)

    /// The IRI or the literal's text (literals where IRIs are expected, and the reverse, are
    /// tolerated by the DCAT mapping); nil for a blank node.
    var text: String? {
        switch self {
        case .iri(let s): s
        case .literal(let s, _, _): s
        case .blank: nil
        }
    }

    /// The subject key of an IRI or blank node (`_:` prefixed for blank nodes).
    var nodeKey: String? {
        switch self {
        case .iri(let s): s
        case .blank(let s): "_:" + s
        case .literal: nil
        }
    }

    var language: String? {
        if case .literal(_, let lang, _) = self { return lang }
        return nil
    }
}

/// Well-known namespaces.
enum NS {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"
    static let dcat = "http://www.w3.org/ns/dcat#"
    static let dct = "http://purl.org/dc/terms/"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let foaf = "http://xmlns.com/foaf/0.1/"
    static let vcard = "http://www.w3.org/2006/vcard/ns#"
    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let hydra = "http://www.w3.org/ns/hydra/core#"
    static let hydraOld = "http://www.w3.org/ns/hydra/vocab#"
    static let adms = "http://www.w3.org/ns/adms#"
    static let spdx = "http://spdx.org/rdf/terms#"
    static let schema = "http://schema.org/"
    static let owl = "http://www.w3.org/2002/07/owl#"
    static let locn = "http://www.w3.org/ns/locn#"
    static let time = "http://www.w3.org/2006/time#"
    static let dcatap = "http://data.europa.eu/r5r/"
    static let dcatde = "http://dcat-ap.de/def/dcatde/"
    static let geodcat = "http://data.europa.eu/930/"
    static let type = rdf + "type"
    // Names compared for every element or triple, made once.
    static let rdfRDF = rdf + "RDF"
    static let rdfLi = rdf + "li"
    static let rdfDescription = rdf + "Description"
    static let dcatDataset = dcat + "Dataset"
    static let dcatDatasetProperty = dcat + "dataset"
    static let dcatDistribution = dcat + "distribution"
}

/// One statement.
struct RDFTriple: Hashable, Sendable {
    var subject: RDFTerm
    var predicate: String
    var object: RDFTerm
}
