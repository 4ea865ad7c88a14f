/// Identical lists of the block-max search (a clause the query repeats) read once.
extension MaxScoreScoring {
    /// `lists` with each set of identical lists (same term or phrase, field and weight) as one,
    /// standing for as many copies, its clause bits together; first-seen order.
    static func merged(_ lists: [List], _ phrases: [PlannedText]) -> [List] {
        /// What makes two lists identical (a phrase by the first phrase of the same words).
        struct Key: Hashable {
            var offset: Int
            var field: Int
            var weight: UInt64
            var phrase: Int
        }
        // Each phrase as the first one of the same words, offsets and weights.
        var firstPhrase = Array(phrases.indices)
        for i in phrases.indices {
            for j in 0..<i
            where firstPhrase[j] == j && phrases[j].phrase.elementsEqual(phrases[i].phrase, by: { $0 == $1 }) {
                firstPhrase[i] = j
                break
            }
        }
        func key(_ l: List) -> Key {
            Key(
                offset: l.phrase >= 0 ? -1 : l.info.offset, field: l.field ?? -1, weight: l.weight.bitPattern,
                phrase: l.phrase >= 0 ? firstPhrase[l.phrase] : -1)
        }
        // Most queries repeat nothing: then the lists as they are, without hashing (a few dozen
        // lists are compared pairwise faster than hashed).
        let keys = lists.map(key)
        if keys.count <= 64 {
            var repeated = false
            for i in keys.indices where !repeated {
                for j in 0..<i where keys[j] == keys[i] {
                    repeated = true
                    break
                }
            }
            if !repeated { return lists }
        }
        var out: [List] = []
        out.reserveCapacity(lists.count)
        var index: [Key: Int] = [:]
        index.reserveCapacity(lists.count)
        for (l, key) in zip(lists, keys) {
            if let i = index[key] {
                out[i].copies += l.copies
                out[i].maskBit |= l.maskBit
                out[i].clause = max(out[i].clause, l.clause)
                if out[i].bit < 0 { out[i].bit = l.bit }
            } else {
                index[key] = out.count
                out.append(l)
            }
        }
        return out
    }
}
