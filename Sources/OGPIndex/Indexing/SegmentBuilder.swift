import Foundation
import OGPAnalysis
import OGPCore

/// Accumulates documents in memory and writes them as one immutable segment.
///
/// Postings are encoded as they arrive (doc deltas, then per field: id, tf, and the varint
/// term frequencies; positions go to a separate stream after the term's documents, so scoring
/// never reads them). Stored documents are encoded and compressed as they arrive too, so the
/// builder never holds a document's text (see ``StoredBlocks``).
///
/// Building runs on every core: a run of documents is cut into contiguous chunks, each built by
/// its own builder on its own core (``add(contentsOf:parallelism:)``), then the chunks are
/// appended in order (``absorb(_:)``: per term, one lookup and a copy of its encoded postings).
/// The segment is the one the documents added one by one would give, byte for byte.
final class SegmentBuilder {
    /// A term's postings while the segment is built; their streams are freed by their owner
    /// (see ``TermBytes``). Sendable for encoding on every core, which only reads them.
    struct TermPostings: @unchecked Sendable {
        /// Per document: doc gap, then the number of field entries and per entry field id and
        /// tf (none for keyword and id terms).
        var buf = TermBytes()
        /// Position deltas, `tf` varints per field entry, in document order.
        var pos = TermBytes()
        var lastDoc = -1
        var df = 0

        /// Appends a document's entry: `docs` starts with its doc gap (``gap(_:)``), `positions`
        /// holds its position deltas.
        @inline(__always)
        mutating func append(doc: Int, _ docs: UnsafeBufferPointer<UInt8>, _ positions: UnsafeBufferPointer<UInt8>) {
            buf.append(docs)
            pos.append(positions)
            lastDoc = doc
            df += 1
        }

        /// The doc gap ``append(doc:_:_:)`` expects first for `doc`.
        @inline(__always)
        func gap(_ doc: Int) -> Int { doc - lastDoc }

        /// Appends a document without entries (keyword and id terms).
        mutating func append(doc: Int) {
            buf.varint(doc - lastDoc)
            lastDoc = doc
            df += 1
        }

        /// Appends `other`'s documents, numbered from `base` in this buffer: only its first doc
        /// gap changes (it was counted from -1), the rest of its bytes are copied.
        mutating func append(_ other: TermPostings, base: Int) {
            var first: UInt64 = 0
            var shift: UInt64 = 0
            var i = 0
            let src = other.buf.bytes
            while i < src.count {
                let b = src[i]
                first |= UInt64(b & 0x7F) << shift
                i += 1
                if b < 0x80 { break }
                shift += 7
            }
            // first = firstDoc + 1 (counted from -1)
            buf.varint(base + Int(first) - 1 - lastDoc)
            buf.append(UnsafeRawBufferPointer(rebasing: src[i...]))
            pos.append(other.pos.bytes)
            lastDoc = base + other.lastDoc
            df += other.df
        }

        /// Frees both streams.
        mutating func free() {
            buf.free()
            pos.free()
        }
    }

    let schema: IndexSchema
    /// Term key → its postings' index, for analysed, keyword and id terms.
    private(set) var terms = TermTable()
    /// Folded unstemmed form → its postings' index (its key is ``TermKey/exact(_:)`` of it).
    private(set) var exacts = TermTable()
    /// Recent tokens' terms and exact forms → their postings' indexes (see ``TermIDCache``).
    private var termCache = TermIDCache()
    private var exactCache = TermIDCache()
    private(set) var postings: [TermPostings] = []
    private(set) var ids: [String] = []
    private(set) var dateKeys: [Int32] = []
    private(set) var hiddenFlags: [Bool] = []
    private(set) var fieldLengths: [UInt32] = []
    /// Per document, its keyword terms' postings indexes (`keywordEnds[d]` ends document d's).
    private(set) var keywords: [Int32] = []
    private(set) var keywordEnds: [Int] = []
    /// Id → doc number, for upserts within the buffer.
    private(set) var idToDoc: [String: Int] = [:]
    /// Docs superseded or deleted before the segment is written.
    private(set) var deleted = Set<Int>()
    /// Raw text bytes added, to decide when to flush (chunks still in the pipeline included;
    /// only the thread that adds documents touches it).
    private(set) var textBytes = 0
    /// Documents added, chunks still in the pipeline included (only the adding thread touches it).
    private(set) var docCount = 0
    /// Chunks being built and appended in the background (``add(contentsOf:parallelism:)``).
    private var pipeline: BuildPipeline?
    /// The stored documents: in compressed blocks for a segment's builder, one encoding per
    /// document for a chunk's (its documents go into its segment's blocks when absorbed).
    var stored: StoredBlocks
    /// One document's occurrences while it is added: `term << 32 | occurrence` (sorted, they
    /// group a term's occurrences in text order) and each occurrence's `field << 32 | position`.
    private var occurrences: [UInt64] = []
    private var packed: [Int64] = []
    /// One document's exact forms: `term << 8 | field`.
    private var exactOccurrences: [UInt64] = []

    /// One term's entry for the document being added: its doc-stream and positions bytes.
    private var docScratch = VarintScratch()
    private var positionScratch = VarintScratch()

    init(schema: IndexSchema, chunk: Bool = false) {
        self.schema = schema
        stored = StoredBlocks(perDocument: chunk)
    }

    deinit {
        // Chunks still in the pipeline are appended to this builder: they finish first.
        pipeline?.wait()
        pipeline?.close()
        docScratch.free()
        positionScratch.free()
        for i in postings.indices { postings[i].free() }
    }

    /// Marks the buffered document with `id` as deleted, if any.
    func delete(id: String) {
        settle()
        deleteBuffered(id: id)
    }

    /// ``delete(id:)`` without waiting for the pipeline (which calls it while appending).
    private func deleteBuffered(id: String) {
        if let d = idToDoc.removeValue(forKey: id) { deleted.insert(d) }
    }

    /// Waits until the chunks ``add(contentsOf:parallelism:)`` handed to the pipeline are
    /// appended: every other use of the builder calls it first.
    func settle() {
        pipeline?.wait()
    }

    /// Throws for what ``add(_:)`` refuses: a document without id or with a field the schema
    /// does not declare.
    static func validate(_ doc: IndexDocument, schema: IndexSchema) throws(IndexError) {
        guard !doc.id.isEmpty else { throw IndexError(.invalidInput, "document without id") }
        for field in doc.fields where schema.fieldID(field.name) == nil {
            throw IndexError(.invalidInput, "unknown field '\(field.name)' in document \(doc.id)")
        }
    }

    /// The raw text bytes a document counts for (toward the flush threshold).
    static func textBytes(_ doc: IndexDocument) -> Int {
        doc.fields.reduce(0) { $0 + $1.text.utf8.count }
    }

    /// Adds valid documents (``validate(_:schema:)``) in order, as many ``add(_:)`` calls would:
    /// contiguous chunks are analysed and built on up to `parallelism` cores and appended in
    /// order.
    ///
    /// With more than one core the chunks are built in the background (``BuildPipeline``): this
    /// returns once they are handed over, and the caller prepares the next documents while they
    /// are built; ``settle()``, which every other use of the builder calls first, waits for them.
    /// The segment is the same: chunks are appended in order whenever it happens, and a chunk's
    /// bounds change nothing.
    func add(contentsOf docs: ArraySlice<IndexDocument>, parallelism: Int) {
        guard !docs.isEmpty else { return }
        docCount += docs.count
        for doc in docs { textBytes += Self.textBytes(doc) }
        guard parallelism > 1 else {
            settle()
            let builder = SegmentBuilder(schema: schema, chunk: true)
            for doc in docs { try? builder.add(doc) }
            absorb(builder)
            return
        }
        // Two chunks per core: the last run's chunks end closer together, and the last one
        // appended is smaller (on the export, the wait at the end fell from 0.31 to 0.05 s).
        // At least 64 documents each: below that, appending costs what building saved.
        let parts = max(1, min(2 * parallelism, docs.count / 64))
        if pipeline == nil {
            // A run's chunks: built while the caller prepares the next run.
            pipeline = BuildPipeline(target: self, schema: schema, workers: parallelism, limit: 2 * parallelism)
        }
        let lo = docs.startIndex
        for part in 0..<parts {
            pipeline?.submit(docs[(lo + docs.count * part / parts)..<(lo + docs.count * (part + 1) / parts)])
        }
    }

    private func termID(_ key: String) -> Int32 {
        var key = key
        let r = key.withUTF8 { terms.insert(UnsafeRawBufferPointer($0), value: Int32(postings.count)) }
        if r.inserted { postings.append(TermPostings()) }
        return r.value
    }

    private func exactID(_ form: String) -> Int32 {
        var form = form
        let r = form.withUTF8 { exacts.insert(UnsafeRawBufferPointer($0), value: Int32(postings.count)) }
        if r.inserted { postings.append(TermPostings()) }
        return r.value
    }

    /// Analyses a document's fields with the French chain and adds it (replacing a buffered one
    /// with the same id).
    func add(_ doc: IndexDocument) throws(IndexError) {
        try Self.validate(doc, schema: schema)
        settle()
        let nf = schema.fields.count
        var lengths = [UInt32](repeating: 0, count: nf)
        // The scratch arrays and the postings are moved into locals while a document is added:
        // a local is neither checked for exclusive access nor copied on write.
        // (Swapped, not copied: a copy left alive would make the next append copy the array.)
        var occurrences: [UInt64] = []
        var packed: [Int64] = []
        var exactOccurrences: [UInt64] = []
        swap(&occurrences, &self.occurrences)
        swap(&packed, &self.packed)
        swap(&exactOccurrences, &self.exactOccurrences)
        occurrences.removeAll(keepingCapacity: true)
        packed.removeAll(keepingCapacity: true)
        exactOccurrences.removeAll(keepingCapacity: true)
        for field in doc.fields {
            guard let fid = schema.fieldID(field.name) else { continue }  // validated above
            var count: UInt32 = lengths[fid]
            let base = Int64(count) + (count > 0 ? 8 : 0)  // repeated field: gap so phrases don't span
            Analyzer.french.forEachToken(field.text) { tok in
                let t = termCache.id(tok.term) { termID($0) }
                occurrences.append(UInt64(UInt32(bitPattern: t)) << 32 | UInt64(packed.count))
                packed.append(Int64(fid) << 32 | (base + Int64(tok.position)))
                if tok.exact != tok.term {
                    let e = exactCache.id(tok.exact) { exactID($0) }
                    exactOccurrences.append(UInt64(UInt32(bitPattern: e)) << 8 | UInt64(fid))
                }
                count = max(count, UInt32(truncatingIfNeeded: base + Int64(tok.position) + 1))
            }
            lengths[fid] = count
            textBytes += field.text.utf8.count
        }
        delete(id: doc.id)
        let d = ids.count
        var moved: [TermPostings] = []
        swap(&moved, &postings)
        var docBytes = docScratch
        var positionBytes = positionScratch
        defer {
            docScratch = docBytes
            positionScratch = positionBytes
        }
        occurrences.sort()
        var i = 0
        while i < occurrences.count {
            let t = Int(occurrences[i] >> 32)
            var j = i
            while j < occurrences.count, Int(occurrences[j] >> 32) == t { j += 1 }
            Self.appendPositions(
                &moved[t], doc: d, occurrences: occurrences[i..<j], packed: packed, docs: &docBytes,
                positions: &positionBytes)
            i = j
        }
        exactOccurrences.sort()
        i = 0
        while i < exactOccurrences.count {
            let t = Int(exactOccurrences[i] >> 8)
            var j = i
            while j < exactOccurrences.count, Int(exactOccurrences[j] >> 8) == t { j += 1 }
            Self.appendFieldCounts(&moved[t], doc: d, occurrences: exactOccurrences[i..<j], docs: &docBytes)
            i = j
        }
        swap(&moved, &postings)
        swap(&occurrences, &self.occurrences)
        swap(&packed, &self.packed)
        swap(&exactOccurrences, &self.exactOccurrences)
        for (kind, values) in doc.effectiveKeywords {
            for v in Set(values) {
                let t = termID(TermKey.keyword(kind, v))
                postings[Int(t)].append(doc: d)
                keywords.append(t)
            }
        }
        keywordEnds.append(keywords.count)
        let idTerm = Int(termID(TermKey.id(doc.id)))
        postings[idTerm].append(doc: d)
        fieldLengths.append(contentsOf: lengths)
        docCount += 1
        ids.append(doc.id)
        dateKeys.append(doc.dateKey)
        hiddenFlags.append(doc.hidden)
        stored.append(doc)
        idToDoc[doc.id] = d
    }

    /// Appends a chunk's documents after this builder's, as if they had been added here one by
    /// one: its postings are renumbered from this builder's document count, its ids replace
    /// earlier buffered documents with the same id.
    func absorb(_ c: SegmentBuilder) {
        let base = ids.count
        // The chunk's postings index → this builder's.
        var map = [Int32](repeating: 0, count: c.postings.count)
        if base == 0 && postings.isEmpty {
            // Nothing to renumber: the chunk's postings are this builder's.
            terms = c.terms
            exacts = c.exacts
            // Taken over: the chunk no longer frees them.
            swap(&postings, &c.postings)
            termCache = TermIDCache()
            exactCache = TermIDCache()
            for i in map.indices { map[i] = Int32(i) }
        } else {
            // Keys are hashed once, in the chunk: its hashes are reused here.
            c.terms.forEach { key, hash, cid in
                let r = terms.insert(key, hash: hash, value: Int32(postings.count))
                if r.inserted { postings.append(TermPostings()) }
                map[Int(cid)] = r.value
                postings[Int(r.value)].append(c.postings[Int(cid)], base: base)
            }
            c.exacts.forEach { key, hash, cid in
                let r = exacts.insert(key, hash: hash, value: Int32(postings.count))
                if r.inserted { postings.append(TermPostings()) }
                map[Int(cid)] = r.value
                postings[Int(r.value)].append(c.postings[Int(cid)], base: base)
            }
        }
        for (id, d) in c.idToDoc {
            deleteBuffered(id: id)
            idToDoc[id] = base + d
        }
        for d in c.deleted { deleted.insert(base + d) }
        ids.append(contentsOf: c.ids)
        dateKeys.append(contentsOf: c.dateKeys)
        hiddenFlags.append(contentsOf: c.hiddenFlags)
        fieldLengths.append(contentsOf: c.fieldLengths)
        let kwBase = keywords.count
        keywords.append(contentsOf: c.keywords.lazy.map { map[Int($0)] })
        keywordEnds.append(contentsOf: c.keywordEnds.lazy.map { $0 + kwBase })
        stored.append(documentsOf: c.stored)
    }

    /// Frees the postings (the writer keeps the rest until the segment's files are written).
    func takePostings() -> (terms: TermTable, exacts: TermTable, postings: TermPostingsStore) {
        settle()
        defer {
            terms = TermTable()
            exacts = TermTable()
            termCache = TermIDCache()
            exactCache = TermIDCache()
        }
        var taken: [TermPostings] = []
        swap(&taken, &postings)
        return (terms, exacts, TermPostingsStore(taken))
    }
}
