import Foundation
import OGPCore

extension SegmentBuilder {
    /// Terms whose postings are encoded together: groups are encoded on every core, then
    /// written in order, so only one group's encodings are held at a time.
    static let writeGroup = 16_384

    /// Writes the segment files under `dir` with base `name`, fsync'ed. The builder's postings
    /// are released as they are written: it cannot be written twice.
    func write(dir: String, name: String, stored compression: StoredCompression = .standard) throws(IndexError) {
        let (terms, exacts, postings) = takePostings()
        // The stored-fields file (a dictionary trained, blocks compressed) is made and written on
        // its own thread meanwhile: its serial part overlaps the postings' encoding.
        let storedBlocks = stored
        stored = StoredBlocks(perDocument: stored.perDocument)
        let storedPath = "\(dir)/\(name).sto"
        let storedFile = BackgroundWork { () -> Result<Void, IndexError> in
            var blocks = storedBlocks
            do throws(IndexError) {
                try DurableFile.write(try blocks.file(name: "\(name).sto", compression: compression), to: storedPath)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        // Dictionary order: exact forms (their keys start with `TermKey.exactPrefix`, 0x01) before
        // every other term (keywords 0x02, ids 0x03, analysed terms from "0"); each table sorted
        // on its own core.
        let tables = [exacts, terms]
        let orders = ParallelMap.map([0, 1], minimum: 2) { tables[$0].sortedEntries() }
        let (dictionary, pst, ordinal) = try encode(postings.items, tables: tables, orders: orders)
        // A million small buffers: freed on another thread while the files are written.
        _ = BackgroundWork { postings.release() }
        // The postings file (the largest: its checksums, its write and fsync) on a thread of its
        // own while the others are written.
        let pstPath = "\(dir)/\(name).pst"
        let pstBytes = pst.bytes
        let postingsFile = BackgroundWork { () -> Result<Void, IndexError> in
            do throws(IndexError) {
                try DurableFile.write(pstBytes, to: pstPath)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try DurableFile.write(try dictionary.bytes(file: "\(dir)/\(name).tim"), to: "\(dir)/\(name).tim")
        try DurableFile.write(docValues(ordinal: ordinal), to: "\(dir)/\(name).doc")
        for (work, path) in [(postingsFile, pstPath), (storedFile, storedPath)] {
            guard let written = work.wait() else { throw IndexError.io("the file was not written", file: path) }
            try written.get()
        }
    }

    /// The term dictionary, the postings file and the keyword terms' ordinals (by postings
    /// index) of `postings`, whose terms are `tables` (exact forms, then the others), each in
    /// the order `orders` gives.
    private func encode(
        _ postings: [TermPostings], tables: [TermTable], orders: [[Int32]]
    ) throws(IndexError) -> (TermDictionaryWriter, ByteBuffer, [UInt32]) {
        let exactCount = orders[0].count
        let total = exactCount + orders[1].count
        @Sendable @inline(__always) func entry(_ i: Int) -> (table: Int, entry: Int) {
            i < exactCount ? (0, Int(orders[0][i])) : (1, Int(orders[1][i - exactCount]))
        }
        let assembly = Assembly(postings: postings, tables: tables, entry: entry)
        let fields = schema.fields.count
        let lengths = fieldLengths
        // Each group's encodings are appended to the files while the next group is encoded: the
        // appending (serial) is one more task of the next group's parallel map.
        var previous: [Assembly.Encoded] = []
        var start = 0
        while start < total {
            let (first, end) = (start, min(total, start + Self.writeGroup))
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let parts = max(1, min(cores * 2, (end - first) / 512))
            let pending = previous
            let offset = pending.isEmpty ? 0 : 1
            // Re-encoded in blocks (see PostingsBlock): keyword and id terms carry documents only,
            // exact forms their frequencies, analysed terms their positions too.
            let encoded = ParallelMap.map(Array(0..<(parts + offset)), minimum: 2) { task -> Assembly.Encoded? in
                guard task >= offset else {
                    assembly.append(pending)
                    return nil
                }
                let part = task - offset
                let lo = first + (end - first) * part / parts
                let hi = first + (end - first) * (part + 1) / parts
                var encoder = PostingsBlockEncoder(fields: fields)
                var lengthsOut: [(docs: Int, positions: Int)] = []
                lengthsOut.reserveCapacity(hi - lo)
                do throws(IndexError) {
                    for i in lo..<hi {
                        let (t, e) = entry(i)
                        let p = postings[Int(tables[t].value(entry: e))]
                        let firstByte = t == 0 ? 0x01 : tables[t].key(e).first ?? 0
                        lengthsOut.append(
                            try encoder.append(
                                varints: p.buf.bytes, positions: p.pos.bytes, df: p.df,
                                docsOnly: firstByte == 0x02 || firstByte == 0x03, positional: firstByte > 0x03,
                                lengths: lengths))
                    }
                } catch {
                    return .failure(error)
                }
                return .success((encoder.out, lengthsOut))
            }
            previous = encoded.compactMap { $0 }
            start = end
        }
        assembly.append(previous)
        if let error = assembly.error { throw error }
        return (assembly.dictionary, assembly.pst, assembly.ordinal)
    }

    /// The files' content as the encoded groups are appended in term order, by one task at a
    /// time (a class: the task that appends runs on a core of the next group's parallel map).
    private final class Assembly: @unchecked Sendable {
        typealias Encoded = Result<(bytes: [UInt8], lengths: [(docs: Int, positions: Int)]), IndexError>
        let postings: [TermPostings]
        let tables: [TermTable]
        let entry: @Sendable (Int) -> (table: Int, entry: Int)
        let exactPrefix = Array(TermKey.exactPrefix.utf8)
        /// Keyword terms' ordinals in the dictionary, by postings index: doc values refer to them.
        var ordinal: [UInt32]
        var pst = ByteBuffer()
        var dictionary = TermDictionaryWriter()
        /// The first error met; nothing is appended after it.
        var error: IndexError?
        private var key: [UInt8] = []
        /// The dictionary order of the next term appended.
        private var next = 0

        init(postings: [TermPostings], tables: [TermTable], entry: @escaping @Sendable (Int) -> (table: Int, entry: Int)) {
            self.postings = postings
            self.tables = tables
            self.entry = entry
            ordinal = [UInt32](repeating: 0, count: postings.count)
            pst.header("OGPP")
        }

        /// Appends a group's encodings (its parts in order) after the groups before it.
        func append(_ group: [Encoded]) {
            guard error == nil else { return }
            for part in group {
                let bytes: [UInt8]
                let termLengths: [(docs: Int, positions: Int)]
                switch part {
                case .success(let encoded): (bytes, termLengths) = encoded
                case .failure(let e):
                    error = e
                    return
                }
                var offset = pst.count
                for (docs, positions) in termLengths {
                    let (t, e) = entry(next)
                    let id = Int(tables[t].value(entry: e))
                    key.removeAll(keepingCapacity: true)
                    if t == 0 { key.append(contentsOf: exactPrefix) }
                    key.append(contentsOf: tables[t].key(e))
                    if key.first == 0x02 { ordinal[id] = UInt32(next) }
                    dictionary.append(
                        key, TermInfo(df: postings[id].df, offset: offset, length: docs, positionsLength: positions))
                    offset += docs + positions
                    next += 1
                }
                pst.append(bytes)
            }
        }
    }

    private func docValues(ordinal: [UInt32]) -> [UInt8] {
        // Each document's keyword ordinals, sorted.
        var ordinals: [UInt32] = []
        ordinals.reserveCapacity(keywords.count)
        var start = 0
        for end in keywordEnds {
            ordinals.append(contentsOf: keywords[start..<end].map({ ordinal[Int($0)] }).sorted())
            start = end
        }
        return Self.docValues(
            fields: schema.fields.count, fieldLengths: fieldLengths, dateKeys: dateKeys, hidden: hiddenFlags,
            keywordOrdinals: ordinals, keywordEnds: keywordEnds, ids: ids)
    }

    /// The doc values file (`.doc`) of documents with these field lengths (document × `fields`
    /// + field), dates, hidden flags, keyword ordinals (each document's sorted;
    /// `keywordEnds[d]` ends document d's) and ids. Shared with ``SegmentMerger``.
    static func docValues(
        fields nf: Int, fieldLengths: [UInt32], dateKeys: [Int32], hidden: [Bool], keywordOrdinals: [UInt32],
        keywordEnds: [Int], ids: [String]
    ) -> [UInt8] {
        let n = ids.count
        var sums = [UInt64](repeating: 0, count: nf)
        for (i, l) in fieldLengths.enumerated() { sums[i % nf] += UInt64(l) }
        var sections: [ByteBuffer] = Array(repeating: ByteBuffer(), count: 7)
        for s in sums { sections[0].u64(s) }
        for d in dateKeys { sections[1].u32(UInt32(bitPattern: d)) }
        for h in hidden { sections[2].bytes.append(h ? 1 : 0) }
        for l in fieldLengths { sections[3].u32(l) }
        sections[4].u32(0)
        for end in keywordEnds { sections[4].u32(UInt32(end)) }
        for k in keywordOrdinals { sections[5].u32(k) }
        var idBytes: UInt32 = 0
        sections[6].u32(0)
        var idText = ByteBuffer()
        for id in ids {
            idText.bytes.append(contentsOf: id.utf8)
            idBytes += UInt32(id.utf8.count)
            sections[6].u32(idBytes)
        }
        sections.append(idText)
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
