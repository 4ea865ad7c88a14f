/// A forward cursor over one term's postings, a block at a time (see ``PostingsBlock``), for
/// phrases, proximity, exclusions and keyword filters (scoring decodes blocks directly).
struct PostingsCursor {
    enum Layout { case positional, fieldCounts, docsOnly }

    let postings: BlockPostings
    /// The positions stream (positional layout).
    private var p: ByteCursor
    let layout: Layout
    /// Checks the positions' chunks as blocks reach them.
    private let checksums: ChunkVerifier
    var df: Int { postings.df }
    private(set) var doc = -1
    private var block = -1
    private var count = 0
    private var index = 0
    private var docs: [UInt32]
    private var tfs: [UInt32]
    /// Positions of skipped documents not yet skipped in `p` (skipped at once when needed).
    private var pendingPositions = 0

    /// - Throws: ``IndexError`` `.corrupt` when the postings' bytes fail their checksum.
    init(segment: Segment, info: TermInfo, layout: Layout) throws(IndexError) {
        postings = try BlockPostings(segment: segment, info: info, docsOnly: layout == .docsOnly)
        checksums = segment.pst.checksums
        p = ByteCursor(segment.pst.bytes, offset: postings.positionsStart, end: postings.positionsEnd, file: segment.pst.name)
        self.layout = layout
        docs = [UInt32](repeating: 0, count: PostingsBlock.size)
        tfs = [UInt32](repeating: 0, count: PostingsBlock.size * max(1, segment.fieldCount))
    }

    /// One field's part of a posting.
    struct Entry {
        var field: Int
        var tf: Int
        /// Positions bytes (positional layout only); decode with ``positions(_:file:)``.
        var positions: UnsafeRawBufferPointer?
    }

    private mutating func load(_ b: Int) throws(IndexError) -> Bool {
        guard b < postings.blocks else {
            block = postings.blocks
            return false
        }
        let withTfs = layout != .docsOnly
        count = try docs.withUnsafeMutableBufferPointer { d throws(IndexError) in
            try tfs.withUnsafeMutableBufferPointer { t throws(IndexError) in
                // Both buffers hold at least one block (allocated at init).
                try postings.decode(b, docs: d.baseAddress!, tfs: withTfs ? t.baseAddress! : nil)
            }
        }
        block = b
        index = 0
        if layout == .positional {
            // Only this block's positions are checked (a cold search reads no more than it uses).
            p.offset = try postings.positionsOffset(b)
            let end = b + 1 < postings.blocks ? try postings.positionsOffset(b + 1) : postings.positionsEnd
            try checksums.verify(p.offset..<max(p.offset, end))
            pendingPositions = 0
        }
        return true
    }

    @inline(__always)
    private func tfSum(_ j: Int) -> Int {
        var s = 0
        for f in 0..<postings.fields { s += Int(tfs[f * PostingsBlock.size + j]) }
        return s
    }

    /// Makes the document at `index` current and reads its field entries into `entries`.
    private mutating func settle(_ entries: inout [Entry]) throws(IndexError) {
        doc = Int(docs[index])
        entries.removeAll(keepingCapacity: true)
        guard layout != .docsOnly else { return }
        if layout == .positional, pendingPositions > 0 {
            try p.skipVarints(pendingPositions)
            pendingPositions = 0
        }
        for f in 0..<postings.fields {
            let tf = Int(tfs[f * PostingsBlock.size + index])
            guard tf > 0 else { continue }
            var positions: UnsafeRawBufferPointer?
            if layout == .positional {
                let start = p.offset
                try p.skipVarints(tf)
                positions = UnsafeRawBufferPointer(rebasing: p.base[start..<p.offset])
            }
            entries.append(Entry(field: f, tf: tf, positions: positions))
        }
    }

    /// Advances to the next document and reads its field entries into `entries`.
    /// Returns false at the end.
    mutating func next(_ entries: inout [Entry]) throws(IndexError) -> Bool {
        if block >= 0, block < postings.blocks, index + 1 < count {
            index += 1
        } else if try !load(block + 1) {
            entries.removeAll(keepingCapacity: true)
            return false
        }
        try settle(&entries)
        return true
    }

    /// Skips to the first document ≥ `target` (skipping whole blocks through the skip table,
    /// and the positions of the documents passed over). Returns false at the end.
    mutating func advance(to target: Int, _ entries: inout [Entry]) throws(IndexError) -> Bool {
        if doc >= target { return true }
        if block < 0 || block >= postings.blocks || postings.lastDoc(block) < target {
            if try !load(postings.block(from: max(0, block + 1), reaching: target)) {
                entries.removeAll(keepingCapacity: true)
                return false
            }
        } else {
            index += 1  // the current document's positions were read by `settle`
        }
        while true {
            while index < count, Int(docs[index]) < target {
                if layout == .positional { pendingPositions += tfSum(index) }
                index += 1
            }
            if index < count { break }
            // Past the block (a single block's last document is not in a skip table).
            if try !load(postings.block(from: block + 1, reaching: target)) {
                entries.removeAll(keepingCapacity: true)
                return false
            }
        }
        try settle(&entries)
        return true
    }

    /// Decodes a positions blob into `out` (replacing its contents).
    static func positions(_ bytes: UnsafeRawBufferPointer?, file: String, into out: inout [Int]) throws(IndexError) {
        out.removeAll(keepingCapacity: true)
        guard let bytes else { return }
        var c = ByteCursor(bytes, file: file)
        var p = 0
        while !c.atEnd {
            p += try c.int()
            out.append(p)
        }
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
