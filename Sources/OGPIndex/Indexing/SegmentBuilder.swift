import OGPAnalysis
import OGPCore

/// Accumulates documents in memory and writes them as one immutable segment.
///
/// Postings are encoded as they arrive (doc deltas, then per field: id, tf, and the varint
/// term frequencies; positions go to a separate stream after the term's documents, so scoring
/// never reads them).
final class SegmentBuilder {
    private struct TermPostings {
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
    }

    let schema: IndexSchema
    private var terms: [String: TermPostings] = [:]
    private var docs: [IndexDocument] = []
    private var fieldLengths: [UInt32] = []
    private var docKeywords: [[String]] = []
    /// Id → doc number, for upserts within the buffer.
    private(set) var idToDoc: [String: Int] = [:]
    /// Docs superseded or deleted before the segment is written.
    private(set) var deleted = Set<Int>()
    /// Raw text bytes added, to decide when to flush.
    private(set) var textBytes = 0

    init(schema: IndexSchema) {
        self.schema = schema
    }

    var docCount: Int { docs.count }
    var liveCount: Int { docs.count - deleted.count }

    /// Marks the buffered document with `id` as deleted, if any.
    func delete(id: String) {
        if let d = idToDoc.removeValue(forKey: id) { deleted.insert(d) }
    }

    /// A document analysed, ready to be added (analysis needs no builder: it runs in parallel).
    struct Analysed: @unchecked Sendable {
        let doc: IndexDocument
        let lengths: [UInt32]
        /// Per term, its field and position packed as `field << 32 | position`.
        let local: [String: [Int64]]
        /// Per unstemmed form that differs from its stem, the field of each occurrence.
        let exact: [String: [UInt8]]
        let textBytes: Int
    }

    /// Analyses a document's fields with the French chain.
    static func analyse(_ doc: IndexDocument, schema: IndexSchema) throws(IndexError) -> Analysed {
        guard !doc.id.isEmpty else { throw IndexError(.invalidInput, "document without id") }
        let nf = schema.fields.count
        var lengths = [UInt32](repeating: 0, count: nf)
        var local: [String: [Int64]] = [:]
        var exact: [String: [UInt8]] = [:]
        var bytes = 0
        for field in doc.fields {
            guard let fid = schema.fieldID(field.name) else {
                throw IndexError(.invalidInput, "unknown field '\(field.name)' in document \(doc.id)")
            }
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

    /// Adds an analysed document (replacing a buffered one with the same id).
    func add(_ a: Analysed) {
        let doc = a.doc
        textBytes += a.textBytes
        delete(id: doc.id)
        let d = docs.count
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
        docs.append(doc)
        idToDoc[doc.id] = d
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

    /// Writes the segment files under `dir` with base `name`, fsync'ed. Returns the doc count.
    func write(dir: String, name: String) throws(IndexError) {
        let sorted = terms.keys.map { (bytes: Array($0.utf8), term: $0) }.sorted {
            $0.bytes.lexicographicallyPrecedes($1.bytes)
        }
        var ordinal: [String: UInt32] = [:]
        ordinal.reserveCapacity(sorted.count)
        var pst = ByteBuffer()
        pst.header("OGPP")
        var dictionary = TermDictionaryWriter()
        for (i, (bytes, term)) in sorted.enumerated() {
            guard let p = terms[term] else { continue }
            if bytes.first == 0x02 { ordinal[term] = UInt32(i) }  // keyword terms: doc values refer to them
            // Re-encoded in blocks (see PostingsBlock): keyword and id terms carry documents only,
            // exact forms their frequencies, analysed terms their positions too.
            let first = bytes.first ?? 0
            let (docs, positions) = try PostingsBlock.encode(
                varints: p.buf.bytes, positions: p.pos.bytes, df: p.df, docsOnly: first == 0x02 || first == 0x03,
                positional: first > 0x03, fields: schema.fields.count, lengths: fieldLengths)
            dictionary.append(
                bytes, TermInfo(df: p.df, offset: pst.count, length: docs.count, positionsLength: positions.count))
            pst.append(docs)
            pst.append(positions)
        }
        try DurableFile.write(try dictionary.bytes(file: "\(dir)/\(name).tim"), to: "\(dir)/\(name).tim")
        try DurableFile.write(pst.bytes, to: "\(dir)/\(name).pst")
        try DurableFile.write(docValues(ordinal: ordinal), to: "\(dir)/\(name).doc")
        try DurableFile.write(try StoredFieldsWriter.bytes(docs, file: "\(name).sto"), to: "\(dir)/\(name).sto")
    }

    private func docValues(ordinal: [String: UInt32]) -> [UInt8] {
        let n = docs.count
        let nf = schema.fields.count
        var sums = [UInt64](repeating: 0, count: nf)
        for (i, l) in fieldLengths.enumerated() { sums[i % nf] += UInt64(l) }
        var sections: [ByteBuffer] = Array(repeating: ByteBuffer(), count: 7)
        for s in sums { sections[0].u64(s) }
        for d in docs { sections[1].u32(UInt32(bitPattern: d.dateKey)) }
        for d in docs { sections[2].bytes.append(d.hidden ? 1 : 0) }
        for l in fieldLengths { sections[3].u32(l) }
        var kwCount: UInt32 = 0
        sections[4].u32(0)
        for kws in docKeywords {
            for k in kws.compactMap({ ordinal[$0] }).sorted() { sections[5].u32(k); kwCount += 1 }
            sections[4].u32(kwCount)
        }
        var idBytes: UInt32 = 0
        sections[6].u32(0)
        var ids = ByteBuffer()
        for d in docs {
            ids.bytes.append(contentsOf: d.id.utf8)
            idBytes += UInt32(d.id.utf8.count)
            sections[6].u32(idBytes)
        }
        sections.append(ids)
        var out = ByteBuffer()
        out.header("OGPD")
        out.u32(UInt32(n))
        out.u32(UInt32(nf))
        var at = FileFormat.headerSize + 8 + 8 * sections.count
        for s in sections {
            out.u64(UInt64(at))
            at += s.count
        }
        for s in sections { out.append(s.bytes) }
        return out.bytes
    }
}
