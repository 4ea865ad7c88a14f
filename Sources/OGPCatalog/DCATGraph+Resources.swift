import OGPModel

/// Action plans and commitments as `dcat:Resource`s. DCAT-AP has no class for them, so ogp
/// types them with `dct:type`, a `skos:Concept` of its own (`urn:ogp:kind:actionPlan`,
/// `urn:ogp:kind:commitment`, labelled in French and English), and links them with Dublin Core:
/// a commitment `dct:isPartOf` its plan; both `dct:relation` the datasets they use; a commitment's
/// lead institutions are its `dct:creator`s and its status is its `adms:status`.
extension DCATGraph {
    static let kindLabels: [RecordKind: (fr: String, en: String)] = [
        .actionPlan: (
            "Plan d'action national du Partenariat pour un gouvernement ouvert",
            "Open Government Partnership national action plan"
        ),
        .commitment: (
            "Engagement d'un plan d'action du Partenariat pour un gouvernement ouvert",
            "Open Government Partnership action plan commitment"
        ),
    ]

    /// The IRI of a plan or commitment (minted: one page often holds a whole plan).
    static func resourceIRI(_ id: RecordID) -> String {
        mint(id.rawValue)
    }

    /// The `dcat:Resource` of a plan or commitment; `datasetIRIs` gives the IRI under which
    /// each linked dataset is exported (nil: not in the catalogue, the link is left out).
    mutating func resource(_ r: Record, datasetIRIs: [RecordID: String?]) -> RDFNode {
        var node = RDFNode(iri: Self.resourceIRI(r.id), types: ["dcat:Resource"])
        var kind = RDFNode(iri: Self.mint("kind:" + r.kind.rawValue), types: ["skos:Concept"])
        if let labels = Self.kindLabels[r.kind] {
            kind.add("skos:prefLabel", text: labels.fr, language: "fr")
            kind.add("skos:prefLabel", text: labels.en, language: "en")
        } else {
            kind.add("skos:prefLabel", text: r.kind.rawValue)
        }
        node.add("dct:type", .node(kind))
        node.add("dct:identifier", text: r.id.rawValue)
        node.add("dct:title", text: Self.title(r), language: r.language)
        node.add("dct:description", text: Self.description(r), language: r.language)
        for tag in r.tags { node.add("dcat:keyword", text: tag) }
        if let page = r.url.flatMap(RDFTerm.cleanIRI) {
            node.add("foaf:page", .node(RDFNode(iri: page, types: ["foaf:Document"])))
        }
        if let issued = r.dates.published.flatMap({ Self.date($0) }) { node.add("dct:issued", issued) }
        if let modified = r.dates.modified.flatMap({ Self.date($0) }) { node.add("dct:modified", modified) }
        if let plan = r.actionPlan {
            if let start = plan.startYear, let end = plan.endYear, (1000...9999).contains(start),
                (1000...9999).contains(end)
            {
                var period = RDFNode(anonymous: "dct:PeriodOfTime")
                period.add("dcat:startDate", .typed(String(start), "xsd:gYear"))
                period.add("dcat:endDate", .typed(String(end), "xsd:gYear"))
                node.add("dct:temporal", .node(period))
            }
        }
        if let c = r.commitment {
            if let plan = c.plan { node.add("dct:isPartOf", .iri(Self.resourceIRI(plan))) }
            for institution in c.leadInstitutions { node.add("dct:creator", .iri(agent(named: institution))) }
            if c.status != .unknown || c.statusLabel != nil {
                var status = RDFNode(anonymous: "skos:Concept")
                status.add(
                    "skos:prefLabel", text: c.statusLabel ?? c.status.rawValue,
                    language: c.statusLabel == nil ? nil : r.language)
                status.add("skos:notation", text: c.status.rawValue)
                node.add("adms:status", .node(status))
            }
        }
        for link in r.links {
            switch link.relation {
            case .partOf where r.commitment?.plan != link.target:
                node.add("dct:isPartOf", .iri(Self.resourceIRI(link.target)))
            case .usesDataset:
                if let iri = datasetIRIs[link.target] ?? nil { node.add("dct:relation", .iri(iri)) }
            default:
                break
            }
        }
        return node
    }
}
