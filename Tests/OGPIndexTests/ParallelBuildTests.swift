import Foundation
import Testing

@testable import OGPIndex

/// The index built on several cores (``IndexWriter/add(contentsOf:)``: contiguous chunks built
/// apart, then appended) is the index of the same documents added one by one.
@Suite struct ParallelBuildTests {
    static let words = [
        "données", "ouvertes", "gouvernement", "transparence", "budget", "commune", "région", "transport",
        "énergie", "climat", "eau", "santé", "école", "élection", "participation", "citoyenne", "registre",
        "marchés", "publics", "subventions", "associations", "biodiversité", "forêt", "agriculture", "déchets",
        "mobilité", "vélo", "logement", "urbanisme", "cadastre", "adresse", "bâtiments", "population",
        "recensement", "emploi", "entreprises", "tourisme", "culture", "musées", "bibliothèques",
    ]

    /// A deterministic corpus: random titles and bodies, keywords, dates, near-identical
    /// siblings (tied scores: their order is the build's) and ids that come back (upserts).
    static func corpus(_ n: Int) -> [IndexDocument] {
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        func text(_ count: Int) -> String { (0..<count).map { _ in words[next(words.count)] }.joined(separator: " ") }
        var docs: [IndexDocument] = []
        for i in 0..<n {
            // Every 7th document repeats an earlier id: a replaced version.
            let id = i % 7 == 6 ? "d\(next(max(1, i)))" : "d\(i)"
            let sibling = i % 11 == 10 ? docs.last : nil
            docs.append(
                IndexDocument(
                    id: id,
                    fields: sibling?.fields ?? [TextField("title", text(3 + next(5))), TextField("body", text(20 + next(80)))],
                    keywords: ["kind": [next(3) == 0 ? "dataset" : "commitment"], "org": ["org\(next(5))"]],
                    date: "20\(10 + next(15))-0\(1 + next(9))-1\(next(10))", hidden: next(50) == 0,
                    stored: ["title": "doc \(i)"]))
        }
        return docs
    }

    static let queries = [
        "données ouvertes", "budget commune", "transport mobilité vélo", "\"gouvernement transparence\"",
        "kind:dataset climat", "org:org3 santé école", "registre des entreprises et de l'emploi", "forêt",
    ]

    func build(_ docs: [IndexDocument], oneByOne: Bool, parallelism: Int, batch: Int, mergeFactor: Int = 100) throws -> String {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        w.flushThresholdBytes = 96 * 1024  // several segments, cut in the middle of batches
        w.parallelism = parallelism
        w.mergeFactor = mergeFactor
        if oneByOne {
            for d in docs { try w.add(d) }
        } else {
            var start = 0
            while start < docs.count {
                try w.add(contentsOf: Array(docs[start..<min(docs.count, start + batch)]))
                start += batch
            }
        }
        try w.commit()
        return dir
    }

    @Test func aParallelBuildIsTheSerialOneByteForByte() throws {
        let docs = Self.corpus(2000)
        // Without merges (many segments), and with size-tiered merges at commit (built in
        // parallel too).
        for (parallelism, batch, mergeFactor) in [(1, 1000, 100), (2, 777, 100), (4, 2000, 8), (3, 100, 100)] {
            let serial = try build(docs, oneByOne: true, parallelism: 1, batch: 0, mergeFactor: mergeFactor)
            let reader = try IndexReader(directory: serial)
            #expect(mergeFactor < 100 || reader.segments.count > 5)
            let parallel = try build(
                docs, oneByOne: false, parallelism: parallelism, batch: batch, mergeFactor: mergeFactor)
            func files(_ dir: String) throws -> [String] {
                try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("s") }.sorted()
            }
            let names = try files(serial)
            #expect(names.count >= reader.segments.count * 4)
            #expect(try files(parallel) == names)
            for name in names.sorted() {
                let a = FileManager.default.contents(atPath: "\(serial)/\(name)")
                let b = FileManager.default.contents(atPath: "\(parallel)/\(name)")
                #expect(a != nil && a == b, "\(name), parallelism \(parallelism), batches of \(batch)")
            }
            let other = try IndexReader(directory: parallel)
            for q in Self.queries {
                let x = try reader.search(SearchRequest(query: q, limit: 50)).hits
                let y = try other.search(SearchRequest(query: q, limit: 50)).hits
                #expect(!x.isEmpty, "query \(q)")
                #expect(x.map(\.id) == y.map(\.id), "query \(q)")
                #expect(zip(x, y).allSatisfy { abs($0.score - $1.score) <= 1e-6 }, "query \(q)")
            }
        }
    }

    /// Chunks are appended during the next batch (or before any other use of the builder): a
    /// delete, a single add and a flush right after a batch see its documents.
    @Test func batchesMixedWithDeletesAndSingleAddsAreTheSerialBuild() throws {
        let docs = Self.corpus(1500)
        func run(serial: Bool) throws -> String {
            let dir = Fixture.tempDir()
            let w = try IndexWriter(directory: dir)
            w.flushThresholdBytes = 96 * 1024
            w.mergeFactor = 100  // several segments, flushed in the middle of batches
            w.parallelism = serial ? 1 : 2
            func batch(_ r: Range<Int>) throws {
                if serial {
                    for d in docs[r] { try w.add(d) }
                } else {
                    try w.add(contentsOf: Array(docs[r]))
                }
            }
            try batch(0..<400)
            w.delete(id: docs[399].id)  // a document of the chunks not yet appended
            w.delete(id: docs[10].id)
            try w.add(docs[5])  // an upsert of one of them
            try batch(400..<900)
            try batch(900..<1300)
            try w.add(IndexDocument(id: "single", fields: [TextField("title", "budget de la commune")]))
            try batch(1300..<1500)
            try w.commit()
            return dir
        }
        let serial = try run(serial: true)
        let parallel = try run(serial: false)
        let names = try FileManager.default.contentsOfDirectory(atPath: serial).filter { $0.hasPrefix("s") }.sorted()
        #expect(names.count >= 8)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parallel).filter { $0.hasPrefix("s") }.sorted() == names)
        for name in names {
            let a = FileManager.default.contents(atPath: "\(serial)/\(name)")
            let b = FileManager.default.contents(atPath: "\(parallel)/\(name)")
            #expect(a != nil && a == b, "\(name)")
        }
        let reader = try IndexReader(directory: parallel)
        #expect(try reader.document(id: "single") != nil)
    }

    @Test func anInvalidDocumentStopsTheBatchWhereOneByOneWould() throws {
        var docs = Self.corpus(400)
        docs[250] = IndexDocument(id: "bad", fields: [TextField("nosuchfield", "texte")])
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        w.parallelism = 4
        w.flushThresholdBytes = 96 * 1024
        #expect(throws: IndexError.self) { try w.add(contentsOf: docs) }
        try w.commit()
        let serialDocs = Array(docs.prefix(250))
        let serial = try build(serialDocs, oneByOne: true, parallelism: 1, batch: 0)
        let a = try IndexReader(directory: dir)
        let b = try IndexReader(directory: serial)
        #expect(a.liveDocuments == b.liveDocuments)
        #expect(try a.document(id: "bad") == nil)
        for q in Self.queries {
            #expect(try a.ids(q) == b.ids(q), "query \(q)")
        }
    }
}

/// The build pipeline (``BuildPipeline``): chunks still being built when the builder is dropped
/// or read.
@Suite struct BuildPipelineTests {
    /// `deleteAll()` right after batches whose chunks are still in the background: the builder
    /// they belong to is released only once they are appended, and the rebuilt index holds the
    /// later documents alone, as one by one.
    @Test func aBuilderDroppedWithChunksInFlightLeavesTheLaterDocumentsAlone() throws {
        let docs = ParallelBuildTests.corpus(1200)
        func run(serial: Bool) throws -> String {
            let dir = Fixture.tempDir()
            let w = try IndexWriter(directory: dir)
            w.parallelism = serial ? 1 : 3
            func batch(_ r: Range<Int>) throws {
                if serial {
                    for d in docs[r] { try w.add(d) }
                } else {
                    try w.add(contentsOf: Array(docs[r]))
                }
            }
            try batch(0..<700)
            w.deleteAll()
            try batch(700..<1200)
            try w.commit()
            return dir
        }
        let serial = try run(serial: true)
        let parallel = try run(serial: false)
        let names = try FileManager.default.contentsOfDirectory(atPath: serial).filter { $0.hasPrefix("s") }.sorted()
        #expect(names.count >= 4)  // one segment, and its deletions (upserts)
        for name in names {
            let a = FileManager.default.contents(atPath: "\(serial)/\(name)")
            let b = FileManager.default.contents(atPath: "\(parallel)/\(name)")
            #expect(a != nil && a == b, "\(name)")
        }
        let reader = try IndexReader(directory: parallel)
        #expect(try reader.document(id: docs[3].id) == nil)
        #expect(reader.liveDocuments == Set(docs[700..<1200].map(\.id)).count)
    }

    /// Many small runs: more chunks than the pipeline holds at once (the caller waits for room),
    /// the document count and text bytes known before any chunk is appended.
    @Test func manySmallRunsWaitForRoomAndGiveTheSerialSegment() throws {
        let docs = ParallelBuildTests.corpus(3000)
        let chunked = SegmentBuilder(schema: .standard)
        let serial = SegmentBuilder(schema: .standard)
        var start = 0
        var bytes = 0
        while start < docs.count {
            let end = min(docs.count, start + 130)
            chunked.add(contentsOf: docs[start..<end], parallelism: 2)
            for d in docs[start..<end] {
                try serial.add(d)
                bytes += SegmentBuilder.textBytes(d)
            }
            #expect(chunked.docCount == end)
            #expect(chunked.textBytes == bytes)
            start = end
        }
        let a = Fixture.tempDir()
        let b = Fixture.tempDir()
        try chunked.write(dir: a, name: "s000000")
        try serial.write(dir: b, name: "s000000")
        for ext in ["tim", "pst", "doc", "sto"] {
            let x = FileManager.default.contents(atPath: "\(a)/s000000.\(ext)")
            let y = FileManager.default.contents(atPath: "\(b)/s000000.\(ext)")
            #expect(x != nil && x == y, "\(ext)")
        }
        #expect(chunked.ids == serial.ids)
        #expect(chunked.deleted == serial.deleted)
    }
}
