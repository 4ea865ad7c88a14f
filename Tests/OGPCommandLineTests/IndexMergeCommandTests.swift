import Foundation
import Testing

/// `ogp index --merge`: an index of several segments (each harvest commit or `--jsonl` import
/// adds one) becomes one, with the same documents; a missing index is 66.
@Suite(.enabled(if: Binaries.built, "ogp and ogp-search are not built"))
struct IndexMergeCommandTests {
    @Test func segmentsBecomeOneWithTheSameDocuments() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let index = scratch.root.appendingPathComponent("idx").path
        for (n, title) in ["Budget participatif de Paris", "Open data à Lyon", "Budget vert de l'État"].enumerated() {
            let corpus = scratch.root.appendingPathComponent("part\(n).jsonl")
            try Data("{\"id\": \"d\(n)\", \"title\": \"\(title)\", \"body\": \"Données budgétaires publiées.\"}\n".utf8)
                .write(to: corpus)
            let r = try Binaries.run(Binaries.ogp, ["index", "--jsonl", corpus.path, "--index", index], in: scratch.root)
            #expect(r.status == 0, "\(r.stderr)")
        }
        func segments() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.hasSuffix(".tim") }.count
        }
        func ids() throws -> [String] {
            let r = try Binaries.run(Binaries.search, ["--index", index, "--json", "budget"], in: scratch.root)
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            return ((object?["hits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }.sorted()
        }
        #expect(try segments() == 3)
        let before = try ids()
        let merged = try Binaries.run(Binaries.ogp, ["index", "--merge", "--index", index], in: scratch.root)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("merged 3 segments into 1"), "\(merged.stderr)")
        #expect(try segments() == 1)
        #expect(try ids() == before)
        #expect(before == ["d0", "d1", "d2"])
        let missing = try Binaries.run(
            Binaries.ogp, ["index", "--merge", "--index", scratch.root.appendingPathComponent("nowhere").path],
            in: scratch.root)
        #expect(missing.status == 66, "\(missing.stderr)")
        let both = try Binaries.run(Binaries.ogp, ["index", "--merge", "--rebuild"], in: scratch.root)
        #expect(both.status == 64)
    }
}
