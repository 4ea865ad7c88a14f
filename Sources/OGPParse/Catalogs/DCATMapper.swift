import Foundation
import OGPModel

/// Maps the DCAT nodes of an ``RDFGraph`` to ``CatalogDataset`` values, like udata's DCAT
/// harvester: DCAT-AP, GeoDCAT-AP and DCAT-AP.de/CH properties; multilingual literals French
/// first; blank nodes; literals where IRIs are expected and the reverse.
struct DCATMapper {
    let graph: RDFGraph

    /// The dataset node keys: typed `dcat:Dataset` (and DCAT-AP.de's `dcat:Dataset` subclasses
    /// are typed so too), or the objects of a catalogue's `dcat:dataset`.
    static func isDataset(types: [String]) -> Bool {
        types.contains(NS.dcat + "Dataset")
    }

    /// The dataset of node `key`, or a failure when it has no usable identity.
    func dataset(_ key: String, context: ParseContext) -> ItemResult {
        let g = graph
        let identifier = RDFGraph.pick(g.objects(key, NS.dct + "identifier")).text.map(Self.trim)
        let landing = g.objects(key, any: [NS.dcat + "landingPage", NS.foaf + "page"]).compactMap(iriOrText).first
        let remote: String
        if !key.hasPrefix("_:") {
            remote = key
        } else if let id = identifier ?? landing {
            remote = id
        } else {
            return .failed(
                ItemFailure(
                    item: key, url: context.url, code: "missing-id",
                    reason: "a dcat:Dataset without URI, dct:identifier nor dcat:landingPage"))
        }
        var d = CatalogDataset(remoteID: remote)
        d.identifier = identifier
        // Hydra pages shift as the catalogue changes: the dataset's own URI is its provenance.
        if CatalogDate.isURI(remote) { d.provenanceURL = remote }
        var title = RDFGraph.pick(g.objects(key, NS.dct + "title"))
        if title.text == nil {
            title = RDFGraph.pick(g.objects(key, any: [NS.dc + "title", NS.rdfs + "label", NS.schema + "name"]))
        }
        let description = RDFGraph.pick(g.objects(key, any: [NS.dct + "description", NS.dct + "abstract"]))
        d.title = title.text
        d.description = description.text
        for lang in Set(title.translations.keys).union(description.translations.keys) {
            let body = description.translations[lang].flatMap { UdataFields.text($0)?.text }
            d.translations[lang] = Translation(title: title.translations[lang], body: body)
        }
        d.tags = keywords(key)
        d.themes = g.objects(key, NS.dcat + "theme").compactMap(label)
        // Without a landing page, an http(s) IRI is the dataset's address: most portals make it
        // a page (data.gouv.fr, data.europa.eu), and a record without a link cannot be followed.
        d.landingPage = landing ?? (Self.isWebIRI(key) ? key : nil)
        d.created = literal(key, NS.dct + "issued")
        d.modified = literal(key, NS.dct + "modified")
        d.frequency = g.objects(key, NS.dct + "accrualPeriodicity").compactMap(label).first
        if let publisher = g.objects(key, any: [NS.dct + "publisher", NS.dct + "creator"]).first {
            d.publisherName = label(publisher)
            if case .iri(let iri) = publisher {
                d.publisherID = iri; d.publisherURL = iri; d.publisherProvenanceURL = iri
            }
        }
        if let contact = g.objects(key, NS.dcat + "contactPoint").first {
            d.contactPoint = contactText(contact)
        }
        temporal(key, into: &d)
        for spatial in g.objects(key, NS.dct + "spatial") {
            if let s = label(spatial) { d.spatial.append(s) }
            if let k = spatial.nodeKey,
                let geometry = g.objects(k, any: [NS.locn + "geometry", NS.dcat + "bbox"]).first?.text
            {
                d.extras["spatial.geometry"] = geometry
            }
        }
        let conforms = g.objects(key, NS.dct + "conformsTo").compactMap(label)
        if !conforms.isEmpty { d.extras["conforms_to"] = conforms.joined(separator: " ") }
        if let rights = g.objects(key, any: [NS.dct + "accessRights", NS.dct + "rights"]).compactMap(label).first {
            d.extras["rights"] = rights
        }
        if let version = literal(key, NS.owl + "versionInfo") { d.extras["version"] = version }
        if let source = g.objects(key, NS.dct + "source").compactMap(iriOrText).first {
            d.extras["harvest.remote_url"] = source
        }
        for (n, dist) in g.objects(key, NS.dcat + "distribution").enumerated() {
            if let x = distribution(dist, into: &d) {
                d.distributions.append(x)
            } else {
                d.warnings.append("distribution \(n + 1) has no access or download URL")
            }
        }
        if let license = g.objects(key, NS.dct + "license").first, d.licenseLabel == nil, d.licenseURL == nil {
            setLicense(license, &d)
        }
        return .parsed(item: remote, records: d.records(context: context, parser: DCATDecoder.parser))
    }

    private func keywords(_ key: String) -> [String] {
        let all = graph.objects(key, NS.dcat + "keyword")
        // French and untagged keywords; other languages only when there are none of those.
        let main = all.filter { ($0.language ?? "fr").hasPrefix("fr") }
        return (main.isEmpty ? all : main).compactMap { $0.text.map(Self.trim) }
    }

    private func temporal(_ key: String, into d: inout CatalogDataset) {
        for t in graph.objects(key, NS.dct + "temporal") {
            guard let k = t.nodeKey else { continue }
            let start =
                graph.objects(k, any: [NS.dcat + "startDate", NS.schema + "startDate"]).first?.text
                ?? graph.objects(k, NS.time + "hasBeginning").first?.nodeKey.flatMap {
                    graph.objects($0, NS.time + "inXSDDateTime").first?.text
                }
            let end =
                graph.objects(k, any: [NS.dcat + "endDate", NS.schema + "endDate"]).first?.text
                ?? graph.objects(k, NS.time + "hasEnd").first?.nodeKey.flatMap {
                    graph.objects($0, NS.time + "inXSDDateTime").first?.text
                }
            if let start { d.temporalStart = start }
            if let end { d.temporalEnd = end }
        }
    }

    private func distribution(_ term: RDFTerm, into d: inout CatalogDataset) -> Distribution? {
        guard let k = term.nodeKey else {
            // A literal URL where a node is expected.
            return term.text.flatMap { CatalogDate.isURI($0) ? Distribution(url: $0) : nil }
        }
        let g = graph
        let download = g.objects(k, NS.dcat + "downloadURL").compactMap(iriOrText).first
        let access = g.objects(k, NS.dcat + "accessURL").compactMap(iriOrText).first
        guard let url = download ?? access ?? (k.hasPrefix("_:") ? nil : k) else { return nil }
        var format = g.objects(k, NS.dct + "format").compactMap(label).first
        let media = g.objects(k, any: [NS.dcat + "mediaType", NS.dcatap + "mediaType"]).compactMap(label).first
        if format == nil, let media { format = media.split(separator: "/").last.map(String.init) }
        var checksum: String?
        if let c = g.objects(k, NS.spdx + "checksum").first?.nodeKey,
            let value = g.objects(c, NS.spdx + "checksumValue").first?.text
        {
            let algorithm = Self.algorithmName(g.objects(c, NS.spdx + "algorithm").first.flatMap(label) ?? "sha1")
            checksum = "\(algorithm):\(value)"
        }
        let size = g.objects(k, NS.dcat + "byteSize").first?.text.flatMap {
            Int64($0.split(separator: ".").first ?? "")
        }
        if let license = g.objects(k, NS.dct + "license").first, d.licenseLabel == nil, d.licenseURL == nil,
            d.licenseID == nil
        {
            setLicense(license, &d)
        }
        if d.licenseLabel == nil, d.licenseURL == nil, let rights = g.objects(k, NS.dct + "rights").first.flatMap(label)
        {
            d.licenseLabel = rights
        }
        return Distribution(
            id: RDFGraph.pick(g.objects(k, NS.dct + "identifier")).text ?? (k.hasPrefix("_:") ? nil : k),
            title: RDFGraph.pick(g.objects(k, NS.dct + "title")).text, url: url,
            format: format.map { Self.formatName($0) }, mimeType: media.map { Self.mediaName($0) },
            size: size.flatMap { $0 >= 0 ? $0 : nil },
            checksum: checksum, type: download == nil && access != nil ? "api" : "main",
            modified: literal(k, NS.dct + "modified").flatMap(CatalogDate.normalize))
    }

    private func setLicense(_ license: RDFTerm, _ d: inout CatalogDataset) {
        switch license {
        case .iri(let iri):
            d.licenseURL = iri
            if let l = RDFGraph.pick(
                graph.objects(iri, any: [NS.rdfs + "label", NS.dct + "title", NS.skos + "prefLabel"])
            ).text {
                d.licenseLabel = l
            }
        case .literal(let s, _, _): if CatalogDate.isURI(s) { d.licenseURL = s } else { d.licenseLabel = s }
        case .blank: d.licenseLabel = label(license)
        }
    }

    /// The text of a node or literal: its label (skos:prefLabel, rdfs:label, foaf:name, vcard:fn,
    /// dct:title, rdf:value), else its IRI; a literal's text.
    func label(_ term: RDFTerm) -> String? {
        switch term {
        case .literal(let s, _, _): return UdataFields.nonEmpty(s)
        case .iri(let iri):
            if graph.has(iri), let l = nodeLabel(iri) { return l }
            return iri
        case .blank:
            guard let k = term.nodeKey else { return nil }
            return nodeLabel(k)
        }
    }

    private func nodeLabel(_ k: String) -> String? {
        RDFGraph.pick(
            graph.objects(
                k,
                any: [
                    NS.skos + "prefLabel", NS.rdfs + "label", NS.foaf + "name", NS.vcard + "fn",
                    NS.vcard + "organization-name",
                    NS.dct + "title", NS.rdf + "value", NS.schema + "name", NS.dct + "identifier",
                ])
        ).text.map(Self.trim)
    }

    private func contactText(_ term: RDFTerm) -> String? {
        guard let k = term.nodeKey else { return term.text }
        let email = graph.objects(k, NS.vcard + "hasEmail").first.flatMap(iriOrText).map {
            $0.hasPrefix("mailto:") ? String($0.dropFirst(7)) : $0
        }
        return email ?? nodeLabel(k) ?? (k.hasPrefix("_:") ? nil : k)
    }

    private func iriOrText(_ term: RDFTerm) -> String? {
        switch term {
        case .iri(let s): s
        case .literal(let s, _, _): UdataFields.nonEmpty(s).map(Self.trim)
        case .blank(let b): graph.objects("_:" + b, NS.foaf + "homepage").first?.text
        }
    }

    private func literal(_ key: String, _ predicate: String) -> String? {
        RDFGraph.pick(graph.objects(key, predicate)).text.map(Self.trim)
    }

    /// `spdx:checksumAlgorithm_sha1` → `sha1`; DCAT-AP.de's `…/hashalgorithms/sha/256` → `sha256`.
    static func algorithmName(_ s: String) -> String {
        if let r = s.range(of: "checksumAlgorithm_") { return String(s[r.upperBound...]).lowercased() }
        guard CatalogDate.isURI(s) else { return s.lowercased().replacingOccurrences(of: "-", with: "") }
        let parts = s.split(whereSeparator: { $0 == "/" || $0 == "#" }).map(String.init)
        guard let last = parts.last else { return s }
        if last.allSatisfy(\.isNumber), parts.count >= 2 { return (parts[parts.count - 2] + last).lowercased() }
        return last.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// The last path segment of a vocabulary IRI (`…/file-type/CSV` → `csv`).
    static func formatName(_ s: String) -> String {
        guard CatalogDate.isURI(s), let tail = s.split(whereSeparator: { $0 == "/" || $0 == "#" }).last else {
            return s.lowercased()
        }
        return String(tail).lowercased()
    }

    /// A media type from an IANA IRI (`…/media-types/text/csv` → `text/csv`).
    static func mediaName(_ s: String) -> String {
        if let r = s.range(of: "/media-types/") { return String(s[r.upperBound...]) }
        return s
    }

    static func trim(_ s: String) -> String { TextFolding.trimmed(s) }

    static func isWebIRI(_ s: String) -> Bool {
        let l = s.lowercased()
        return l.hasPrefix("http://") || l.hasPrefix("https://")
    }
}
