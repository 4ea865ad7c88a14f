import Foundation

/// Term dictionary lookups on a segment: exact, prefix range, and scans for fuzzy matching.
extension Segment {
    /// The term bytes and postings location of the `i`-th term (in byte order).
    func entry(_ i: Int) throws(IndexError) -> (term: UnsafeRawBufferPointer, info: TermInfo) {
        var c = tim.cursor()
        c.offset = Int(try c.u32(at: FileFormat.headerSize + 4, index: i))
        let n = try c.int()
        let term = try c.bytes(n)
        let df = try c.int()
        let off = try c.int()
        let len = try c.int()
        let posLen = try c.int()
        guard off >= FileFormat.headerSize, off + len + posLen <= pst.bytes.count else {
            throw .corrupt("postings out of bounds for term \(i)", file: name + ".tim", offset: c.offset)
        }
        return (term, TermInfo(df: df, offset: off, length: len, positionsLength: posLen))
    }

    /// The term string of an ordinal.
    func termString(_ i: Int) throws(IndexError) -> String {
        String(decoding: try entry(i).term, as: UTF8.self)
    }

    /// First ordinal whose term is ≥ `key` in byte order.
    func lowerBound(_ key: [UInt8]) throws(IndexError) -> Int {
        var lo = 0
        var hi = termCount
        while lo < hi {
            let mid = (lo + hi) / 2
            if Self.compare(try entry(mid).term, key) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Postings of an exact term key, if present.
    func lookup(_ term: String) throws(IndexError) -> TermInfo? {
        let key = Array(term.utf8)
        let i = try lowerBound(key)
        guard i < termCount else { return nil }
        let e = try entry(i)
        return Self.compare(e.term, key) == 0 ? e.info : nil
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
}

/// Bounded Levenshtein distance on byte strings (folded terms are mostly ASCII), reusing its
/// rows across calls.
struct EditDistance {
    let key: [UInt8]
    let limit: Int
    private var prev: [Int]
    private var cur: [Int]

    init(_ key: [UInt8], limit: Int) {
        self.key = key
        self.limit = limit
        prev = [Int](repeating: 0, count: key.count + limit + 2)
        cur = prev
    }

    /// The distance between the key and `b` if ≤ limit, else nil.
    mutating func within(_ b: UnsafeRawBufferPointer) -> Int? {
        let a = key
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        for j in 0...b.count { prev[j] = j }
        for i in 1...a.count {
            cur[0] = i
            var rowMin = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                rowMin = min(rowMin, cur[j])
            }
            if rowMin > limit { return nil }
            swap(&prev, &cur)
        }
        return prev[b.count] <= limit ? prev[b.count] : nil
    }
}
