import Foundation
import Testing

@testable import OGPIndex

@Suite struct WriterTests {
    @Test func upsertReplacesAndDeleteRemoves() throws {
        let (dir, before) = try Fixture.index()
        #expect(try before.total("climat") == 1)
        let w = try IndexWriter(directory: dir)
        var env = Fixture.documents[2]
        env.fields = [
            TextField("title", "Ouvrir les données environnementales"),
            TextField("body", "Nouvelle version sans le mot interdit."),
        ]
        try w.add(env)
        w.delete(id: "cese")
        // Not visible before commit; the old snapshot stays consistent after it.
        #expect(try IndexReader(directory: dir).total("climat") == 1)
        try w.commit()
        let after = try IndexReader(directory: dir)
        #expect(try after.total("climat") == 0)
        #expect(try after.ids("nouvelle version") == ["env"])
        #expect(try after.total("constitutionnelle") == 0)
        #expect(try after.document(id: "cese") == nil)
        #expect(try after.document(id: "env")?.fields[1].text == "Nouvelle version sans le mot interdit.")
        #expect(after.liveDocuments == Fixture.documents.count - 1)
        #expect(try before.total("climat") == 1)
        #expect(try before.reopen().generation == after.generation)
    }

    @Test func upsertWithinOneBatchKeepsTheLastVersion() throws {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        try w.add(IndexDocument(id: "a", fields: [TextField("title", "première version")]))
        try w.add(IndexDocument(id: "a", fields: [TextField("title", "seconde version")]))
        try w.commit()
        let r = try IndexReader(directory: dir)
        #expect(r.liveDocuments == 1)
        #expect(try r.ids("version") == ["a"])
        #expect(try r.total("première") == 0)
    }

    @Test func deleteAllThenAddIsAnAtomicRebuild() throws {
        let (dir, before) = try Fixture.index()
        let w = try IndexWriter(directory: dir)
        w.deleteAll()
        try w.add(Fixture.documents[2])
        #expect(try IndexReader(directory: dir).liveDocuments == Fixture.documents.count)
        try w.commit()
        let after = try IndexReader(directory: dir)
        #expect(after.liveDocuments == 1)
        #expect(after.segments.count == 1)
        #expect(try after.ids("gouvernement") == [])
        #expect(try after.ids("climat") == ["env"])
        #expect(try before.total("gouvernement") == 5)
    }

    @Test func secondWriterIsLockedOut() throws {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        #expect(throws: IndexError.self) { try IndexWriter(directory: dir) }
        _ = w
    }

    /// `close()` frees the lock at once, while something (a worker thread of a parallel pass)
    /// may still hold a reference to the writer: the next writer must not find it locked.
    @Test func aClosedWriterFreesTheLockWhileStillReferenced() throws {
        let dir = Fixture.tempDir()
        let first = try IndexWriter(directory: dir)
        try first.add(contentsOf: Array(Fixture.documents.prefix(3)))
        try first.commit()
        first.close()
        first.close()  // twice is harmless
        let second = try IndexWriter(directory: dir)
        #expect(throws: IndexError.self) { try IndexWriter(directory: dir) }
        _ = (first, second)
    }

    /// A lock freed within a second is waited for (a child process forked at the wrong moment
    /// holds the last writer's lock until it execs); one held longer is still an error.
    @Test func aLockFreedWithinASecondIsWaitedFor() throws {
        let dir = Fixture.tempDir()
        try IndexWriter(directory: dir).close()
        // The lock held by another open of the file, as a forked child holds it.
        let fd = open("\(dir)/write.lock", O_RDWR)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        let held = Date()
        // A thread of its own: the global queue's threads can all be busy with other tests'
        // parallel work (a merge's), and the close came after the writer's second of waiting.
        Thread {
            usleep(200_000)
            _ = close(fd)
        }.start()
        let second = try IndexWriter(directory: dir)
        #expect(Date().timeIntervalSince(held) >= 0.1)
        second.close()
        // Held for good: an error after the wait.
        let other = open("\(dir)/write.lock", O_RDWR)
        #expect(other >= 0 && flock(other, LOCK_EX | LOCK_NB) == 0)
        defer { _ = close(other) }
        #expect(throws: IndexError.self) { try IndexWriter(directory: dir) }
    }

    @Test func sizeTieredMergeKeepsEveryDocument() throws {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        w.mergeFactor = 3
        for (i, d) in Fixture.documents.enumerated() {
            try w.add(d)
            if i == 4 { w.delete(id: "pgo") }
            try w.commit()
        }
        #expect(w.segments.count < Fixture.documents.count)
        let merged = try IndexReader(directory: dir)
        let (_, single) = try Fixture.index(Fixture.documents.filter { $0.id != "pgo" })
        for q in ["données environnementales", "\"gouvernement ouvert\"", "participation citoyenne", "kind:commitment"]
        {
            #expect(Set(try merged.ids(q)) == Set(try single.ids(q)), "query \(q)")
        }
        #expect(merged.liveDocuments == Fixture.documents.count - 1)
        // Every segment file on disk belongs to the manifest.
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir)).subtracting(["write.lock"])
        #expect(files == (try Manifest.read(dir: dir)).files)
        // Fully merged, the ranking is the single-segment ranking.
        try w.forceMerge()
        let one = try IndexReader(directory: dir)
        #expect(one.segments.count == 1)
        for q in ["données environnementales", "participation citoyenne"] {
            #expect(try one.ids(q) == single.ids(q), "query \(q)")
        }
    }

    @Test func corruptSegmentIsReportedNotCrashing() throws {
        let (dir, _) = try Fixture.index()
        let m = try Manifest.read(dir: dir)
        let name = try #require(m.segments.first?.name)
        let path = "\(dir)/\(name).pst"
        var bytes = try DurableFile.read(path)
        bytes.removeLast(bytes.count / 2)
        try DurableFile.write(bytes, to: path)
        let r = try IndexReader(directory: dir)
        #expect(throws: IndexError.self) { try r.search(SearchRequest(query: "gouvernement ouvert transparence")) }
        try DurableFile.write(Array("OGPT".utf8) + [9, 0, 0, 0], to: "\(dir)/\(name).tim")
        #expect(throws: IndexError.self) { try IndexReader(directory: dir) }
    }

    /// Parallel analysis changes nothing: a batch gives the same index as one add per document,
    /// upserts within the batch included.
    @Test func batchAddEqualsOneByOne() throws {
        var docs: [IndexDocument] = []
        for i in 0..<300 {
            var d = Fixture.documents[i % Fixture.documents.count]
            d.id = "d\(i % 250)"  // the last 50 replace earlier ones
            d.fields[0].text += " numéro \(i)"
            docs.append(d)
        }
        let one = Fixture.tempDir()
        let w1 = try IndexWriter(directory: one)
        for d in docs { try w1.add(d) }
        try w1.commit()
        let many = Fixture.tempDir()
        let w2 = try IndexWriter(directory: many)
        try w2.add(contentsOf: docs)
        try w2.commit()
        let (r1, r2) = (try IndexReader(directory: one), try IndexReader(directory: many))
        #expect(r1.liveDocuments == 250 && r2.liveDocuments == 250)
        for q in ["gouvernement ouvert", "données environnementales", "numéro 299", "participation citoyenne"] {
            let a = try r1.search(SearchRequest(query: q, limit: 20))
            let b = try r2.search(SearchRequest(query: q, limit: 20))
            #expect(a.total == b.total)
            #expect(a.hits.map(\.id) == b.hits.map(\.id))
            #expect(zip(a.hits, b.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 })
        }
        #expect(try r2.document(id: "d10")?.fields[0].text.hasSuffix("numéro 260") == true)
    }
}

@Suite struct CorruptionTests {
    /// Random byte flips in every segment file: opening and searching throw or answer, never crash.
    @Test func flippedBytesNeverCrash() throws {
        let (dir, _) = try Fixture.index()
        let name = try #require(try Manifest.read(dir: dir).segments.first?.name)
        var rng = SystemRandomNumberGenerator()
        var errors = 0
        for ext in ["tim", "pst", "doc", "sto"] {
            let path = "\(dir)/\(name).\(ext)"
            let original = try DurableFile.read(path)
            for _ in 0..<40 {
                var bytes = original
                for _ in 0..<3 {
                    let i = Int.random(in: 8..<bytes.count, using: &rng)
                    bytes[i] = UInt8.random(in: 0...255, using: &rng)
                }
                try DurableFile.write(bytes, to: path)
                do {
                    let r = try IndexReader(directory: dir)
                    for q in [
                        "gouvernement ouvert", "\"transition écologique\"", "kind:commitment", "environementales",
                        "particip",
                    ] {
                        _ = try r.search(SearchRequest(query: q, facets: ["kind", "org"]))
                    }
                    _ = try r.document(id: "env")
                } catch {
                    errors += 1
                }
            }
            try DurableFile.write(original, to: path)
        }
        #expect(errors > 0)
        #expect(try IndexReader(directory: dir).ids("données environnementales").first == "env")
    }
}
