import Foundation

/// Term dictionary lookups on a segment: exact, prefix range, and scans for fuzzy matching.
/// The dictionary is in blocks of prefix-compressed terms (see ``TermDictionaryWriter``).
extension Segment {
    /// Decodes a dictionary block's entries in order, from its first term.
    struct TermBlockReader {
        private var cursor: ByteCursor
        private let pstCount: Int
        private let segment: String
        /// The current term (whole), valid after ``next()`` returned an info.
        private(set) var term: [UInt8] = []
        private var nextOffset: Int
        private var remaining: Int

        init(_ segment: Segment, block: Int) throws(IndexError) {
            var c = segment.tim.cursor()
            c.offset = try segment.termBlockStart(block)
            nextOffset = try c.int()
            cursor = c
            pstCount = segment.pst.bytes.count
            self.segment = segment.name
            remaining = min(segment.termBlockSize, segment.termCount - block * segment.termBlockSize)
        }

        /// ``Segment/compare(_:_:)-([UInt8],_)`` of the current term with `key`, read in place.
        func compareTerm(_ key: [UInt8]) -> Int { Segment.compare(term, key) }

        /// The next entry's postings location (its term in ``term``), or nil at the block's end.
        mutating func next() throws(IndexError) -> TermInfo? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            let shared = try cursor.int()
            let suffix = try cursor.int()
            guard shared <= term.count else {
                throw .corrupt(
                    "term prefix longer than the previous term", file: segment + ".tim", offset: cursor.offset)
            }
            term.removeSubrange(shared...)
            term.append(contentsOf: try cursor.bytes(suffix))
            let df = try cursor.int()
            let gap = try cursor.int()
            guard nextOffset <= pstCount, gap <= pstCount else {
                throw .corrupt("postings offset out of bounds", file: segment + ".tim", offset: cursor.offset)
            }
            let off = nextOffset + gap
            let len = try cursor.int()
            let posLen = try cursor.int()
            guard off >= FileFormat.headerSize, len <= pstCount, posLen <= pstCount, off <= pstCount - len - posLen
            else {
                throw .corrupt("postings out of bounds for term", file: segment + ".tim", offset: cursor.offset)
            }
            nextOffset = off + len + posLen
            return TermInfo(df: df, offset: off, length: len, positionsLength: posLen)
        }
    }

    /// The term bytes and postings location of the `i`-th term (in byte order).
    func entry(_ i: Int) throws(IndexError) -> (term: [UInt8], info: TermInfo) {
        guard i >= 0, i < termCount else {
            throw .corrupt("term ordinal \(i) out of range", file: name + ".tim", offset: termBlockTable)
        }
        var r = try TermBlockReader(self, block: i / termBlockSize)
        for _ in 0..<(i % termBlockSize) { _ = try r.next() }
        guard let info = try r.next() else {
            throw .corrupt("term block too short", file: name + ".tim", offset: termBlockTable)
        }
        return (r.term, info)
    }

    /// Calls `body` with each term of `range` (ordinals) and its postings location, in order,
    /// decoding each block once (a prefix or fuzzy scan).
    func forEachTerm(
        in range: Range<Int>, _ body: (_ term: [UInt8], _ info: TermInfo) throws(IndexError) -> Void
    ) throws(IndexError) {
        let lower = max(0, range.lowerBound)
        let upper = min(termCount, range.upperBound)
        guard lower < upper else { return }
        var i = lower - lower % termBlockSize
        var block = lower / termBlockSize
        while i < upper {
            var r = try TermBlockReader(self, block: block)
            while i < upper, let info = try r.next() {
                if i >= lower { try body(r.term, info) }
                i += 1
            }
            block += 1
            guard block < termBlockCount else { break }
        }
    }

    /// The term string of an ordinal.
    func termString(_ i: Int) throws(IndexError) -> String {
        String(decoding: try entry(i).term, as: UTF8.self)
    }

    /// Where dictionary block `block` starts, its bytes checked against their checksums (the
    /// table of block offsets was checked at open).
    @inline(__always)
    func termBlockStart(_ block: Int) throws(IndexError) -> Int {
        let c = tim.cursor()
        let start = Int(try c.u32(at: termBlockTable, index: block))
        let end = block + 1 < termBlockCount ? Int(try c.u32(at: termBlockTable, index: block + 1)) : tim.bytes.count
        // A block ends where the next starts; offsets out of order (a corrupt table) check the rest.
        try tim.checksums.verify(start..<(end > start ? end : max(start, tim.bytes.count)))
        return start
    }

    /// The first (whole) term of a block, read in place.
    func blockFirstTerm(_ block: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        var c = tim.cursor()
        c.offset = try termBlockStart(block)
        _ = try c.int()  // postings offset
        _ = try c.int()  // shared prefix: 0
        return try c.bytes(try c.int())
    }

    /// How many dictionary blocks start with a term ≤ `key` (binary search; the last of them
    /// holds `key` if any does). The blocks' keys decide (``TermBlockKeys``); a block's first
    /// term is read only when its key ties with `key`'s.
    @inline(__always)
    func blocksStarting(atOrBefore key: [UInt8]) throws(IndexError) -> Int {
        let k = TermBlockKeys.key(key)
        return try termBlockKeys.keys.withUnsafeBufferPointer { keys throws(IndexError) -> Int in
            let indexed = keys.count == termBlockCount
            var lo = 0
            var hi = termBlockCount
            while lo < hi {
                let mid = (lo + hi) / 2
                let atOrBefore: Bool
                if indexed && keys[mid] != k {
                    atOrBefore = keys[mid] < k
                } else {
                    atOrBefore = Self.compare(try blockFirstTerm(mid), key) <= 0
                }
                if atOrBefore { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    /// First ordinal whose term is ≥ `key` in byte order.
    func lowerBound(_ key: [UInt8]) throws(IndexError) -> Int {
        // The last block whose first term is ≤ key holds the answer, or it starts the next block.
        let lo = try blocksStarting(atOrBefore: key)
        guard lo > 0 else { return 0 }
        let block = lo - 1
        var r = try TermBlockReader(self, block: block)
        var i = block * termBlockSize
        while try r.next() != nil {
            if Self.compare(r.term, key) >= 0 { return i }
            i += 1
        }
        return i
    }

    /// Postings of an exact term key, if present (the segment's recent lookups are kept).
    func lookup(_ term: String) throws(IndexError) -> TermInfo? {
        if let known = lookups.get(term) { return known }
        let info = try dictionaryLookup(term)
        lookups.put(term, info)
        return info
    }

    /// ``lookup(_:)`` through the dictionary itself.
    func dictionaryLookup(_ term: String) throws(IndexError) -> TermInfo? {
        let key = Array(term.utf8)
        let lo = try blocksStarting(atOrBefore: key)
        guard lo > 0 else { return nil }
        var r = try TermBlockReader(self, block: lo - 1)
        while let info = try r.next() {
            let c = Self.compare(r.term, key)
            if c == 0 { return info }
            if c > 0 { return nil }
        }
        return nil
    }

    /// Ordinal range of the terms starting with `prefix`.
    func prefixRange(_ prefix: String) throws(IndexError) -> Range<Int> {
        let key = Array(prefix.utf8)
        let start = try lowerBound(key)
        var upper = key
        // Smallest key greater than every key with this prefix.
        while let last = upper.last, last == 0xFF { upper.removeLast() }
        guard let last = upper.last else { return start..<termCount }
        upper[upper.count - 1] = last + 1
        return start..<max(start, try lowerBound(upper))
    }

    static func compare(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Int {
        let n = min(a.count, b.count)
        if n > 0, let pa = a.baseAddress {
            let r = b.withUnsafeBytes { pb in pb.baseAddress.map { memcmp(pa, $0, n) } ?? 0 }
            if r != 0 { return Int(r) }
        }
        return a.count - b.count
    }

    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { compare($0, b) }
    }
}
