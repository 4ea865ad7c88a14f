import Foundation

@testable import OGPIndex

/// Small real French corpus (see SOURCES.md).
enum Fixture {
    static func doc(
        _ id: String, _ kind: String, _ org: String, _ date: String, _ plan: String, _ tags: [String],
        title: String, body: String, hidden: Bool = false
    ) -> IndexDocument {
        IndexDocument(
            id: id, fields: [TextField("title", title), TextField("body", body)],
            keywords: ["kind": [kind], "org": [org], "plan": [plan], "tag": tags],
            date: date, hidden: hidden,
            stored: ["kind": kind, "title": title, "url": "https://example.org/\(id)", "date": date])
    }

    static let documents: [IndexDocument] = [
        doc(
            "pgo", "publication", "DITP", "2021-12-17", "2021-2023", ["transparence"],
            title: "Partenariat pour un gouvernement ouvert",
            body:
                "Le Partenariat pour un gouvernement ouvert (PGO) est une structure internationale qui regroupe 78 pays, dont la France depuis 2014. Il repose sur l’idée qu’un gouvernement ouvert améliore les relations entre les citoyens et leur gouvernement en permettant à l’Etat d’être plus accessible, plus réactif mais aussi plus responsable envers les citoyens."
        ),
        doc(
            "plan3", "publication", "DITP", "2021-12-17", "2021-2023", ["plan-action"],
            title: "Le troisième plan d’action de la France",
            body:
                "Le 17 décembre 2021, le 3e plan d’action de la France a été présenté par Amélie de Montchalin, ministre de la Transformation et de la Fonction publiques. Ce plan recense les engagements de l’Etat pour les deux années à venir autour de six engagements, pour une action publique toujours plus ouverte et plus transparente."
        ),
        doc(
            "env", "commitment", "DITP", "2021-12-17", "2021-2023", ["environnement", "transparence"],
            title: "Ouvrir les données environnementales",
            body:
                "La mobilisation accrue des Français sur les enjeux environnementaux modifie profondément les modes de conception des politiques publiques environnementales, comme l’illustre la conduite de la Convention citoyenne pour le climat organisée en 2020. La stratégie d’ouverture des données environnementales sera fortement renforcée pour donner aux citoyens les outils nécessaires à leur implication, et favoriser les changements de consommation et de comportements en faveur de la transition écologique."
        ),
        doc(
            "consult", "publication", "DITP", "2021-07-01", "2021-2023", ["participation"],
            title: "Une consultation ouverte",
            body:
                "Des moments privilégiés qui ont permis d’échanger et d’élaborer des propositions concrètes sur la transparence des résultats de l’action publique, les enjeux environnementaux, la lutte contre la pandémie, l’action publique locale, la place des usagers dans les politiques publiques, la participation citoyenne, l’inclusion numérique et l’ouverture des données."
        ),
        doc(
            "pan2018", "publication", "Etalab", "2018-04-03", "2018-2020", ["transparence", "participation"],
            title: "Ouverture du Gouvernement et du Parlement",
            body:
                "Dans le cadre du Partenariat pour un gouvernement ouvert (PGO), le Gouvernement et l’Assemblée nationale publient aujourd’hui, pour la première fois en commun, leurs plans d’action respectifs sur la période 2018-2020. L’objectif est de faire progresser la transparence de l’action publique, l’innovation ouverte et la participation citoyenne."
        ),
        doc(
            "numerique", "commitment", "Etalab", "2018-04-03", "2018-2020", ["numérique"],
            title: "La transformation numérique de l’Etat",
            body:
                "La transformation numérique de l’Etat et la participation citoyenne au cœur de la politique française pour un gouvernement ouvert. Co-construit avec la société civile pendant plusieurs mois, le deuxième plan d’action du gouvernement est porté par 12 ministères et plusieurs institutions indépendantes comme la Haute Autorité pour la transparence de la vie publique et la Cour des comptes."
        ),
        doc(
            "mondial", "commitment", "Etalab", "2018-04-03", "2018-2020", ["science-ouverte"],
            title: "Les enjeux mondiaux",
            body:
                "La mise en œuvre des principes du gouvernement ouvert au service d’enjeux mondiaux : la démocratie, la transition écologique et la science ouverte."
        ),
        doc(
            "cese", "commitment", "Etalab", "2018-04-03", "2018-2020", ["participation"],
            title: "La chambre de la participation citoyenne",
            body:
                "Le Gouvernement envisage notamment d’inclure dans le projet de réforme constitutionnelle, une évolution des missions du Conseil économique, social et environnemental (CESE), pour qu’il devienne la chambre du gouvernement ouvert et de la participation citoyenne."
        ),
        doc(
            "brouillon", "commitment", "DITP", "2022-01-10", "2021-2023", ["transparence"],
            title: "Brouillon sur la transparence des algorithmes",
            body: "Un brouillon d’engagement sur la transparence des algorithmes publics.", hidden: true),
    ]

    /// A fresh temporary directory.
    static func tempDir() -> String {
        let dir = NSTemporaryDirectory() + "ogp-index-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// An index of `documents` in a fresh directory.
    static func index(_ docs: [IndexDocument] = documents) throws -> (String, IndexReader) {
        let dir = tempDir()
        let w = try IndexWriter(directory: dir)
        for d in docs { try w.add(d) }
        try w.commit()
        return (dir, try IndexReader(directory: dir))
    }
}

extension IndexReader {
    func ids(_ q: String, _ configure: (inout SearchRequest) -> Void = { _ in }) throws -> [String] {
        var r = SearchRequest(query: q, limit: 20)
        configure(&r)
        return try search(r).hits.map(\.id)
    }

    func total(_ q: String, _ configure: (inout SearchRequest) -> Void = { _ in }) throws -> Int {
        var r = SearchRequest(query: q, limit: 20)
        configure(&r)
        return try search(r).total
    }
}
