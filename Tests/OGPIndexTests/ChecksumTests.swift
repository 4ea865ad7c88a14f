import Foundation
import Testing

@testable import OGPIndex

/// Segment files carry a checksum footer: a corrupted file is an error that says to rebuild,
/// never different results served silently; manifest segment names are validated (issue 11).
@Suite struct ChecksumTests {
    static let queries = [
        "gouvernement", "données environnementales", "\"plan d’action\"", "participation citoyenne",
        "transparence kind:commitment", "transparance", "ouvert since:2021", "title:enjeux", "numérique OR climat",
    ]

    /// What a fresh reader answers for each query (ids, totals), or the error it throws.
    static func answers(_ dir: String) -> [String] {
        guard let reader = try? IndexReader(directory: dir) else { return queries.map { _ in "open failed" } }
        return queries.map { q in
            do {
                let r = try reader.search(SearchRequest(query: q, sort: .relevance, limit: 20, facets: ["kind"]))
                return "\(r.total) " + r.hits.map { "\($0.id):\($0.stored["title"] ?? "")" }.joined(separator: ",")
            } catch {
                return "error \((error as? IndexError)?.code.rawValue ?? "\(error)")"
            }
        }
    }

    /// An index in two segments, one with deletions (so that there is a `.del` file).
    static func twoSegments() throws -> String {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        for d in Fixture.documents.prefix(5) { try w.add(d) }
        try w.commit()
        for d in Fixture.documents.dropFirst(5) { try w.add(d) }
        w.delete(id: "pgo")
        try w.commit()
        return dir
    }

    static func segmentFiles(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("s") }.sorted()
    }

    @Test func everyFileHasAFooterAndVerifies() throws {
        let dir = try Self.twoSegments()
        let files = try Self.segmentFiles(dir)
        #expect(files.contains { $0.hasSuffix(".del") })
        for f in files {
            let data = try #require(FileManager.default.contents(atPath: "\(dir)/\(f)"))
            #expect(data.suffix(4) == Data("OGPK".utf8), "\(f)")
        }
        try IndexReader(directory: dir).verifyChecksums()
    }

    /// Each byte flipped anywhere in any segment file (content or footer): every query either
    /// answers exactly as before or fails with `.corrupt`; a full check always finds it, and its
    /// message says how to rebuild.
    @Test func corruptionIsNeverServedSilently() throws {
        let dir = try Self.twoSegments()
        let baseline = Self.answers(dir)
        #expect(!baseline.contains { $0.hasPrefix("error") })
        var rng = SplitMix(seed: 11)
        for f in try Self.segmentFiles(dir) {
            let path = "\(dir)/\(f)"
            let original = try #require(FileManager.default.contents(atPath: path))
            for _ in 0..<12 {
                var bytes = [UInt8](original)
                let at = Int(rng.next() % UInt64(bytes.count))
                bytes[at] ^= UInt8(1 + rng.next() % 255)
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let now = Self.answers(dir)
                for (q, (before, after)) in zip(Self.queries, zip(baseline, now)) {
                    #expect(
                        after == before || after == "error corrupt" || after == "open failed",
                        "\(f) byte \(at), query \(q): \(after)")
                }
                do {
                    try IndexReader(directory: dir).verifyChecksums()
                    Issue.record("\(f) byte \(at): corruption not detected")
                } catch {
                    #expect(error.code == .corrupt, "\(f) byte \(at)")
                    #expect(error.description.contains("ogp index --rebuild"), "\(error)")
                }
            }
            try original.write(to: URL(fileURLWithPath: path))
        }
        #expect(Self.answers(dir) == baseline)
    }

    @Test(arguments: ["../../../../etc/passwd", "/etc/passwd", "s000001/../s000002", "", "x000001", "s00000a"])
    func manifestSegmentNamesAreValidated(name: String) throws {
        let (dir, _) = try Fixture.index()
        let path = "\(dir)/manifest.json"
        var json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var segments = try #require(json["segments"] as? [[String: Any]])
        segments[0]["name"] = name
        json["segments"] = segments
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try IndexReader(directory: dir)
        } throws: { error in
            guard let e = error as? IndexError else { return false }
            return e.code == .corrupt && e.message.contains("segment name") && e.message.contains("ogp index --rebuild")
        }
    }
}
