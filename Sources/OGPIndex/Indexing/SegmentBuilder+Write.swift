import Foundation
import OGPCore

extension SegmentBuilder {
    /// Terms whose postings are encoded together: groups are encoded on every core, then
    /// written in order, so only one group's encodings are held at a time.
    static let writeGroup = 16_384

    /// Writes the segment files under `dir` with base `name`, fsync'ed. The builder's postings
    /// are released as they are written: it cannot be written twice.
    func write(dir: String, name: String) throws(IndexError) {
        let (terms, exacts, postings) = takePostings()
        var sorted: [(bytes: [UInt8], id: Int32)] = []
        sorted.reserveCapacity(postings.count)
        terms.forEach { key, _, id in sorted.append((Array(key), id)) }
        let exactPrefix = Array(TermKey.exactPrefix.utf8)
        exacts.forEach { key, _, id in sorted.append((exactPrefix + key, id)) }
        sorted.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        // Keyword terms' ordinals in the dictionary, by postings index: doc values refer to them.
        var ordinal = [UInt32](repeating: 0, count: postings.count)
        var pst = ByteBuffer()
        pst.header("OGPP")
        var dictionary = TermDictionaryWriter()
        let fields = schema.fields.count
        let lengths = fieldLengths
        var start = 0
        while start < sorted.count {
            let end = min(sorted.count, start + Self.writeGroup)
            let group = sorted[start..<end]
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let parts = max(1, min(cores * 2, group.count / 512))
            // Re-encoded in blocks (see PostingsBlock): keyword and id terms carry documents only,
            // exact forms their frequencies, analysed terms their positions too.
            let encoded = ParallelMap.map(Array(0..<parts), minimum: 2) {
                part -> Result<[(docs: [UInt8], positions: [UInt8])], IndexError> in
                let lo = group.startIndex + group.count * part / parts
                let hi = group.startIndex + group.count * (part + 1) / parts
                var out: [(docs: [UInt8], positions: [UInt8])] = []
                out.reserveCapacity(hi - lo)
                do throws(IndexError) {
                    for (bytes, id) in group[lo..<hi] {
                        let p = postings[Int(id)]
                        let first = bytes.first ?? 0
                        out.append(
                            try PostingsBlock.encode(
                                varints: p.buf.bytes, positions: p.pos.bytes, df: p.df,
                                docsOnly: first == 0x02 || first == 0x03, positional: first > 0x03, fields: fields,
                                lengths: lengths))
                    }
                } catch {
                    return .failure(error)
                }
                return .success(out)
            }
            var i = start
            for part in encoded {
                for (docs, positions) in try part.get() {
                    let (bytes, id) = sorted[i]
                    let p = postings[Int(id)]
                    if bytes.first == 0x02 { ordinal[Int(id)] = UInt32(i) }
                    dictionary.append(
                        bytes,
                        TermInfo(df: p.df, offset: pst.count, length: docs.count, positionsLength: positions.count))
                    pst.append(docs)
                    pst.append(positions)
                    i += 1
                }
            }
            start = end
        }
        try DurableFile.write(try dictionary.bytes(file: "\(dir)/\(name).tim"), to: "\(dir)/\(name).tim")
        try DurableFile.write(pst.bytes, to: "\(dir)/\(name).pst")
        pst = ByteBuffer()
        try DurableFile.write(docValues(ordinal: ordinal), to: "\(dir)/\(name).doc")
        try DurableFile.write(try stored.file(name: "\(name).sto"), to: "\(dir)/\(name).sto")
    }

    private func docValues(ordinal: [UInt32]) -> [UInt8] {
        let n = docCount
        let nf = schema.fields.count
        var sums = [UInt64](repeating: 0, count: nf)
        for (i, l) in fieldLengths.enumerated() { sums[i % nf] += UInt64(l) }
        var sections: [ByteBuffer] = Array(repeating: ByteBuffer(), count: 7)
        for s in sums { sections[0].u64(s) }
        for d in dateKeys { sections[1].u32(UInt32(bitPattern: d)) }
        for h in hiddenFlags { sections[2].bytes.append(h ? 1 : 0) }
        for l in fieldLengths { sections[3].u32(l) }
        var kwCount: UInt32 = 0
        sections[4].u32(0)
        var start = 0
        for end in keywordEnds {
            for k in keywords[start..<end].map({ ordinal[Int($0)] }).sorted() {
                sections[5].u32(k)
                kwCount += 1
            }
            sections[4].u32(kwCount)
            start = end
        }
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
