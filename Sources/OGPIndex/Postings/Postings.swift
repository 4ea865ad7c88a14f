/// A forward cursor over one term's postings.
///
/// Layout per document: doc delta; then, for positional terms, the number of field entries and,
/// per entry, field id, term frequency, byte length of the positions and the position deltas;
/// (the byte length is omitted when tf is 1); for exact-form terms, field id and frequency only; nothing more for keyword and id terms.
struct PostingsCursor {
    enum Layout { case positional, fieldCounts, docsOnly }

    private var c: ByteCursor
    /// The positions stream (positional layout).
    private var p: ByteCursor
    let layout: Layout
    let df: Int
    private(set) var doc = -1
    private var remaining: Int
    /// Positions of skipped documents not yet skipped in `p` (skipped at once when needed).
    private var pendingPositions = 0

    /// - Throws: ``IndexError`` `.corrupt` when the postings' bytes fail their checksum.
    init(segment: Segment, info: TermInfo, layout: Layout) throws(IndexError) {
        try segment.pst.checksums.verify(info.offset..<(info.offset + info.length + info.positionsLength))
        c = ByteCursor(segment.pst.bytes, offset: info.offset, end: info.offset + info.length, file: segment.pst.name)
        let posStart = info.offset + info.length
        p = ByteCursor(
            segment.pst.bytes, offset: posStart, end: posStart + info.positionsLength, file: segment.pst.name)
        self.layout = layout
        df = info.df
        remaining = info.df
    }

    /// One field's part of a posting.
    struct Entry {
        var field: Int
        var tf: Int
        /// Positions bytes (positional layout only); decode with ``positions(_:)``.
        var positions: UnsafeRawBufferPointer?
    }

    /// Advances to the next document and reads its field entries into `entries`.
    /// Returns false at the end.
    @inline(__always)
    mutating func next(_ entries: inout [Entry]) throws(IndexError) -> Bool {
        entries.removeAll(keepingCapacity: true)
        guard remaining > 0 else { return false }
        remaining -= 1
        let delta = try c.int()
        guard delta > 0 else { throw .corrupt("non-increasing doc ids", file: c.file, offset: c.offset) }
        doc += delta
        switch layout {
        case .docsOnly:
            break
        case .fieldCounts:
            let n = try c.int()
            for _ in 0..<n { entries.append(Entry(field: try c.int(), tf: try c.int(), positions: nil)) }
        case .positional:
            if pendingPositions > 0 {
                try p.skipVarints(pendingPositions)
                pendingPositions = 0
            }
            let n = try c.int()
            for _ in 0..<n {
                let f = try c.int()
                let tf = try c.int()
                let start = p.offset
                for _ in 0..<tf { _ = try p.varint() }
                entries.append(
                    Entry(field: f, tf: tf, positions: UnsafeRawBufferPointer(rebasing: p.base[start..<p.offset])))
            }
        }
        return true
    }

    /// Skips to the first document ≥ `target` (skipping others without decoding their
    /// entries). Returns false at the end.
    mutating func advance(to target: Int, _ entries: inout [Entry]) throws(IndexError) -> Bool {
        while doc < target {
            guard remaining > 0 else {
                entries.removeAll(keepingCapacity: true)
                return false
            }
            let mark = c.offset
            let delta = try c.int()
            guard delta > 0 else { throw .corrupt("non-increasing doc ids", file: c.file, offset: c.offset) }
            if doc + delta >= target {
                c.offset = mark
                return try next(&entries)
            }
            remaining -= 1
            doc += delta
            switch layout {
            case .docsOnly:
                break
            case .fieldCounts:
                let n = try c.int()
                try c.skipVarints(2 * n)
            case .positional:
                let n = try c.int()
                for _ in 0..<n {
                    _ = try c.varint()
                    pendingPositions += try c.int()
                }
            }
        }
        return true
    }

    /// Decodes a positions blob.
    static func positions(_ bytes: UnsafeRawBufferPointer?, file: String) throws(IndexError) -> [Int] {
        guard let bytes else { return [] }
        var c = ByteCursor(bytes, file: file)
        var out: [Int] = []
        var p = 0
        while !c.atEnd {
            p += try c.int()
            out.append(p)
        }
        return out
    }
}
