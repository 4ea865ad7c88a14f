import Foundation
import OGPCommandLine
import OGPConfig
import Testing

/// Which synonyms a search uses: a file given, else synonyms.txt beside the configuration, else
/// the list built into ogp; `none` for none. Before, a search by --data-dir alone used none, so
/// « PGO » missed every text that writes « partenariat pour un gouvernement ouvert ».
@Suite struct SynonymsChoiceTests {
    @Test func theBuiltInListIsConfigSynonymsTxt() throws {
        let file = try String(
            contentsOf: Binaries.repository.appendingPathComponent("config/synonyms.txt"), encoding: .utf8)
        #expect(BuiltInSynonyms.text + "\n" == file, "run scripts/embed-synonyms.sh after editing config/synonyms.txt")
    }

    @Test func aFileThenBesideTheConfigurationThenBuiltIn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (builtIn, builtInName) = try SynonymsChoice.load(option: nil, configPath: nil)
        #expect(builtInName == BuiltInSynonyms.name)
        #expect(!builtIn.isEmpty)
        let (none, noneName) = try SynonymsChoice.load(option: "none", configPath: nil)
        #expect(none.isEmpty && noneName == nil)
        let config = scratch.root.appendingPathComponent("ogp.yml").path
        try Data("sources: []\n".utf8).write(to: URL(fileURLWithPath: config))
        // No synonyms.txt beside the configuration: the built-in list.
        #expect(try SynonymsChoice.load(option: nil, configPath: config).1 == BuiltInSynonyms.name)
        let beside = scratch.root.appendingPathComponent("synonyms.txt").path
        try Data("vélo | bicyclette\n".utf8).write(to: URL(fileURLWithPath: beside))
        #expect(try SynonymsChoice.load(option: nil, configPath: config).1 == beside)
        let missing = scratch.root.appendingPathComponent("absent.txt").path
        #expect(throws: CommandFailure.self) { try SynonymsChoice.load(option: missing, configPath: config) }
    }

    /// The same query through the real binary, on an index of two documents.
    @Test(.enabled(if: Binaries.built, "ogp and ogp-search are not built"))
    func ogpSearchUsesTheBuiltInListByDefault() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let corpus = scratch.root.appendingPathComponent("docs.jsonl")
        try Data(
            """
            {"id": "1", "title": "Le Partenariat pour un gouvernement ouvert", "body": "Un plan d'action tous les deux ans."}
            {"id": "2", "title": "PGO : le bilan", "body": "Les engagements tenus."}

            """.utf8
        ).write(to: corpus)
        let index = scratch.root.appendingPathComponent("idx").path
        let built = try Binaries.run(Binaries.ogp, ["index", "--jsonl", corpus.path, "--index", index], in: scratch.root)
        #expect(built.status == 0, "\(built.stderr)")
        let ids: ([String]) throws -> Set<String> = { extra in
            let r = try Binaries.run(
                Binaries.search, ["--index", index, "--json"] + extra + ["PGO"], in: scratch.root)
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            return Set(((object?["hits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        }
        #expect(try ids([]) == ["1", "2"])
        #expect(try ids(["--synonyms", "none"]) == ["2"])
    }
}
