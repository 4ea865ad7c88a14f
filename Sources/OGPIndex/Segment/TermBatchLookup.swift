/// Several terms looked up together, in byte order: a word's family (``IndexReader``'s
/// `addFamilyExpansions`: the stem with each of seven suffixes, most of them in no document)
/// was a binary search over the dictionary's blocks per candidate and segment; terms that share
/// their stem mostly fall in one block, which is searched for once and decoded once.
extension Segment {
    /// ``lookup(_:)`` of each of `terms` (any order, repeats allowed), in their order. The
    /// segment's recent lookups answer first, and keep the answers.
    func lookup(_ terms: [String]) throws(IndexError) -> [TermInfo?] {
        var out = [TermInfo?](repeating: nil, count: terms.count)
        var missing: [(key: [UInt8], index: Int)] = []
        lookups.get(terms, into: &out) { i in missing.append((Array(terms[i].utf8), i)) }
        guard !missing.isEmpty else { return out }
        var results: [(term: String, info: TermInfo?)] = []
        results.reserveCapacity(missing.count)
        defer { lookups.put(results) }
        missing.sort { Self.compare($0.key, $1.key) < 0 }
        // The block the last key fell in, its reader and the entry it stands on (its term in
        // the reader), and the next block's first term (nil: the last block).
        var block = -1
        var reader: TermBlockReader?
        var current: TermInfo?
        var exhausted = false
        var nextFirst: [UInt8]?
        for m in missing {
            if block < 0 || nextFirst.map({ Self.compare($0, m.key) <= 0 }) ?? false {
                // Not in the current block: the last block whose first term is ≤ the key.
                let lo = try blocksStarting(atOrBefore: m.key)
                guard lo > 0 else {
                    results.append((terms[m.index], nil))
                    continue
                }
                block = lo - 1
                reader = try TermBlockReader(self, block: block)
                current = nil
                exhausted = false
                nextFirst = block + 1 < termBlockCount ? Array(try blockFirstTerm(block + 1)) : nil
            }
            // Forward in the block to the first term ≥ the key (keys come in increasing order).
            // The entry's term is read in the reader (a copy kept aside made the reader copy
            // its term at the next step).
            while !exhausted, current == nil || (reader?.compareTerm(m.key) ?? -1) < 0 {
                if let info = try reader?.next() {
                    current = info
                } else {
                    exhausted = true
                }
            }
            let found = !exhausted && reader?.compareTerm(m.key) == 0 ? current : nil
            out[m.index] = found
            results.append((terms[m.index], found))
        }
        return out
    }
}
