import Foundation
import Testing

@testable import OGPIndex

/// The stored-fields file (format 5: 16 KB zstd blocks, a dictionary per segment) and the cache
/// of decompressed blocks (issue 15): every document reads back exactly as written, so the hits
/// and snippets a search shows are the ones built from the original text.
@Suite struct StoredFieldsTests {
    /// `count` documents cut from the fixture's real French texts: varied ids, titles, keywords,
    /// stored values, empty and non-ASCII fields, hidden ones, with and without dates.
    static func corpus(_ count: Int) -> [IndexDocument] {
        let base = Fixture.documents
        return (0..<count).map { i in
            let a = base[i % base.count]
            let b = base[(i * 7 + 3) % base.count]
            let body = i % 17 == 0 ? "" : (a.fields.last?.text ?? "") + "\n\n  " + (b.fields.last?.text ?? "")
            var stored = a.stored
            stored["url"] = "https://www.data.gouv.fr/fr/datasets/\(i)-\(a.id)/"
            stored["n"] = String(i)
            if i % 5 == 0 { stored["emoji"] = "Île-de-France 🇫🇷 « données » \u{2019}\(i)" }
            return IndexDocument(
                id: "doc-\(i)-\(a.id)",
                fields: [
                    TextField("title", "\(a.fields.first?.text ?? "") \(i)"),
                    TextField("body", body),
                ],
                keywords: ["kind": [a.keywords["kind"]?.first ?? "x"], "tag": b.keywords["tag"] ?? [], "n": [String(i % 13)]],
                date: i % 3 == 0 ? nil : "20\(10 + i % 15)-0\(1 + i % 9)-1\(i % 10)",
                hidden: i % 11 == 0,
                stored: stored)
        }
    }

    static func build(_ docs: [IndexDocument]) throws -> String {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        for d in docs { try w.add(d) }
        try w.commit()
        return dir
    }

    @Test func everyDocumentRoundTripsWithAndWithoutDictionary() throws {
        // 3,000 documents train a dictionary and span many blocks; 5 are too few to train one.
        for count in [3_000, 5] {
            let docs = Self.corpus(count)
            let dir = try Self.build(docs)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            for cacheBytes in [0, 1 << 20] {
                let reader = try IndexReader(directory: dir, storedCacheBytes: cacheBytes)
                #expect(reader.segments.count == 1)
                if count > 5 {
                    let sto = try #require(reader.segments.first?.sto)
                    let dictionary = try sto.cursor().u32(at: FileFormat.headerSize + 8, index: 0)
                    #expect(dictionary > 0, "a segment of \(count) documents trains a dictionary")
                }
                for d in docs { #expect(try reader.document(id: d.id) == d) }
                if cacheBytes > 0 { #expect(reader.storedBlocks.bytesHeld <= cacheBytes) }
            }
        }
    }

    @Test func aHitReadsItsDocumentInPlace() throws {
        // The hit's view (texts as ranges of the block, keywords skipped) holds what the whole
        // document holds, for every document of many blocks, with the cache on and off.
        let docs = Self.corpus(3_000)
        let dir = try Self.build(docs)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for cacheBytes in [0, 1 << 20] {
            let reader = try IndexReader(directory: dir, storedCacheBytes: cacheBytes)
            let segment = try #require(reader.segments.first)
            for d in 0..<segment.docCount {
                let whole = try segment.document(d, cache: reader.storedBlocks, keywords: false)
                try segment.withHit(d, cache: reader.storedBlocks) { hit, bytes in
                    #expect(hit.id == whole.id)
                    #expect(hit.date == whole.date)
                    #expect(hit.stored == whole.stored)
                    #expect(hit.fields.map(\.name) == whole.fields.map(\.name))
                    let texts = hit.fields.map { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0.text]), as: UTF8.self) }
                    #expect(texts == whole.fields.map(\.text), "\(whole.id)")
                }
            }
            #expect(throws: IndexError.self) { try segment.withHit(segment.docCount, cache: nil) { _, _ in () } }
        }
    }

    @Test func aDamagedHitIsAnErrorNotATrap() {
        // Counts read from a damaged block (as large as a varint allows) end in an error at the
        // first value missing, not in an allocation of that size.
        for (fields, values) in [(4_000_000_000, 0), (0, 4_000_000_000), (3, 0)] {
            var b = ByteBuffer()
            b.string("doc")
            b.varint(fields)
            if fields == 0 {
                b.varint(0)  // keywords
                b.string("")  // date
                b.varint(0)  // hidden
                b.varint(values)
            }
            let bytes = b.bytes
            #expect(throws: IndexError.self) {
                try bytes.withUnsafeBytes { raw in
                    var c = ByteCursor(raw, file: "test.sto")
                    _ = try StoredCodec.decodeHit(&c)
                }
            }
        }
    }

    @Test func blocksAreSmallAndTheDictionaryPaysForItself() throws {
        let docs = Self.corpus(3_000)
        let dir = try Self.build(docs)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reader = try IndexReader(directory: dir)
        let sto = try #require(reader.segments.first?.sto)
        let c = sto.cursor()
        let blocks = Int(try c.u32(at: FileFormat.headerSize + 4, index: 0))
        for b in 0..<blocks {
            let raw = Int(try c.u32(at: StoredFieldsWriter.tableOffset + 20 * b + 12, index: 0))
            // A block closes at the first document that takes it past 16 KB.
            #expect(raw < StoredFieldsWriter.blockBytes + 8 * 1024)
        }
        // The same documents without a dictionary (each block alone) take more room.
        var alone = 0
        let compressor = ZstdCompressor(dictionary: [])
        var raw = ByteBuffer()
        for (i, d) in docs.enumerated() {
            var one = ByteBuffer()
            StoredCodec.encode(d, into: &one)
            raw.varint(one.count)
            raw.append(one.bytes)
            if raw.count >= StoredFieldsWriter.blockBytes || i == docs.count - 1 {
                alone += try #require(compressor.compress(raw.bytes)).count
                raw = ByteBuffer()
            }
        }
        #expect(sto.bytes.count < alone, "with its dictionary \(sto.bytes.count) B, without \(alone) B")
    }

    @Test func searchesShowTheSameHitsAndSnippetsWithTheCacheOnOrOff() throws {
        let docs = Self.corpus(3_000)
        let dir = try Self.build(docs)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let byID = Dictionary(uniqueKeysWithValues: docs.map { ($0.id, $0) })
        let cold = try IndexReader(directory: dir, storedCacheBytes: 0)
        let cached = try IndexReader(directory: dir, storedCacheBytes: 256 * 1024)
        let reader = try IndexReader(directory: dir)
        for q in ["gouvernement ouvert", "données environnementales", "participation citoyenne", "transition écologique"] {
            let request = SearchRequest(query: q, limit: 20, includeHidden: true)
            let expected = try cold.search(request)
            #expect(!expected.hits.isEmpty, "\(q)")
            for _ in 0..<2 {  // the second time from the cache
                let got = try cached.search(request)
                #expect(got.hits.map(\.id) == expected.hits.map(\.id))
                #expect(got.hits.map(\.score) == expected.hits.map(\.score))
                #expect(got.hits.map(\.snippet) == expected.hits.map(\.snippet))
                #expect(got.hits.map(\.stored) == expected.hits.map(\.stored))
            }
            // Snippets are those of the original documents' text.
            let plan = try reader.plan(request)
            for hit in expected.hits {
                let original = try #require(byID[hit.id])
                #expect(hit.snippet == Snippets.make(original, schema: reader.schema, terms: plan.highlightTerms))
                #expect(hit.snippet == ReferenceSnippets.make(original, terms: plan.highlightTerms))
                #expect(hit.date == original.date)
            }
        }
        let stats = cached.storedBlocks.statistics
        #expect(stats.hits > 0 && stats.misses > 0)
        #expect(cached.storedBlocks.bytesHeld <= 256 * 1024)
    }

    @Test func cacheEvictsTheLeastRecentlyUsedWithinItsBound() {
        let cache = StoredBlockCache(capacity: 100)
        cache.put(segment: 1, block: 0, [UInt8](repeating: 0, count: 40))
        cache.put(segment: 1, block: 1, [UInt8](repeating: 1, count: 40))
        #expect(cache.get(segment: 1, block: 0)?.first == 0)  // block 1 is now the oldest
        cache.put(segment: 2, block: 0, [UInt8](repeating: 2, count: 40))
        #expect(cache.get(segment: 1, block: 1) == nil)
        #expect(cache.get(segment: 1, block: 0)?.count == 40)
        #expect(cache.get(segment: 2, block: 0)?.first == 2)
        #expect(cache.bytesHeld == 80)
        cache.put(segment: 3, block: 0, [UInt8](repeating: 3, count: 101))  // larger than the bound
        #expect(cache.get(segment: 3, block: 0) == nil)
        cache.put(segment: 3, block: 1, [UInt8](repeating: 3, count: 100))  // evicts both others
        #expect(cache.bytesHeld == 100)
        #expect(cache.get(segment: 1, block: 0) == nil && cache.get(segment: 2, block: 0) == nil)
        let none = StoredBlockCache(capacity: 0)
        none.put(segment: 1, block: 0, [1])
        #expect(none.get(segment: 1, block: 0) == nil && none.bytesHeld == 0)
    }

    @Test func cacheIsSharedSafelyByConcurrentSearches() async throws {
        let docs = Self.corpus(3_000)
        let dir = try Self.build(docs)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A bound of a few blocks: threads keep evicting each other's blocks.
        let reader = try IndexReader(directory: dir, storedCacheBytes: 64 * 1024)
        let ids = docs.map(\.id)
        let wrong = await withTaskGroup(of: Int.self) { group in
            for t in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for i in stride(from: t, to: ids.count, by: 8) {
                        let j = (i * 31) % ids.count
                        if (try? reader.document(id: ids[j])) != docs[j] { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
        #expect(reader.storedBlocks.bytesHeld <= 64 * 1024)
    }

    @Test func anIndexOfTheFormerFormatIsRefusedWithAdviceToRebuild() throws {
        let dir = try Self.build(Self.corpus(20))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let manifest = dir + "/manifest.json"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        #expect(text.contains("\"format\" : 5"))
        try Data(text.replacing(#/"format" : \d+/#, with: "\"format\" : 4").utf8)
            .write(to: URL(fileURLWithPath: manifest))
        let error = #expect(throws: IndexError.self) { _ = try IndexReader(directory: dir) }
        #expect(error?.code == .formatVersion)
        #expect(error?.message.contains("ogp index --rebuild") == true)
    }
}
