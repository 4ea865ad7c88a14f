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
        for (i, t) in terms.enumerated() {
            if let known = lookups.get(t) { out[i] = known } else { missing.append((Array(t.utf8), i)) }
        }
        guard !missing.isEmpty else { return out }
        missing.sort { Self.compare($0.key, $1.key) < 0 }
        // The block the last key fell in, its reader and the entry it stands on, and the next
        // block's first term (nil: the last block).
        var block = -1
        var reader: TermBlockReader?
        var current: (term: [UInt8], info: TermInfo)?
        var exhausted = false
        var nextFirst: [UInt8]?
        for m in missing {
            if block < 0 || nextFirst.map({ Self.compare($0, m.key) <= 0 }) ?? false {
                // Not in the current block: the last block whose first term is ≤ the key.
                let lo = try blocksStarting(atOrBefore: m.key)
                guard lo > 0 else {
                    lookups.put(terms[m.index], nil)
                    continue
                }
                block = lo - 1
                reader = try TermBlockReader(self, block: block)
                current = nil
                exhausted = false
                nextFirst = block + 1 < termBlockCount ? Array(try blockFirstTerm(block + 1)) : nil
            }
            // Forward in the block to the first term ≥ the key (keys come in increasing order).
            while !exhausted, current.map({ Self.compare($0.term, m.key) < 0 }) ?? true {
                if let info = try reader?.next(), let term = reader?.term {
                    current = (term, info)
                } else {
                    exhausted = true
                }
            }
            let found = !exhausted && current.map { Self.compare($0.term, m.key) == 0 } == true ? current?.info : nil
            out[m.index] = found
            lookups.put(terms[m.index], found)
        }
        return out
    }
}
