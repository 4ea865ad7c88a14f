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
    struct TermPostings {
        var buf = ByteBuffer()
        /// Position deltas, `tf` varints per field entry, in document order.
        var pos = ByteBuffer()
        var lastDoc = -1
        var df = 0

        mutating func withDoc(_ doc: Int, _ body: (inout ByteBuffer, inout ByteBuffer) -> Void) {
            buf.varint(doc - lastDoc)
            lastDoc = doc
            df += 1
            body(&buf, &pos)
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
            buf.append(src[i...])
            pos.append(other.pos.bytes)
            lastDoc = base + other.lastDoc
            df += other.df
        }
    }

    let schema: IndexSchema
    private(set) var terms: [String: TermPostings] = [:]
    private(set) var ids: [String] = []
    private(set) var dateKeys: [Int32] = []
    private(set) var hiddenFlags: [Bool] = []
    private(set) var fieldLengths: [UInt32] = []
    private(set) var docKeywords: [[String]] = []
    /// Id → doc number, for upserts within the buffer.
    private(set) var idToDoc: [String: Int] = [:]
    /// Docs superseded or deleted before the segment is written.
    private(set) var deleted = Set<Int>()
    /// Raw text bytes added, to decide when to flush.
    private(set) var textBytes = 0
    /// The stored documents: in compressed blocks for a segment's builder, one encoding per
    /// document for a chunk's (its documents go into its segment's blocks when absorbed).
    var stored: StoredBlocks

    init(schema: IndexSchema, chunk: Bool = false) {
        self.schema = schema
        stored = StoredBlocks(perDocument: chunk)
    }

    var docCount: Int { ids.count }
    var liveCount: Int { ids.count - deleted.count }

    /// Marks the buffered document with `id` as deleted, if any.
    func delete(id: String) {
        if let d = idToDoc.removeValue(forKey: id) { deleted.insert(d) }
    }

    /// A document analysed, ready to be added.
    struct Analysed: @unchecked Sendable {
        let doc: IndexDocument
        let lengths: [UInt32]
        /// Per term, its field and position packed as `field << 32 | position`.
        let local: [String: [Int64]]
        /// Per unstemmed form that differs from its stem, the field of each occurrence.
        let exact: [String: [UInt8]]
        let textBytes: Int
    }

    /// Throws for what ``analyse(_:schema:)`` refuses: a document without id or with a field
    /// the schema does not declare.
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

    /// Analyses a document's fields with the French chain.
    static func analyse(_ doc: IndexDocument, schema: IndexSchema) throws(IndexError) -> Analysed {
        try validate(doc, schema: schema)
        let nf = schema.fields.count
        var lengths = [UInt32](repeating: 0, count: nf)
        var local: [String: [Int64]] = [:]
        var exact: [String: [UInt8]] = [:]
        var bytes = 0
        for field in doc.fields {
            guard let fid = schema.fieldID(field.name) else { continue }  // validated above
            var count: UInt32 = lengths[fid]
            let base = Int64(count) + (count > 0 ? 8 : 0)  // repeated field: gap so phrases don't span
            Analyzer.french.forEachToken(field.text) { tok in
                local[tok.term, default: []].append(Int64(fid) << 32 | (base + Int64(tok.position)))
                if tok.exact != tok.term { exact[tok.exact, default: []].append(UInt8(fid)) }
                count = max(count, UInt32(truncatingIfNeeded: base + Int64(tok.position) + 1))
            }
            lengths[fid] = count
            bytes += field.text.utf8.count
        }
        return Analysed(doc: doc, lengths: lengths, local: local, exact: exact, textBytes: bytes)
    }

    /// Analyses and adds a document (replacing a buffered one with the same id).
    func add(_ doc: IndexDocument) throws(IndexError) {
        add(try Self.analyse(doc, schema: schema))
    }

    /// Adds valid documents (``validate(_:schema:)``) in order, as many ``add(_:)`` calls would:
    /// contiguous chunks are analysed and built on up to `parallelism` cores, then appended in
    /// order.
    func add(contentsOf docs: ArraySlice<IndexDocument>, parallelism: Int) {
        guard !docs.isEmpty else { return }
        // Chunks of at least 64 documents: below that, appending costs what building saved.
        let parts = max(1, min(parallelism, docs.count / 64))
        let schema = self.schema
        let lo = docs.startIndex
        let chunks = ParallelMap.map(Array(0..<parts), minimum: 2) { part -> Chunk in
            let builder = SegmentBuilder(schema: schema, chunk: true)
            let range = (lo + docs.count * part / parts)..<(lo + docs.count * (part + 1) / parts)
            for doc in docs[range] {
                // Validated by the caller: analysis cannot fail.
                if let a = try? Self.analyse(doc, schema: schema) { builder.add(a) }
            }
            return Chunk(builder: builder)
        }
        for c in chunks { absorb(c.builder) }
    }

    /// A chunk's builder, handed from the core that built it to the one that absorbs it.
    private struct Chunk: @unchecked Sendable {
        let builder: SegmentBuilder
    }

    /// Adds an analysed document (replacing a buffered one with the same id).
    func add(_ a: Analysed) {
        let doc = a.doc
        textBytes += a.textBytes
        delete(id: doc.id)
        let d = ids.count
        for (term, packed) in a.local { appendPositions(term: term, doc: d, packed: packed) }
        for (term, fields) in a.exact { appendFieldCounts(term: TermKey.exact(term), doc: d, fields: fields) }
        var kwTerms: [String] = []
        for (kind, values) in doc.effectiveKeywords {
            for v in Set(values) {
                let key = TermKey.keyword(kind, v)
                appendDocOnly(term: key, doc: d)
                kwTerms.append(key)
            }
        }
        appendDocOnly(term: TermKey.id(doc.id), doc: d)
        docKeywords.append(kwTerms)
        fieldLengths.append(contentsOf: a.lengths)
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
        if base == 0 {
            terms = c.terms  // nothing to renumber: the chunk's postings are this builder's
        } else {
            for (term, p) in c.terms { terms[term, default: TermPostings()].append(p, base: base) }
        }
        textBytes += c.textBytes
        for (id, d) in c.idToDoc {
            delete(id: id)
            idToDoc[id] = base + d
        }
        for d in c.deleted { deleted.insert(base + d) }
        ids.append(contentsOf: c.ids)
        dateKeys.append(contentsOf: c.dateKeys)
        hiddenFlags.append(contentsOf: c.hiddenFlags)
        fieldLengths.append(contentsOf: c.fieldLengths)
        docKeywords.append(contentsOf: c.docKeywords)
        stored.append(documentsOf: c.stored)
    }

    private func appendPositions(term: String, doc: Int, packed: [Int64]) {
        terms[term, default: TermPostings()].withDoc(doc) { buf, positions in
            var i = 0
            var groups: [(field: Int, start: Int, end: Int)] = []
            while i < packed.count {
                let f = Int(packed[i] >> 32)
                var j = i
                while j < packed.count, Int(packed[j] >> 32) == f { j += 1 }
                groups.append((f, i, j))
                i = j
            }
            buf.varint(groups.count)
            for g in groups {
                buf.varint(g.field)
                buf.varint(g.end - g.start)
                var last: Int64 = 0
                for k in g.start..<g.end {
                    let p = packed[k] & 0xFFFF_FFFF
                    positions.varint(UInt64(p - last))
                    last = p
                }
            }
        }
    }

    private func appendFieldCounts(term: String, doc: Int, fields: [UInt8]) {
        var counts: [Int: Int] = [:]
        for f in fields { counts[Int(f), default: 0] += 1 }
        terms[term, default: TermPostings()].withDoc(doc) { buf, _ in
            buf.varint(counts.count)
            for (f, tf) in counts.sorted(by: { $0.key < $1.key }) {
                buf.varint(f)
                buf.varint(tf)
            }
        }
    }

    private func appendDocOnly(term: String, doc: Int) {
        terms[term, default: TermPostings()].withDoc(doc) { _, _ in }
    }

    /// Frees the postings (the writer keeps the rest until the segment's files are written).
    func takeTerms() -> [String: TermPostings] {
        defer { terms = [:] }
        return terms
    }
}
