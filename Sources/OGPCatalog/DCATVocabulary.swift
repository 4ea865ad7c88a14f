import Foundation

/// The controlled vocabularies of the DCAT-AP export: ogp's values (udata's ids and labels, as
/// the decoders keep them) mapped to the EU Publications Office authority tables for frequency,
/// file type and licence, IANA for media types, SPDX for checksum algorithms. A value without a
/// known mapping is kept as a node of the right class with its label, never dropped and never
/// guessed. Values that already are IRIs (DCAT sources) are used as they are.
enum DCATVocabulary {
    static let frequencyBase = "http://publications.europa.eu/resource/authority/frequency/"
    static let fileTypeBase = "http://publications.europa.eu/resource/authority/file-type/"
    static let licenceBase = "http://publications.europa.eu/resource/authority/licence/"

    /// udata frequency ids → EU frequency codes (udata's punctual, a one-off publication, is NEVER).
    static let frequencies: [String: String] = [
        "unknown": "UNKNOWN", "punctual": "NEVER", "continuous": "CONT", "hourly": "HOURLY",
        "semidaily": "DAILY_2", "daily": "DAILY", "threetimesaweek": "WEEKLY_3", "semiweekly": "WEEKLY_2",
        "weekly": "WEEKLY", "biweekly": "BIWEEKLY", "threetimesamonth": "MONTHLY_3", "semimonthly": "MONTHLY_2",
        "monthly": "MONTHLY", "bimonthly": "BIMONTHLY", "quarterly": "QUARTERLY", "threetimesayear": "ANNUAL_3",
        "semiannual": "ANNUAL_2", "annual": "ANNUAL", "biennial": "BIENNIAL", "triennial": "TRIENNIAL",
        "quinquennial": "QUINQUENNIAL", "irregular": "IRREG",
    ]

    /// Format names and extensions → EU file-type codes.
    static let fileTypes: [String: String] = [
        "csv": "CSV", "json": "JSON", "xml": "XML", "pdf": "PDF", "xls": "XLS", "xlsx": "XLSX", "ods": "ODS",
        "odt": "ODT", "doc": "DOC", "docx": "DOCX", "zip": "ZIP", "geojson": "GEOJSON", "shp": "SHP",
        "shapefile": "SHP", "kml": "KML", "kmz": "KMZ", "gml": "GML", "rdf": "RDF_XML", "rdf/xml": "RDF_XML",
        "ttl": "RDF_TURTLE", "turtle": "RDF_TURTLE", "jsonld": "JSON_LD", "json-ld": "JSON_LD", "txt": "TXT",
        "html": "HTML", "gpkg": "GPKG", "geopackage": "GPKG", "parquet": "PARQUET", "png": "PNG", "jpeg": "JPEG",
        "jpg": "JPEG", "tiff": "TIFF", "gz": "GZIP", "tar": "TAR", "netcdf": "NETCDF", "sql": "SQL",
    ]

    /// udata licence ids → licence IRIs: the EU authority table where it has the licence,
    /// SPDX for Licence Ouverte 2.0 (the EU table has no entry for it).
    static let licences: [String: String] = [
        "lov2": "http://spdx.org/licenses/etalab-2.0",
        "odc-odbl": licenceBase + "ODC_BL",
        "odc-by": licenceBase + "ODC_BY",
        "odc-pddl": licenceBase + "ODC_PDDL",
        "cc-by": licenceBase + "CC_BY_4_0",
        "cc-by-sa": licenceBase + "CC_BYSA_4_0",
        "cc-zero": licenceBase + "CC0",
    ]

    /// SPDX checksum algorithms by the names ogp keeps (`sha1:…`).
    static let checksumAlgorithms: Set<String> = [
        "sha1", "sha224", "sha256", "sha384", "sha512", "md5", "md2", "md4", "md6",
    ]

    static func frequency(_ value: String) -> RDFTerm {
        if let iri = absolute(value) { return .node(RDFNode(iri: iri, types: ["dct:Frequency"])) }
        if let code = frequencies[value.lowercased()] {
            return .node(RDFNode(iri: frequencyBase + code, types: ["dct:Frequency"]))
        }
        return labelled("dct:Frequency", value)
    }

    static func fileType(_ value: String) -> RDFTerm {
        if let iri = absolute(value) { return .node(RDFNode(iri: iri, types: ["dct:MediaTypeOrExtent"])) }
        let key = value.lowercased().trimmingPrefix(".")
        if let code = fileTypes[String(key)] {
            return .node(RDFNode(iri: fileTypeBase + code, types: ["dct:MediaTypeOrExtent"]))
        }
        return labelled("dct:MediaTypeOrExtent", value)
    }

    /// An IANA media type IRI for `type/subtype` (parameters dropped); nil for anything else.
    static func mediaType(_ value: String) -> RDFTerm? {
        if let iri = absolute(value) { return .node(RDFNode(iri: iri, types: ["dct:MediaType"])) }
        let bare = value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let parts = bare.split(separator: "/", omittingEmptySubsequences: false)
        let token: (Substring) -> Bool = { part in
            !part.isEmpty
                && part.unicodeScalars.allSatisfy {
                    ($0.value >= 97 && $0.value <= 122) || ($0.value >= 48 && $0.value <= 57)
                        || "!#$&^_.+-".unicodeScalars.contains($0)
                }
        }
        guard parts.count == 2, token(parts[0]), token(parts[1]) else { return nil }
        return .node(RDFNode(iri: "https://www.iana.org/assignments/media-types/" + bare, types: ["dct:MediaType"]))
    }

    /// The licence: a known IRI (with the label as `rdfs:label`), or a labelled `dct:LicenseDocument`.
    static func licence(id: String?, label: String?) -> RDFTerm? {
        let iri = id.flatMap { licences[$0] } ?? id.flatMap(absolute) ?? label.flatMap(absolute)
        if let iri {
            var node = RDFNode(iri: iri, types: ["dct:LicenseDocument"])
            node.add("rdfs:label", text: label)
            return .node(node)
        }
        guard let text = label ?? id else { return nil }
        return labelled("dct:LicenseDocument", text)
    }

    /// An anonymous node of `type` with `rdfs:label`.
    static func labelled(_ type: String, _ label: String) -> RDFTerm {
        var node = RDFNode(anonymous: type)
        node.add("rdfs:label", text: label)
        return .node(node)
    }

    /// `value` when it is an http(s) IRI.
    static func absolute(_ value: String) -> String? {
        let lower = value.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        return RDFTerm.cleanIRI(value)
    }
}
