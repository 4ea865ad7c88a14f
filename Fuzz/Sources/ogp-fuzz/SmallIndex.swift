import Foundation
import OGPIndex

/// A small index built once per process for the `query` target: a few French documents with
/// keywords, dates (full, partial, absent) and a hidden one, in two segments.
enum SmallIndex {
    static let reader: IndexReader? = {
        let dir = ScratchFile.directory + "/ogp-fuzz-index-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        ScratchFile.registered.append(dir)
        do {
            let writer = try IndexWriter(directory: dir)
            let docs: [(String, String, String?, String)] = [
                ("Plan d'action national 2021-2023", "Données environnementales ouvertes", "2021-12-01", "plan"),
                (
                    "Engagement 12 : transparence de la commande publique", "Marchés publics et données", "2018",
                    "commitment"
                ),
                ("Ouverture des données de santé", "Santé publique, hôpitaux", "2020-05", "dataset"),
                ("Budget participatif", "Participation citoyenne au budget", nil, "publication"),
            ]
            for (i, d) in docs.enumerated() {
                try writer.add(
                    IndexDocument(
                        id: "doc\(i)", fields: [TextField("title", d.0), TextField("body", d.1)],
                        keywords: ["kind": [d.3], "org": ["etalab"], "tag": ["données"]], date: d.2, hidden: i == 3,
                        stored: ["title": d.0]))
                if i == 1 { try writer.commit() }
            }
            try writer.commit()
            return try IndexReader(directory: dir)
        } catch {
            printError("cannot build the small index: \(error)")
            return nil
        }
    }()
}
