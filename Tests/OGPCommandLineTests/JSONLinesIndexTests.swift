import Foundation
import Testing

/// `ogp index --jsonl`: a line that is not an object with an id is skipped and named with its
/// line number, the other lines are indexed, and the exit (1) says some were not. Before, the
/// first bad line stopped the import and nothing of the file was indexed.
@Suite(.enabled(if: Binaries.built, "ogp and ogp-search are not built"))
struct JSONLinesIndexTests {
    @Test func badLinesAreSkippedAndNamedTheOthersIndexed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let corpus = scratch.root.appendingPathComponent("docs.jsonl")
        try Data(
            """
            {"id": "a1", "title": "Budget participatif de Paris", "body": "Les Parisiens votent pour des projets."}
            pas du JSON
            {"title": "sans identifiant"}
            [1, 2]
            {"id": 7, "title": "Open data à Lyon", "contents": "La métropole publie ses données budgétaires."}

            """.utf8
        ).write(to: corpus)
        let index = scratch.root.appendingPathComponent("idx").path
        let built = try Binaries.run(Binaries.ogp, ["index", "--jsonl", corpus.path, "--index", index], in: scratch.root)
        #expect(built.status == 1, "\(built.stderr)")
        for line in ["line 2: not a JSON object", "line 3: missing \"id\"", "line 4: not a JSON object"] {
            #expect(built.stderr.contains("docs.jsonl: \(line) (skipped)"), "\(built.stderr)")
        }
        #expect(built.stderr.contains("indexed 2 documents"), "\(built.stderr)")
        let search = try Binaries.run(Binaries.search, ["--index", index, "--json", "budget"], in: scratch.root)
        let object = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any]
        let ids = Set(((object?["hits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        #expect(ids == ["a1", "7"])
        // A clean file: exit 0.
        try Data("{\"id\": \"b\", \"title\": \"Plan d'action\"}\n".utf8).write(to: corpus)
        let clean = try Binaries.run(Binaries.ogp, ["index", "--jsonl", corpus.path, "--index", index], in: scratch.root)
        #expect(clean.status == 0, "\(clean.stderr)")
    }
}
