import Foundation
import OGPCore

/// The postings side of a merge: the sources' term dictionaries walked together in byte order,
/// each term's postings renumbered and re-encoded, a group of terms at a time on every core.
extension SegmentMerger {
    /// Terms re-encoded together (on every core), then appended in order.
    static let termGroup = 8192

    /// One term of the merged dictionary: its key, and per source holding it, the term's ordinal
    /// there and its postings.
    struct MergedTerm: Sendable {
        var key: [UInt8]
        var parts: [(source: Int, ordinal: Int, info: TermInfo)]
    }

    /// A source's dictionary read in order, one block after the other.
    private struct TermCursor {
        let segment: Segment
        private var block = 0
        private var reader: Segment.TermBlockReader?
        /// The current term's ordinal and postings (nil past the last term).
        private(set) var ordinal = -1
        private(set) var info: TermInfo?

        init(_ segment: Segment) throws(IndexError) {
            self.segment = segment
            try advance()
        }

        /// The current term (valid while ``info`` is not nil).
        var term: [UInt8] { reader?.term ?? [] }

        mutating func advance() throws(IndexError) {
            while true {
                if reader == nil {
                    guard block < segment.termBlockCount else {
                        info = nil
                        return
                    }
                    reader = try Segment.TermBlockReader(segment, block: block)
                    block += 1
                }
                if let next = try reader?.next() {
                    info = next
                    ordinal += 1
                    return
                }
                reader = nil
            }
        }
    }

    /// The merged term dictionary and per source the merged ordinal of each of its keyword terms
    /// (`UInt32.max` for the others); the postings file's content is appended to `pst`.
    func mergeTerms(into pst: ChecksummedFileWriter) throws(IndexError) -> (TermDictionaryWriter, [[UInt32]]) {
        var cursors: [TermCursor] = []
        for s in sources { cursors.append(try TermCursor(s.segment)) }
        var ordinals = sources.map { [UInt32](repeating: UInt32.max, count: $0.segment.termCount) }
        var dictionary = TermDictionaryWriter()
        var header = ByteBuffer()
        header.header("OGPP")
        try pst.append(header.bytes)
        var previous: [UInt8] = []
        var group: [MergedTerm] = []
        group.reserveCapacity(Self.termGroup)
        let segments = sources.map(\.segment)
        let maps = docMaps
        let lengths = fieldLengths
        let fields = self.fields
        func flush() throws(IndexError) {
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let parts = max(1, min(2 * cores, group.count / 256))
            let terms = group
            let encoded = ParallelMap.map(Array(0..<parts), minimum: 2) { part -> Result<Encoded, IndexError> in
                let lo = terms.count * part / parts
                let hi = terms.count * (part + 1) / parts
                do throws(IndexError) {
                    return .success(
                        try Self.encode(terms[lo..<hi], segments: segments, maps: maps, fields: fields, lengths: lengths))
                } catch {
                    return .failure(error)
                }
            }
            var next = 0
            for result in encoded {
                let part = try result.get()
                var offset = pst.count
                for entry in part.entries {
                    let term = group[next]
                    next += 1
                    guard entry.df > 0 else { continue }  // every document deleted
                    if term.key.first == 0x02 {
                        for p in term.parts { ordinals[p.source][p.ordinal] = UInt32(dictionary.count) }
                    }
                    dictionary.append(
                        term.key,
                        TermInfo(df: entry.df, offset: offset, length: entry.docs, positionsLength: entry.positions))
                    offset += entry.docs + entry.positions
                }
                try pst.append(part.bytes)
            }
            group.removeAll(keepingCapacity: true)
            // Each source's postings are laid out in term order: what lies before its next
            // term's is read for good.
            for c in cursors {
                c.segment.pst.release(0..<(c.info?.offset ?? c.segment.pst.bytes.count))
            }
            if Task.isCancelled { throw IndexError(.cancelled, "merge cancelled") }
        }
        while true {
            var first = -1
            for i in cursors.indices where cursors[i].info != nil {
                if first < 0 || Segment.compare(cursors[i].term, cursors[first].term) < 0 { first = i }
            }
            guard first >= 0 else { break }
            let key = cursors[first].term
            guard previous.isEmpty || Segment.compare(key, previous) > 0 else {
                throw .corrupt("terms out of order", file: cursors[first].segment.name + ".tim", offset: 0)
            }
            var parts: [(source: Int, ordinal: Int, info: TermInfo)] = []
            for i in cursors.indices {
                guard let info = cursors[i].info, i == first || Segment.compare(cursors[i].term, key) == 0 else {
                    continue
                }
                parts.append((i, cursors[i].ordinal, info))
                try cursors[i].advance()
            }
            group.append(MergedTerm(key: key, parts: parts))
            previous = key
            if group.count == Self.termGroup { try flush() }
        }
        try flush()
        return (dictionary, ordinals)
    }

    /// A run of terms re-encoded: their postings one after the other, and per term its number
    /// of live documents (0: none left, nothing written) and its streams' lengths.
    struct Encoded: Sendable {
        var bytes: [UInt8]
        var entries: [(df: Int, docs: Int, positions: Int)]
    }

    /// Re-encodes `terms`: each source's blocks decoded, the documents renumbered by `maps`
    /// (deleted ones and their positions dropped), and the result written by the builder's
    /// encoder (``PostingsBlockEncoder``) from the varint form a builder accumulates.
    static func encode(
        _ terms: ArraySlice<MergedTerm>, segments: [Segment], maps: [[Int32]], fields: Int, lengths: [UInt32]
    ) throws(IndexError) -> Encoded {
        var encoder = PostingsBlockEncoder(fields: fields)
        var entries: [(df: Int, docs: Int, positions: Int)] = []
        entries.reserveCapacity(terms.count)
        let size = PostingsBlock.size
        let docs = UnsafeMutablePointer<UInt32>.allocate(capacity: size)
        let tfs = UnsafeMutablePointer<UInt32>.allocate(capacity: size * max(1, fields))
        defer {
            docs.deallocate()
            tfs.deallocate()
        }
        var varints = ByteBuffer()
        var positions = ByteBuffer()
        for term in terms {
            // Dictionary order: exact forms (0x01), keywords (0x02), ids (0x03), analysed terms.
            let kind = term.key.first ?? 0
            let docsOnly = kind == 0x02 || kind == 0x03
            let positional = kind > 0x03
            varints.bytes.removeAll(keepingCapacity: true)
            positions.bytes.removeAll(keepingCapacity: true)
            var last = -1
            var df = 0
            for part in term.parts {
                let segment = segments[part.source]
                let map = maps[part.source]
                let postings = try BlockPostings(segment: segment, info: part.info, docsOnly: docsOnly)
                var pc = ByteCursor(
                    segment.pst.bytes, offset: postings.positionsStart, end: postings.positionsEnd,
                    file: segment.pst.name)
                let withPositions = positional && postings.positionsEnd > postings.positionsStart
                for b in 0..<postings.blocks {
                    let n = try postings.decode(b, docs: docs, tfs: docsOnly ? nil : tfs)
                    for j in 0..<n {
                        let old = Int(docs[j])
                        guard old < map.count else {
                            throw .corrupt("doc \(old) out of range", file: segment.pst.name, offset: part.info.offset)
                        }
                        var count = 0
                        var entriesCount = 0
                        if !docsOnly {
                            for f in 0..<fields where tfs[f * size + j] > 0 {
                                count += Int(tfs[f * size + j])
                                entriesCount += 1
                            }
                        }
                        let new = Int(map[old])
                        guard new >= 0 else {
                            if withPositions { try pc.skipVarints(count) }
                            continue
                        }
                        varints.varint(new - last)
                        last = new
                        df += 1
                        guard !docsOnly else { continue }
                        varints.varint(entriesCount)
                        for f in 0..<fields where tfs[f * size + j] > 0 {
                            varints.varint(f)
                            varints.varint(Int(tfs[f * size + j]))
                        }
                        guard withPositions else { continue }
                        let from = pc.offset
                        try pc.skipVarints(count)
                        positions.bytes.append(
                            contentsOf: UnsafeRawBufferPointer(rebasing: segment.pst.bytes[from..<pc.offset]))
                    }
                }
            }
            guard df > 0 else {
                entries.append((0, 0, 0))
                continue
            }
            let written = try withBytes(varints.bytes) { v throws(IndexError) in
                try withBytes(positions.bytes) { p throws(IndexError) in
                    try encoder.append(
                        varints: v, positions: p, df: df, docsOnly: docsOnly, positional: positional, lengths: lengths)
                }
            }
            entries.append((df, written.docs, written.positions))
        }
        return Encoded(bytes: encoder.out, entries: entries)
    }
}
