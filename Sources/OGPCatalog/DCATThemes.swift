import Foundation
import OGPModel

/// Portal themes (free text: CKAN groups, OpenDataSoft `theme`, DCAT theme labels) mapped to the
/// EU data theme vocabulary (`http://publications.europa.eu/resource/authority/data-theme/…`),
/// which DCAT-AP recommends for `dcat:theme`. A theme is mapped when one of its words is in
/// ``words``; a theme that maps to nothing stays free text (exported as `dcat:keyword`), never
/// guessed. Theme IRIs of the vocabulary (DCAT sources) are kept as they are.
///
/// The table is meant to be edited: one line per word (folded: lowercase, no accents; a word of
/// the theme matches when it begins with the entry, so `agricol` covers `agricole`), French
/// first (data.gouv.fr, OpenDataSoft's default themes, DataSud's groups), then English.
enum DCATThemes {
    static let base = "http://publications.europa.eu/resource/authority/data-theme/"
    /// The vocabulary itself (`dcat:themeTaxonomy` of the catalogue).
    static let scheme = "http://publications.europa.eu/resource/authority/data-theme"

    /// The vocabulary's French labels (`skos:prefLabel`), by code.
    static let labels: [String: String] = [
        "AGRI": "Agriculture, pêche, sylviculture et alimentation", "ECON": "Économie et finances",
        "EDUC": "Éducation, culture et sport", "ENER": "Énergie", "ENVI": "Environnement",
        "GOVE": "Gouvernement et secteur public", "HEAL": "Santé", "INTR": "Questions internationales",
        "JUST": "Justice, système juridique et sécurité publique", "REGI": "Régions et villes",
        "SOCI": "Population et société", "TECH": "Science et technologie", "TRAN": "Transports",
    ]

    /// The `skos:Concept` node of a theme IRI of the vocabulary.
    static func concept(_ iri: String) -> RDFNode {
        var node = RDFNode(iri: iri, types: ["skos:Concept"])
        node.add("skos:inScheme", iri: scheme)
        if iri.hasPrefix(base), let label = labels[String(iri.dropFirst(base.count))] {
            node.add("skos:prefLabel", text: label, language: "fr")
        }
        return node
    }

    /// Splits a record's themes into EU theme IRIs and the free-text themes that map to none.
    static func split(_ themes: [String]) -> (iris: [String], free: [String]) {
        var iris: [String] = []
        var free: [String] = []
        for theme in themes {
            let mapped = self.iris(theme)
            if mapped.isEmpty { free.append(theme) }
            for iri in mapped where !iris.contains(iri) { iris.append(iri) }
        }
        return (iris, free)
    }

    /// Word beginnings → EU data theme codes.
    static let words: [(String, String)] = [
        // Agriculture, fisheries, forestry and food
        ("agricult", "AGRI"), ("agricol", "AGRI"), ("peche", "AGRI"), ("foret", "AGRI"), ("forestier", "AGRI"),
        ("alimentation", "AGRI"), ("alimentaire", "AGRI"), ("fisher", "AGRI"), ("forestry", "AGRI"),
        ("food", "AGRI"),
        // Economy and finance
        ("econom", "ECON"), ("financ", "ECON"), ("budget", "ECON"), ("fiscal", "ECON"), ("emploi", "ECON"),
        ("entreprise", "ECON"), ("commerce", "ECON"), ("artisanat", "ECON"), ("industrie", "ECON"),
        ("business", "ECON"), ("employment", "ECON"), ("finance", "ECON"),
        // Education, culture and sport
        ("education", "EDUC"), ("enseignement", "EDUC"), ("formation", "EDUC"), ("culture", "EDUC"),
        ("culturel", "EDUC"), ("patrimoine", "EDUC"), ("sport", "EDUC"), ("loisir", "EDUC"), ("heritage", "EDUC"),
        ("leisure", "EDUC"),
        // Energy
        ("energie", "ENER"), ("energy", "ENER"),
        // Environment
        ("environnement", "ENVI"), ("climat", "ENVI"), ("biodiversite", "ENVI"), ("dechet", "ENVI"),
        ("pollution", "ENVI"), ("environment", "ENVI"), ("climate", "ENVI"), ("waste", "ENVI"),
        // Government and public sector
        ("gouvernement", "GOVE"), ("administration", "GOVE"), ("citoyennete", "GOVE"), ("election", "GOVE"),
        ("collectivite", "GOVE"), ("government", "GOVE"), ("public sector", "GOVE"),
        // Health
        ("sante", "HEAL"), ("health", "HEAL"),
        // International issues
        ("international", "INTR"),
        // Justice, legal system and public safety
        ("justice", "JUST"), ("securite", "JUST"), ("police", "JUST"), ("criminalite", "JUST"), ("crime", "JUST"),
        ("safety", "JUST"),
        // Regions and cities
        ("urbanisme", "REGI"), ("amenagement", "REGI"), ("territoire", "REGI"), ("logement", "REGI"),
        ("batiment", "REGI"), ("housing", "REGI"), ("town planning", "REGI"), ("spatial planning", "REGI"),
        // Population and society
        ("population", "SOCI"), ("societe", "SOCI"), ("social", "SOCI"), ("sociaux", "SOCI"), ("solidarite", "SOCI"),
        ("demograph", "SOCI"), ("society", "SOCI"),
        // Science and technology
        ("science", "TECH"), ("recherche", "TECH"), ("technolog", "TECH"), ("numerique", "TECH"),
        ("innovation", "TECH"), ("research", "TECH"),
        // Transport
        ("transport", "TRAN"), ("mobilite", "TRAN"), ("deplacement", "TRAN"), ("circulation", "TRAN"),
        ("stationnement", "TRAN"), ("mobility", "TRAN"),
    ]

    /// The EU theme IRIs of a portal theme (in the table's order, no repeats); empty when none applies.
    static func iris(_ theme: String) -> [String] {
        let trimmed = theme.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix(base) { return [trimmed] }
        if trimmed.hasPrefix("https://publications.europa.eu/resource/authority/data-theme/"),
            let code = trimmed.split(separator: "/").last
        {
            return [base + code]
        }
        let folded = TextFolding.fold(trimmed)
        let tokens = folded.split { !$0.isLetter }.map(String.init)
        var codes: [String] = []
        for (entry, code) in words where !codes.contains(code) {
            let matches =
                entry.contains(" ")
                ? folded.contains(entry)
                : tokens.contains { $0.hasPrefix(entry) }
            if matches { codes.append(code) }
        }
        return codes.map { base + $0 }
    }
}
