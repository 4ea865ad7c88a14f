import Foundation
import OGPModel

/// Maps records to the DCAT-AP nodes of the export and remembers the publishers met on the way,
/// so that each is written once as a `foaf:Agent` (``agentNodes()``) and cited by IRI.
struct DCATGraph {
    let organizations: [RecordID: (iri: String, name: String)]
    /// Agents by IRI, with their name, in the order first met.
    private var agents: [String: String] = [:]
    private var agentOrder: [String] = []

    init(organizations: [RecordID: (iri: String, name: String)]) {
        self.organizations = organizations
    }

    /// An IRI of ogp's own for what has none at its source.
    static func mint(_ key: String) -> String {
        RDFTerm.cleanIRI("urn:ogp:" + key) ?? "urn:ogp:invalid"
    }

    /// The IRI a dataset is written under: its DCAT URI, else its page, else a minted one.
    static func datasetIRI(_ r: Record) -> String {
        r.dataset?.uri.flatMap(RDFTerm.cleanIRI) ?? r.url.flatMap(RDFTerm.cleanIRI) ?? mint(r.id.rawValue)
    }

    /// Registers an agent known by its name only and returns its IRI.
    mutating func agent(named name: String) -> String {
        let iri = Self.mint("agent:" + name)
        register(iri, name)
        return iri
    }

    private mutating func register(_ iri: String, _ name: String) {
        if agents[iri] == nil {
            agents[iri] = name
            agentOrder.append(iri)
        }
    }

    /// The publisher of a dataset: its organisation record, else the organisation or owner name.
    mutating func publisher(of r: Record) -> String? {
        if let org = r.dataset?.organization, let known = organizations[org] {
            register(known.iri, known.name)
            return known.iri
        }
        if let name = r.extras["organization"] ?? r.dataset?.owner {
            if let org = r.dataset?.organization {
                let iri = Self.mint(org.rawValue)
                register(iri, name)
                return iri
            }
            return agent(named: name)
        }
        return nil
    }

    func agentNodes() -> [RDFNode] {
        agentOrder.map { iri in
            var node = RDFNode(iri: iri, types: ["foaf:Agent"])
            node.add("foaf:name", text: agents[iri].flatMap(Self.nonBlank) ?? iri)
            return node
        }
    }

    /// The `dcat:Dataset` of a dataset record. `dct:description` is always present (DCAT-AP
    /// requires it): the summary, else the title when the source gave no description.
    mutating func dataset(_ r: Record) -> RDFNode {
        var d = RDFNode(iri: Self.datasetIRI(r), types: ["dcat:Dataset"])
        d.add("dct:identifier", text: r.dataset?.remoteID ?? r.id.rawValue)
        d.add("dct:title", text: Self.title(r), language: r.language)
        d.add("dct:description", text: Self.description(r), language: r.language)
        // Themes: EU data themes where the table maps them, the rest kept as keywords.
        let themes = DCATThemes.split(r.themes)
        for tag in r.tags { d.add("dcat:keyword", text: tag) }
        for theme in themes.free where !r.tags.contains(theme) { d.add("dcat:keyword", text: theme) }
        for iri in themes.iris { d.add("dcat:theme", .node(DCATThemes.concept(iri))) }
        if let page = r.url.flatMap(RDFTerm.cleanIRI) {
            d.add("dcat:landingPage", .node(RDFNode(iri: page, types: ["foaf:Document"])))
        }
        if let issued = r.dates.published.flatMap({ Self.date($0) }) { d.add("dct:issued", issued) }
        if let modified = r.dates.modified.flatMap({ Self.date($0) }) { d.add("dct:modified", modified) }
        if let publisher = publisher(of: r) { d.add("dct:publisher", .iri(publisher)) }
        if let contact = Self.contactPoint(r.extras) { d.add("dcat:contactPoint", .node(contact)) }
        guard let info = r.dataset else { return d }
        if let licence = DCATVocabulary.licence(id: info.license, label: info.licenseLabel) {
            d.add("dct:license", licence)
        }
        if let frequency = info.frequency { d.add("dct:accrualPeriodicity", DCATVocabulary.frequency(frequency)) }
        let start = info.temporalStart.flatMap { Self.date($0, only: true) }
        let end = info.temporalEnd.flatMap { Self.date($0, only: true) }
        if start != nil || end != nil {
            var period = RDFNode(anonymous: "dct:PeriodOfTime")
            if let start { period.add("dcat:startDate", start) }
            if let end { period.add("dcat:endDate", end) }
            d.add("dct:temporal", .node(period))
        }
        for zone in info.spatial {
            d.add(
                "dct:spatial",
                DCATVocabulary.absolute(zone).map { .node(RDFNode(iri: $0, types: ["dct:Location"])) }
                    ?? DCATVocabulary.labelled("dct:Location", zone))
        }
        for x in info.distributions {
            if let node = Self.distribution(x) { d.add("dcat:distribution", .node(node)) }
        }
        return d
    }

    /// The title, else the identifier (DCAT-AP requires a title).
    static func title(_ r: Record) -> String {
        nonBlank(r.title) ?? r.dataset?.remoteID ?? r.id.rawValue
    }

    /// The body, else the summary, else the title (DCAT-AP requires a description).
    static func description(_ r: Record) -> String {
        r.body.flatMap(nonBlank) ?? r.summary.flatMap(nonBlank) ?? title(r)
    }

    /// `text` when it has something besides whitespace once cleaned.
    static func nonBlank(_ text: String) -> String? {
        guard let clean = RDFTerm.cleanLiteral(text), RDFTerm.hasNonWhitespace(clean) else { return nil }
        return text
    }

    /// A `dcat:Distribution`; nil when its URL is not an absolute IRI (`dcat:accessURL` is required).
    static func distribution(_ x: Distribution) -> RDFNode? {
        guard let url = RDFTerm.cleanIRI(x.url) else { return nil }
        var d = RDFNode(anonymous: "dcat:Distribution")
        d.add("dcat:accessURL", .iri(url))
        if x.type == nil || x.type == "main" { d.add("dcat:downloadURL", .iri(url)) }
        d.add("dct:title", text: x.title)
        if let format = x.format { d.add("dct:format", DCATVocabulary.fileType(format)) }
        if let mime = x.mimeType.flatMap(DCATVocabulary.mediaType) { d.add("dcat:mediaType", mime) }
        if let size = x.size, size >= 0 { d.add("dcat:byteSize", .typed(String(size), "xsd:nonNegativeInteger")) }
        if let modified = x.modified.flatMap({ date($0) }) { d.add("dct:modified", modified) }
        if let checksum = x.checksum, let colon = checksum.firstIndex(of: ":") {
            let algorithm = checksum[..<colon].lowercased()
            let value = checksum[checksum.index(after: colon)...].lowercased()
            if DCATVocabulary.checksumAlgorithms.contains(algorithm), !value.isEmpty, value.count % 2 == 0,
                value.allSatisfy(\.isHexDigit)
            {
                var c = RDFNode(anonymous: "spdx:Checksum")
                c.add("spdx:algorithm", .iri("http://spdx.org/rdf/terms#checksumAlgorithm_" + algorithm))
                c.add("spdx:checksumValue", .typed(value, "xsd:hexBinary"))
                d.add("spdx:checksum", .node(c))
            }
        }
        return d
    }

    /// A `vcard:Kind` from the `contact_point.*` extras (name, email, url: the udata decoder) or
    /// the `contact_point` extra (an email, a URL or a name: the CKAN, OpenDataSoft and DCAT decoders).
    static func contactPoint(_ extras: [String: String]) -> RDFNode? {
        var name = extras["contact_point.name"], email = extras["contact_point.email"],
            url = extras["contact_point.url"]
        if let single = extras["contact_point"]?.trimmingCharacters(in: .whitespaces), !single.isEmpty {
            let lower = single.lowercased()
            if lower.hasPrefix("mailto:") || (single.contains("@") && !single.contains(" ") && !single.contains("/")) {
                email = email ?? single
            } else if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                url = url ?? single
            } else {
                name = name ?? single
            }
        }
        guard name != nil || email != nil || url != nil else { return nil }
        var c = RDFNode(anonymous: "vcard:Kind")
        c.add("vcard:fn", text: name)
        if let email {
            c.add("vcard:hasEmail", iri: email.lowercased().hasPrefix("mailto:") ? email : "mailto:" + email)
        }
        c.add("vcard:hasURL", iri: url)
        return c
    }

    /// An `xsd:date` (10 characters) or `xsd:dateTime` literal; nil when `text` is neither
    /// (or not a date when `only`), so that no ill-typed literal is written.
    static func date(_ text: String, only: Bool = false) -> RDFTerm? {
        let b = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.upperBound <= b.count && r.allSatisfy { b[$0] >= 48 && b[$0] <= 57 } }
        guard b.count >= 10, digits(0..<4), b[4] == 45, digits(5..<7), b[7] == 45, digits(8..<10),
            let year = Int(text.prefix(4)), year > 0, let month = Int(text.dropFirst(5).prefix(2)),
            let day = Int(text.dropFirst(8).prefix(2)), (1...12).contains(month), day >= 1
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        guard day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] else { return nil }
        if b.count == 10 { return .typed(text, "xsd:date") }
        if only { return .typed(String(text.prefix(10)), "xsd:date") }
        guard b.count >= 19, b[10] == 84, digits(11..<13), b[13] == 58, digits(14..<16), b[16] == 58, digits(17..<19)
        else { return nil }
        var i = 19
        if i < b.count, b[i] == 46 {
            i += 1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > start else { return nil }
        }
        let zone = Array(b[i...])
        let validZone =
            zone.isEmpty || zone == [90]
            || (zone.count == 6 && (zone[0] == 43 || zone[0] == 45) && zone[3] == 58
                && [1, 2, 4, 5].allSatisfy { zone[$0] >= 48 && zone[$0] <= 57 })
        return validZone ? .typed(text, "xsd:dateTime") : nil
    }
}
