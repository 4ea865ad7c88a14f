import OGPModel

/// Licence normalisation for catalogue portals: CKAN/udata ids, labels, and licence URLs or
/// IRIs (Etalab, Open Data Commons, Creative Commons, the EU licence vocabulary) → the udata
/// ids ogp uses everywhere (`lov2`, `fr-lo`, `odc-odbl`, `cc-by`, …), with a label.
enum CatalogLicense {
    /// Known licence URL fragments (lowercased) and their ids, most specific first.
    static let urlPatterns: [(fragment: String, id: String)] = [
        ("etalab-2.0", "lov2"), ("licence-ouverte-v2", "lov2"), ("licence-ouverte-open-licence-v2", "lov2"),
        ("etalab.gouv.fr/licence-ouverte-open-licence", "fr-lo"),
        ("licence_ouverte_open_licence", "fr-lo"), ("etalab.gouv.fr/pages/licence", "fr-lo"), ("/etalab-1.0", "fr-lo"),
        ("opendatacommons.org/licenses/odbl", "odc-odbl"), ("licence/odbl", "odc-odbl"), ("license/odbl", "odc-odbl"),
        ("opendatacommons.org/licenses/by", "odc-by"), ("opendatacommons.org/licenses/pddl", "odc-pddl"),
        ("creativecommons.org/publicdomain/zero", "cc-zero"), ("licence/cc0", "cc-zero"),
        ("creativecommons.org/licenses/by-sa", "cc-by-sa"), ("licence/cc_bysa", "cc-by-sa"),
        ("licence/cc_by_4", "cc-by"),
        ("creativecommons.org/licenses/by/", "cc-by"), ("licence/cc_by", "cc-by"), ("dl-de-by", "dl-de-by"),
        ("dl-de-zero", "dl-de-zero"),
    ]

    /// Label forms seen at portals (folded) and their ids.
    static let labels: [(label: String, id: String)] = [
        ("licence ouverte v2.0", "lov2"), ("licence ouverte 2.0", "lov2"),
        ("licence ouverte / open licence version 2.0", "lov2"),
        ("open licence 2.0", "lov2"), ("licence ouverte (etalab)", "fr-lo"), ("licence ouverte", "fr-lo"),
        ("licence ouverte / open licence", "fr-lo"), ("open data commons open database license (odbl)", "odc-odbl"),
        ("odbl", "odc-odbl"), ("open database license (odbl)", "odc-odbl"), ("cc by 4.0", "cc-by"),
        ("cc-by-4.0", "cc-by"),
        ("cc-by", "cc-by"), ("cc by-sa 4.0", "cc-by-sa"), ("cc0", "cc-zero"), ("cc0 1.0", "cc-zero"),
    ]
    private static let idByLabel = Dictionary(
        (labels + UdataFields.licenses.map { ($0.label, $0.id) }).map { (TextFolding.fold($0.0), $0.1) },
        uniquingKeysWith: { a, _ in a })

    /// ids CKAN portals use for the same licences.
    static let ckanIDs: [String: String] = [
        "lov2": "lov2", "fr-lo": "fr-lo", "etalab-2.0": "lov2", "licence-ouverte-v2.0": "lov2", "odc-odbl": "odc-odbl",
        "odbl": "odc-odbl", "cc-by": "cc-by", "cc-by-4.0": "cc-by", "cc-by-sa": "cc-by-sa", "cc-zero": "cc-zero",
        "cc0-1.0": "cc-zero", "odc-by": "odc-by", "odc-pddl": "odc-pddl", "notspecified": "notspecified",
        "other-at": "other-at", "other-pd": "other-pd", "other-open": "other-open",
    ]

    /// The normalised id and a label. An unknown licence keeps its own id (lowercased) or none,
    /// and its label (else its URL), so nothing the portal said is lost.
    static func normalize(id: String?, label: String?, url: String?) -> (id: String?, label: String?) {
        let label = UdataFields.nonEmpty(label)
        let url = UdataFields.nonEmpty(url) ?? label.flatMap { CatalogDate.isURI($0) ? $0 : nil }
        var found: String?
        if let raw = UdataFields.nonEmpty(id) {
            let lower = raw.lowercased()
            found = ckanIDs[lower] ?? (CatalogDate.isURI(lower) ? fromURL(lower) : nil)
            if found == nil, !CatalogDate.isURI(lower) { found = idByLabel[TextFolding.fold(raw)] ?? lower }
        }
        if found == nil, let label, !CatalogDate.isURI(label) { found = idByLabel[TextFolding.fold(label)] }
        if found == nil, let url { found = fromURL(url.lowercased()) }
        let standard = found.flatMap { f in UdataFields.licenses.first { $0.id == f }?.label }
        let ownLabel = label.flatMap { CatalogDate.isURI($0) ? nil : $0 }
        return (found, ownLabel ?? standard ?? url)
    }

    private static func fromURL(_ lower: String) -> String? {
        urlPatterns.first { lower.contains($0.fragment) }?.id
    }
}
