import Foundation
import Testing

@testable import OGPIndex

/// The streaming merge (``SegmentMerger``): segments merged without re-analysing their
/// documents give the segment a builder makes of their live documents in the same order, byte
/// for byte, so every search result (ids, order, scores) is a one-segment build's.
@Suite struct SegmentMergerTests {
    static let queries = ParallelBuildTests.queries + [
        "zyzzyva", "vélo~1", "cadastre adresse bâtiments", "\"données ouvertes\" budget", "org:org1", "tourisme culture",
    ]

    /// Several segments with deletes (explicit, and older versions of ids added again), committed.
    static func segmented(_ docs: [IndexDocument], parallelism: Int = 2) throws -> String {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        w.flushThresholdBytes = 64 * 1024
        w.mergeFactor = 100
        w.parallelism = parallelism
        try w.add(contentsOf: Array(docs[0..<900]))
        // A word only a deleted document has: its term must leave the merged dictionary.
        try w.add(IndexDocument(id: "gone", fields: [TextField("title", "zyzzyva unique")], keywords: ["org": ["solo"]]))
        try w.commit()
        w.delete(id: "gone")
        for d in docs[0..<900] where d.id.hasSuffix("3") { w.delete(id: d.id) }
        try w.add(contentsOf: Array(docs[900...]))
        try w.commit()
        return dir
    }

    /// The live documents of an index, segment after segment, as stored.
    static func liveDocuments(_ dir: String) throws -> [IndexDocument] {
        let w = try IndexWriter(directory: dir)
        defer { w.close() }
        var docs: [IndexDocument] = []
        for s in w.segments {
            for d in 0..<s.info.docs where s.deleted[d >> 3] & (1 << UInt8(d & 7)) == 0 {
                docs.append(try s.segment.document(d))
            }
        }
        return docs
    }

    static func segmentFiles(_ dir: String) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("s") }
        var out: [String: Data] = [:]
        for n in names {
            // Keyed by extension: the two indexes name their one segment differently.
            out[(n as NSString).pathExtension] = FileManager.default.contents(atPath: "\(dir)/\(n)")
        }
        return out
    }

    @Test(arguments: [1, 2])
    func mergedSegmentsAreTheOneSegmentBuildByteForByte(parallelism: Int) throws {
        let docs = ParallelBuildTests.corpus(2500)
        let dir = try Self.segmented(docs, parallelism: parallelism)
        let before = try IndexReader(directory: dir)
        #expect(before.segments.count > 4)
        #expect(before.segments.contains { $0.deletedCount > 0 })
        let live = try Self.liveDocuments(dir)
        #expect(live.count == before.liveDocuments)
        #expect(!live.contains { $0.id == "gone" })

        // The reference: the live documents built into one segment.
        let single = Fixture.tempDir()
        let s = try IndexWriter(directory: single)
        s.flushThresholdBytes = 1 << 40
        s.parallelism = parallelism
        try s.add(contentsOf: live)
        try s.commit()
        s.close()

        let w = try IndexWriter(directory: dir)
        w.parallelism = parallelism
        try w.forceMerge()
        w.close()
        let merged = try IndexReader(directory: dir)
        let reference = try IndexReader(directory: single)
        #expect(merged.segments.count == 1)
        #expect(reference.segments.count == 1)
        #expect(merged.liveDocuments == live.count)

        let a = try Self.segmentFiles(dir)
        let b = try Self.segmentFiles(single)
        #expect(Set(a.keys) == ["tim", "pst", "doc", "sto"])
        for ext in ["tim", "pst", "doc", "sto"] {
            #expect(a[ext] != nil && a[ext] == b[ext], "\(ext) differs from the one-segment build")
        }
        for q in Self.queries {
            let x = try merged.search(SearchRequest(query: q, limit: 100))
            let y = try reference.search(SearchRequest(query: q, limit: 100))
            #expect(x.total == y.total, "query \(q)")
            #expect(x.hits.map(\.id) == y.hits.map(\.id), "query \(q)")
            #expect(zip(x.hits, y.hits).allSatisfy { abs($0.score - $1.score) <= 1e-6 }, "query \(q)")
        }
        #expect(try merged.search(SearchRequest(query: "zyzzyva", limit: 10)).hits.isEmpty)
        #expect(try merged.segments[0].lookup(TermKey.keyword("org", "solo")) == nil)
        // Stored documents and keywords came across whole.
        for (i, d) in live.enumerated() where i % 97 == 0 {
            #expect(try merged.segments[0].document(i) == d)
        }
    }

    /// Tier merges at commit use the streaming merge too: the index ranks as one built at once.
    @Test func tierMergesAtCommitKeepTheRanking() throws {
        let docs = ParallelBuildTests.corpus(1200)
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        w.flushThresholdBytes = 32 * 1024
        w.mergeFactor = 3
        var start = 0
        while start < docs.count {
            try w.add(contentsOf: Array(docs[start..<min(docs.count, start + 150)]))
            if start == 300 { w.delete(id: docs[17].id) }
            try w.commit()
            start += 150
        }
        try w.forceMerge()
        w.close()
        let live = try Self.liveDocuments(dir)
        let (_, single) = try Fixture.index(live)
        let merged = try IndexReader(directory: dir)
        #expect(merged.segments.count == 1)
        for q in Self.queries {
            let x = try merged.search(SearchRequest(query: q, limit: 50)).hits
            let y = try single.search(SearchRequest(query: q, limit: 50)).hits
            #expect(x.map(\.id) == y.map(\.id), "query \(q)")
            #expect(zip(x, y).allSatisfy { abs($0.score - $1.score) <= 1e-6 }, "query \(q)")
        }
    }

    /// A source whose stored blocks fail their checksums stops the merge with `.corrupt`, and the
    /// committed index stays as it was; what the merge wrote is removed by the next writer.
    @Test func aCorruptSourceFailsTheMergeAndKeepsTheIndex() throws {
        // Two segments of 600 documents: stored files of several checksum chunks.
        let docs = ParallelBuildTests.corpus(1200)
        let dir = Fixture.tempDir()
        let writer = try IndexWriter(directory: dir)
        try writer.add(contentsOf: Array(docs[..<600]))
        try writer.commit()
        try writer.add(contentsOf: Array(docs[600...]))
        try writer.commit()
        writer.close()
        let manifest = try Manifest.read(dir: dir)
        // The largest segment's (its last block lies past what opening it checks).
        let name = try #require(manifest.segments.max { $0.docs < $1.docs }?.name)
        // The stored file: checked block by block as the merge reads it, after the postings
        // were merged and written.
        let path = "\(dir)/\(name).sto"
        var bytes = try DurableFile.read(path)
        bytes[bytes.count - 200] ^= 0x55
        try DurableFile.write(bytes, to: path, checksummed: false)
        let w = try IndexWriter(directory: dir)
        #expect(throws: IndexError.self) { try w.forceMerge() }
        w.close()
        #expect(try Manifest.read(dir: dir).segments == manifest.segments)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir)).subtracting(["write.lock"])
        #expect(left.count > (try Manifest.read(dir: dir)).files.count, "the merge wrote files before it failed")
        // The next writer removes what the failed merge wrote; the committed files are all there.
        try IndexWriter(directory: dir).close()
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir)).subtracting(["write.lock"])
        #expect(files == (try Manifest.read(dir: dir)).files)
    }
}
