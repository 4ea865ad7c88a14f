import Foundation
import Testing

/// `ogp show` and `ogp-search` as people type them, on the demo catalogue harvested by `ogp`.
@Suite struct ShowCommandTests {
    /// `ogp-search`, built next to `ogp`.
    static var searchPath: String? {
        guard let ogp = OGPBinary.path else { return nil }
        let path = (ogp as NSString).deletingLastPathComponent + "/ogp-search"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static func search(_ arguments: [String], in directory: URL) throws -> OGPBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(searchPath))
        process.arguments = arguments
        let out = directory.appendingPathComponent("search-out-\(UUID().uuidString)")
        let err = directory.appendingPathComponent("search-err-\(UUID().uuidString)")
        try Data().write(to: out)
        try Data().write(to: err)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return OGPBinary.Result(
            status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    @Test(.enabled(if: OGPBinary.path != nil && searchPath != nil, "the ogp and ogp-search executables are not built"))
    func showAndSearchFromTheCommandLine() async throws {
        try await OGPBinary.offPool {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let data = workspace.root.appendingPathComponent("data").path
            let demo = Workspace.repository.appendingPathComponent("config/demo.yml").path
            let harvest = try OGPBinary.run(
                ["harvest", "--config", demo, "--data-dir", data, "--quiet"], in: workspace.root)
            #expect(harvest.status == 0, "\(harvest.stderr)")

            // Each id form gives the same record.
            for form in [
                "FR0001", "commitment:ogp:FR0001", "https://opengovpartnership.org/members/france/commitments/fr0001",
            ] {
                let shown = try OGPBinary.run(["show", form, "--data-dir", data], in: workspace.root)
                #expect(shown.status == 0, "\(form): \(shown.stderr)")
                #expect(shown.stdout.hasPrefix("[commitment] Open Regional and Local Authorities' Data\n"), "\(form)")
                #expect(
                    shown.stdout.contains(
                        "plan: Plan d'action national pour une action publique transparente et collaborative 2015-2017")
                )
                #expect(shown.stdout.contains("status: substantial (Substantial)"))
                #expect(shown.stdout.contains("2018  irm-end-of-term: substantial (Substantial)"))
                // Dated by the harvest that first saw it, and said so.
                #expect(shown.stdout.contains("\nstatus history (as harvested):\n"))
                #expect(shown.stdout.contains("  first seen: substantial (Substantial), irm-end-of-term\n"))
            }
            let dataset = try OGPBinary.run(
                ["show", "barometre-des-resultats-de-laction-publique", "--data-dir", data], in: workspace.root)
            #expect(dataset.status == 0)
            #expect(dataset.stdout.contains("id: dataset:data.gouv.fr:5ff5e6e99724cb8fff59a5be"))
            // Its description (a body, no summary) and its files.
            #expect(dataset.stdout.contains("\nLe baromètre des résultats de l’action publique concrétise"))
            #expect(
                dataset.stdout.contains(
                    "\ndistributions:\n  1. metadonnees-barometre-resultats-detail-departemental.csv [csv] 493 B\n     https://static.data.gouv.fr/"
                ))
            #expect(
                dataset.stdout.contains("suggestedFor  [commitment] Renforcer la transparence de l'action publique"))

            // Many origins, one per line; a single one on the line of its label.
            let plan = try OGPBinary.run(["show", "AP_FRA01", "--data-dir", data], in: workspace.root)
            #expect(plan.status == 0)
            #expect(plan.stdout.contains("\nprovenance:\n  etalab-wordpress [wordpress] https://"), "\(plan.stdout)")
            #expect(plan.stdout.contains("\n  plans.yml [config] https://www.modernisation.gouv.fr/"))
            #expect(!plan.stdout.contains("; numerique-gouv ["))
            #expect(dataset.stdout.contains("\nprovenance: datagouv-api [udata] file://"))

            // --json: the documented shape.
            let json = try OGPBinary.run(
                ["show", "plan-2021-2023-gov", "--json", "--data-dir", data], in: workspace.root)
            #expect(json.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(
                Set(object.keys) == [
                    "record", "versions", "statusHistory", "outgoing", "incoming", "mentions", "suggested",
                ])
            #expect((object["record"] as? [String: Any])?["id"] as? String == "actionPlan:ogp-fr:plan-2021-2023-gov")
            let incoming = try #require(object["incoming"] as? [[String: Any]])
            #expect(incoming.filter { $0["relation"] as? String == "partOf" }.count == 6)

            // A draft (`published: false` in the Jekyll front matter) says why search misses it.
            let draft = try OGPBinary.run(
                [
                    "show",
                    "publication:numerique-gouv:_actualites/gouvernement-ouvert-la-france-publie-son-plan-daction-national.markdown",
                    "--data-dir", data,
                ], in: workspace.root)
            #expect(draft.status == 0, "\(draft.stderr)")
            #expect(draft.stdout.contains("\ndraft: not published at the source (hidden from search;"))
            #expect(!dataset.stdout.contains("\ndraft:"))

            // Not found: a message and exit 1.
            let missing = try OGPBinary.run(["show", "FR9999", "--data-dir", data], in: workspace.root)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no record matches `FR9999`"))
            #expect(missing.stdout.isEmpty)

            // ogp-search: hits say what each record is and give its id; filters in French, any case.
            let hits = try Self.search(
                ["--data-dir", data, "--kind", "Engagement", "--plan", "AP_FRA01", "open"], in: workspace.root)
            #expect(hits.status == 0, "\(hits.stderr)")
            #expect(
                hits.stdout.contains(
                    "[commitment] Open Regional and Local Authorities' Data  (plan 2015-2017-gov · n° 1.1 · substantial · ogp-commitments)"
                ))
            #expect(hits.stdout.contains("   id: commitment:ogp:FR0001\n"))
            let datasets = try Self.search(
                ["--data-dir", data, "--kind", "jeu-de-données", "--json", "données environnementales"],
                in: workspace.root)
            let parsed = try #require(
                try JSONSerialization.jsonObject(with: Data(datasets.stdout.utf8)) as? [String: Any])
            let first = try #require((parsed["hits"] as? [[String: Any]])?.first)
            for key in [
                "id", "kind", "plan", "number", "status", "ogpID", "organization", "license", "modified", "date",
                "source",
            ] {
                #expect(first.keys.contains(key), "\(key)")
            }
            #expect(first["kind"] as? String == "dataset")
            #expect(first["organization"] is String)
            for form in ["Plan-2015-2017-GOV", "2015-2017", "ap_fra01", "actionPlan:ogp-fr:plan-2015-2017-gov"] {
                let byPlan = try Self.search(
                    ["--data-dir", data, "--kind", "commitment", "--plan", form, "--json"], in: workspace.root)
                #expect(byPlan.status == 0, "\(form): \(byPlan.stderr)")
                let total = (try? JSONSerialization.jsonObject(with: Data(byPlan.stdout.utf8)) as? [String: Any])?["total"]
                #expect(total as? Int == 3, "\(form)")
            }
            // The same names in the query, and kinds by their French names there too.
            for query in ["kind:engagement plan:ap_fra01", "plan:Plan-2015-2017-GOV kind:commitment"] {
                let inQuery = try Self.search(["--data-dir", data, "--json", query], in: workspace.root)
                let total = (try? JSONSerialization.jsonObject(with: Data(inQuery.stdout.utf8)) as? [String: Any])?["total"]
                #expect(total as? Int == 3, "\(query): \(inQuery.stderr)")
            }
            // An organisation by a word of its name.
            let orgWord = try Self.search(["--data-dir", data, "--org", "gouvernement", "baromètre"], in: workspace.root)
            #expect(orgWord.stdout.contains("Baromètre des résultats de l’action publique"), "\(orgWord.stdout.prefix(300))")
            // A period names both plans of 2018-2020 (government and parliament).
            let period = try Self.search(
                ["--data-dir", data, "--kind", "plan", "--plan", "2018-2020"], in: workspace.root)
            #expect(period.stdout.hasPrefix("2 results"), "\(period.stdout.prefix(200))")
            let org = try Self.search(
                ["--data-dir", data, "--org", "SERVICE D'INFORMATION DU GOUVERNEMENT", "baromètre"], in: workspace.root)
            #expect(org.status == 0)
            #expect(org.stdout.contains("Baromètre des résultats de l’action publique"))
            let badKind = try Self.search(["--data-dir", data, "--kind", "truc", "x"], in: workspace.root)
            #expect(badKind.status == 64)
            #expect(
                badKind.stderr.contains("engagement") && badKind.stderr.contains("jeu-de-données"), "\(badKind.stderr)")
            let emptyOrg = try Self.search(["--data-dir", data, "--org", " ", "x"], in: workspace.root)
            #expect(emptyOrg.status == 64 && emptyOrg.stderr.contains("--org needs a value"), "\(emptyOrg.stderr)")
            let badPlan = try Self.search(["--data-dir", data, "--plan", "2030-2032", "x"], in: workspace.root)
            #expect(badPlan.status == 64)
            #expect(badPlan.stderr.contains("2015-2017-gov / AP_FRA01"))
        }
    }
}
