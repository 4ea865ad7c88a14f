/// Bounded Levenshtein distance on byte strings (folded terms are mostly ASCII).
///
/// Made for a scan of the dictionary in term order: the rows of the dynamic programme are kept
/// per byte of the last word computed (row `j`: the distances from each prefix of the key to
/// the word's first `j` bytes), so a word sharing a prefix with it starts after that prefix
/// (`within(_:shared:)`), and a row over the limit everywhere says that every word with that
/// prefix is beyond it (``deadPrefix``). The distances are exact (full rows, no band).
struct EditDistance {
    let key: [UInt8]
    let limit: Int
    /// Row `j` at `rows[j × (key.count + 1)]`, computed for `j` ≤ `valid`.
    private var rows: [Int]
    private var valid = 0
    /// After a nil from `within`: the length of the word's prefix whose row is over the limit.
    private(set) var deadPrefix: Int?

    init(_ key: [UInt8], limit: Int) {
        self.key = key
        self.limit = limit
        rows = Array(0...key.count)
    }

    /// The distance between the key and `b` if ≤ limit, else nil.
    mutating func within(_ b: UnsafeRawBufferPointer) -> Int? { within(b, shared: 0) }

    /// The distance between the key and `b` if ≤ limit, else nil; `b`'s first `shared` bytes
    /// are those of the word of the call before (its rows are reused).
    mutating func within(_ b: UnsafeRawBufferPointer, shared: Int) -> Int? {
        deadPrefix = nil
        let m = key.count
        let n = b.count
        valid = max(0, min(valid, shared, n))
        guard m > 0 else { return n <= limit ? n : nil }
        let width = m + 1
        if rows.count < (n + 1) * width { rows.append(contentsOf: repeatElement(0, count: (n + 1) * width - rows.count)) }
        let limit = self.limit
        var dead: Int?
        var computed = valid
        let d = rows.withUnsafeMutableBufferPointer { r -> Int in
            key.withUnsafeBufferPointer { a -> Int in
                var j = computed + 1
                while j <= n {
                    let prev = (j - 1) * width
                    let cur = j * width
                    let c = b[j - 1]
                    r[cur] = j
                    var rowMin = j
                    for i in 1...m {
                        let cost = a[i - 1] == c ? 0 : 1
                        let v = min(r[prev + i] + 1, r[cur + i - 1] + 1, r[prev + i - 1] + cost)
                        r[cur + i] = v
                        rowMin = min(rowMin, v)
                    }
                    computed = j
                    // Rows only grow from here on: no word with this prefix is within the limit.
                    if rowMin > limit {
                        dead = j
                        return Int.max
                    }
                    j += 1
                }
                return r[n * width + m]
            }
        }
        valid = computed
        deadPrefix = dead
        return d <= limit ? d : nil
    }
}

extension Segment {
    /// Calls `body` with each term of `range` (ordinals) whose bytes after the first `skip` are
    /// within `distance`'s limit of its key, with that distance, in term order: the terms
    /// ``forEachTerm(in:_:)`` gives, filtered by ``EditDistance/within(_:)``, for less.
    ///
    /// The terms are decoded in place (no postings location), a word is computed from the
    /// prefix it shares with the last one computed, a word whose length alone puts it beyond the
    /// limit is not computed, nor one that starts with a prefix already beyond it; and a
    /// dictionary block is passed over without decoding when its first term and the next
    /// block's start with such a prefix (the one known, or the prefix they share, computed
    /// first): every term between is sorted between, so starts with it.
    func forEachTerm(
        in range: Range<Int>, skip: Int, within distance: inout EditDistance,
        _ body: (_ word: UnsafeRawBufferPointer, _ distance: Int) throws(IndexError) -> Void
    ) throws(IndexError) {
        let lower = max(0, range.lowerBound)
        let upper = min(termCount, range.upperBound)
        guard lower < upper, skip >= 0 else { return }
        let m = distance.key.count
        let limit = distance.limit
        var i = lower - lower % termBlockSize
        var block = lower / termBlockSize
        // The current term, in a buffer of its own (grown as needed).
        var capacity = 256
        var term = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { term.deallocate() }
        var length = 0
        // The prefix shared by every term since the last word computed, and by it.
        var common = 0
        // A whole-term prefix beyond the limit (0: none known), in `dead`.
        var deadLength = 0
        var dead = [UInt8]()
        // The length of the prefix of the next block's first term computed last (0: none).
        var probed = 0
        /// The bytes two terms share at the start.
        func lcp(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
            let n = min(a.count, b.count)
            var k = 0
            while k < n && a[k] == b[k] { k += 1 }
            return k
        }
        while i < upper && block < termBlockCount {
            let whole = i >= lower && block + 1 < termBlockCount && (block + 1) * termBlockSize < upper
            if whole {
                // Passed over: the blocks whose terms all start with a prefix beyond the limit,
                // the one known (the next block starts with it too) or the block's own (what its
                // first term shares with the next block's).
                var next = try blockFirstTerm(block + 1)
                while deadLength > 0, next.count >= deadLength,
                    Self.compare(UnsafeRawBufferPointer(rebasing: next[0..<deadLength]), dead) == 0
                {
                    block += 1
                    i = block * termBlockSize
                    guard block + 1 < termBlockCount, (block + 1) * termBlockSize < upper else { break }
                    next = try blockFirstTerm(block + 1)
                }
                if i < upper, block + 1 < termBlockCount, (block + 1) * termBlockSize < upper {
                    let first = try blockFirstTerm(block)
                    let shared = lcp(first, next)
                    if shared > skip {
                        let last = lcp(UnsafeRawBufferPointer(start: term, count: length), first)
                        let prefix = UnsafeRawBufferPointer(rebasing: first[skip..<shared])
                        _ = distance.within(prefix, shared: min(common, last, shared) - skip)
                        // The rows now hold this prefix: it is the last word computed.
                        common = min(last, shared)
                        if let p = distance.deadPrefix {
                            deadLength = skip + p
                            dead.removeAll(keepingCapacity: true)
                            dead.append(contentsOf: first[0..<deadLength])
                            block += 1
                            i = block * termBlockSize
                            continue
                        }
                        // The block's first term starts with the prefix.
                        probed = shared
                        deadLength = 0
                    }
                }
            }
            var c = tim.cursor()
            c.offset = try termBlockStart(block)
            _ = try c.int()  // the block's first postings offset
            var remaining = min(termBlockSize, termCount - block * termBlockSize)
            while i < upper && remaining > 0 {
                remaining -= 1
                defer { i += 1 }
                let kept = try c.int()
                let suffix = try c.bytes(try c.int())
                // df, postings gap, lengths: a few bytes, skipped byte by byte (the word at a
                // time of `skipVarints` pays for long runs only).
                var o = c.offset
                var left = 4
                while left > 0 {
                    guard o >= 0, o < c.end else { throw .corrupt("read past end", file: name + ".tim", offset: o) }
                    if c.base[o] < 0x80 { left -= 1 }
                    o += 1
                }
                c.offset = o
                guard kept <= length else {
                    throw .corrupt("term prefix longer than the previous term", file: name + ".tim", offset: c.offset)
                }
                var shared = kept
                // A block's first term is whole: what it shares with the previous one, counted
                // (or with the prefix computed last, the block's own).
                let restart = kept == 0 ? probed : 0
                if kept == 0 {
                    shared = lcp(UnsafeRawBufferPointer(start: term, count: length), suffix)
                    probed = 0
                }
                if kept + suffix.count > capacity {
                    capacity = 2 * (kept + suffix.count)
                    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                    grown.update(from: term, count: kept)
                    term.deallocate()
                    term = grown
                }
                if let from = suffix.baseAddress { (term + kept).update(from: from.assumingMemoryBound(to: UInt8.self), count: suffix.count) }
                length = kept + suffix.count
                common = restart > 0 ? restart : min(common, shared)
                guard i >= lower, length >= skip else { continue }
                if deadLength > 0 {
                    if common >= deadLength { continue }
                    deadLength = 0
                }
                let word = UnsafeRawBufferPointer(start: term + skip, count: length - skip)
                guard abs(word.count - m) <= limit else { continue }
                let found = distance.within(word, shared: common - skip)
                common = length
                if let d = found {
                    try body(word, d)
                } else if let p = distance.deadPrefix {
                    deadLength = skip + p
                    dead.removeAll(keepingCapacity: true)
                    dead.append(contentsOf: UnsafeBufferPointer(start: term, count: deadLength))
                }
            }
            block += 1
        }
    }
}
