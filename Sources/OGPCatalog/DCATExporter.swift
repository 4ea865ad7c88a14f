import Foundation
import OGPModel
import OGPStore

/// Writes the catalogue's datasets as DCAT-AP in JSON-LD: one `dcat:Catalog` whose
/// `dcat:dataset` lists every dataset with its distributions, publisher, licence, dates,
/// keywords and coverage. Streamed and deterministic like the JSON export.
public struct DCATExporter: Sendable {
    let store: any CatalogStore
    let metadata: Exporter.Metadata

    public init(store: any CatalogStore, metadata: Exporter.Metadata = Exporter.Metadata()) {
        self.store = store
        self.metadata = metadata
    }

    static let context: [String: String] = [
        "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
        "xsd": "http://www.w3.org/2001/XMLSchema#", "spdx": "http://spdx.org/rdf/terms#",
        "adms": "http://www.w3.org/ns/adms#", "vcard": "http://www.w3.org/2006/vcard/ns#",
    ]

    /// Exports the (non-archived unless asked) datasets to `path` atomically, or to standard output.
    @discardableResult
    public func export(to path: String?, since: String? = nil, includeArchived: Bool = false, now: Date = Date(),
                       reproducible: Bool = false) throws(ExportError) -> Int {
        let encoder = RecordCoding.encoder()
        return try OutputFile.write(to: path) { out in
            var count = 0
            var catalog: [String: JSONLD] = [
                "@type": .string("dcat:Catalog"), "dct:title": .string(metadata.title),
                "dct:description": .string(metadata.description),
                "dct:publisher": .object(["@type": .string("foaf:Agent"), "foaf:name": .string(metadata.publisher)]),
            ]
            if !reproducible { catalog["dct:modified"] = .typed(ISODate.string(from: now), "xsd:dateTime") }
            let head = String(decoding: try encoder.encode(JSONLD.object(catalog)), as: UTF8.self)
            let contextJSON = String(decoding: try encoder.encode(Self.context), as: UTF8.self)
            try out.write("{\"@context\":\(contextJSON),\"@graph\":[\(head.dropLast()),\"dcat:dataset\":[")
            let filter = RecordFilter(kinds: [.dataset], changedSince: since, includeArchived: includeArchived)
            try store.forEachRecord(filter) { record in
                try out.write(count == 0 ? "\n" : ",\n")
                try out.write(try encoder.encode(Self.dataset(record)))
                count += 1
            }
            try out.write("\n]}]}\n")
            return count
        }
    }

    /// The DCAT-AP description of one dataset record.
    static func dataset(_ r: Record) -> JSONLD {
        var d: [String: JSONLD] = ["@type": .string("dcat:Dataset"), "dct:identifier": .string(r.dataset?.remoteID ?? r.id.rawValue)]
        d["@id"] = .string(r.dataset?.uri ?? r.url ?? "urn:ogp:\(r.id.rawValue)")
        d["dct:title"] = .lang(r.title, r.language)
        if let body = r.body ?? r.summary { d["dct:description"] = .lang(body, r.language) }
        if !r.tags.isEmpty { d["dcat:keyword"] = .array(r.tags.map { .string($0) }) }
        if let url = r.url { d["dcat:landingPage"] = .object(["@id": .string(url)]) }
        if let issued = r.dates.published { d["dct:issued"] = .typed(issued, issued.count == 10 ? "xsd:date" : "xsd:dateTime") }
        if let modified = r.dates.modified { d["dct:modified"] = .typed(modified, modified.count == 10 ? "xsd:date" : "xsd:dateTime") }
        if let info = r.dataset {
            if let org = r.extras["organization"] ?? info.owner {
                d["dct:publisher"] = .object(["@type": .string("foaf:Organization"), "foaf:name": .string(org)])
            }
            if let license = info.licenseLabel ?? info.license { d["dct:license"] = .string(license) }
            if let frequency = info.frequency { d["dct:accrualPeriodicity"] = .string(frequency) }
            if info.temporalStart != nil || info.temporalEnd != nil {
                var t: [String: JSONLD] = ["@type": .string("dct:PeriodOfTime")]
                if let s = info.temporalStart { t["dcat:startDate"] = .typed(s, "xsd:date") }
                if let e = info.temporalEnd { t["dcat:endDate"] = .typed(e, "xsd:date") }
                d["dct:temporal"] = .object(t)
            }
            if !info.spatial.isEmpty { d["dct:spatial"] = .array(info.spatial.map { .string($0) }) }
            d["dcat:distribution"] = .array(info.distributions.map(distribution))
        }
        return .object(d)
    }

    static func distribution(_ x: Distribution) -> JSONLD {
        var d: [String: JSONLD] = ["@type": .string("dcat:Distribution"), "dcat:accessURL": .object(["@id": .string(x.url)])]
        if let title = x.title { d["dct:title"] = .string(title) }
        if let format = x.format { d["dct:format"] = .string(format) }
        if let mime = x.mimeType { d["dcat:mediaType"] = .string(mime) }
        if let size = x.size { d["dcat:byteSize"] = .typed(String(size), "xsd:nonNegativeInteger") }
        if let modified = x.modified { d["dct:modified"] = .typed(modified, "xsd:dateTime") }
        if let checksum = x.checksum, let colon = checksum.firstIndex(of: ":") {
            d["spdx:checksum"] = .object([
                "@type": .string("spdx:Checksum"),
                "spdx:algorithm": .string(String(checksum[..<colon])),
                "spdx:checksumValue": .string(String(checksum[checksum.index(after: colon)...])),
            ])
        }
        return .object(d)
    }
}

/// A JSON-LD value (encoded with sorted keys by the catalogue's encoder).
indirect enum JSONLD: Encodable {
    case string(String)
    case typed(String, String)
    case lang(String, String)
    case array([JSONLD])
    case object([String: JSONLD])

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .typed(let value, let type):
            try ["@value": value, "@type": type].encode(to: encoder)
        case .lang(let value, let language):
            try ["@value": value, "@language": language].encode(to: encoder)
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .object(let members):
            try members.encode(to: encoder)
        }
    }
}
