/// A Snowball `among` table searched backwards from the cursor: the longest entry that ends at
/// the cursor wins, as in Snowball's `find_among_b`.
///
/// The French stemmer's tables carry no routines, so "longest match" is the whole semantics.
/// Entries are bucketed by their last scalar and sorted longest first, in flat arrays, so a
/// lookup looks only at the few entries that can match and touches no reference counts.
struct SnowballAmong: Sendable {
    /// All entries' scalars, end to end.
    private let pool: [UInt32]
    /// Entries as `(offset in pool, length, result)`, grouped by last scalar, longest first.
    private let entries: [(offset: Int, length: Int, result: Int)]
    /// For a last scalar `c` below 256, its entries are `bucketStart[c]..<bucketStart[c + 1]`.
    /// (Every French suffix ends in an ASCII or Latin-1 letter.)
    private let bucketStart: [Int]

    /// Builds a table from `(suffix, result)` pairs, in Snowball's notation.
    init(_ pairs: [(String, Int)]) {
        let suffixes =
            pairs
            .map { (scalars: $0.0.unicodeScalars.map(\.value), result: $0.1) }
            .filter { ($0.scalars.last ?? 0x100) < 0x100 }
            .sorted { a, b in
                let la = a.scalars.last ?? 0, lb = b.scalars.last ?? 0
                return la != lb ? la < lb : a.scalars.count > b.scalars.count
            }
        var pool: [UInt32] = []
        var entries: [(offset: Int, length: Int, result: Int)] = []
        var bucketStart = [Int](repeating: 0, count: 257)
        for suffix in suffixes {
            entries.append((pool.count, suffix.scalars.count, suffix.result))
            pool.append(contentsOf: suffix.scalars)
            let last = Int(suffix.scalars.last ?? 0)
            bucketStart[last + 1] = entries.count
        }
        // Empty buckets start where the previous one ended.
        for c in 1...256 where bucketStart[c] < bucketStart[c - 1] { bucketStart[c] = bucketStart[c - 1] }
        self.pool = pool
        self.entries = entries
        self.bucketStart = bucketStart
    }

    /// Finds the longest entry ending at `cursor` that starts at or after `limitBackward`.
    /// Returns the entry's result and its length, or nil.
    @inline(__always)
    func match(
        _ word: UnsafeMutablePointer<UInt32>, cursor: Int, limitBackward: Int
    ) -> (result: Int, length: Int)? {
        guard cursor > limitBackward else { return nil }
        let last = Int(word[cursor - 1])
        guard last < 256 else { return nil }
        var e = bucketStart[last]
        let end = bucketStart[last + 1]
        while e < end {
            let entry = entries[e]
            e += 1
            let n = entry.length
            if cursor - n < limitBackward { continue }
            var k = n - 2
            var j = cursor - 2
            while k >= 0, word[j] == pool[entry.offset + k] {
                k -= 1
                j -= 1
            }
            if k < 0 { return (entry.result, n) }
        }
        return nil
    }
}

/// The `among` tables of Snowball's `french.sbl` (Snowball 3.x), with their result numbers.
/// `I`, `U`, `Y` and `H` are the markers the prelude writes (see `FrenchStemmer`).
final class FrenchAmongTables: Sendable {
    /// The shared tables.
    static let shared = FrenchAmongTables()

    private init() {}

    /// `a_2`: after `-ement(s)`.
    let afterEment = SnowballAmong([
        ("iqU", 3), ("abl", 3), ("Ièr", 4), ("ièr", 4), ("eus", 2), ("iv", 1),
    ])

    /// `a_3`: after `-ité(s)`.
    let afterIte = SnowballAmong([("ic", 2), ("abil", 1), ("iv", 3)])

    /// `a_4`: the standard suffixes.
    let standard = SnowballAmong([
        ("iqUe", 1), ("atrice", 2), ("ance", 1), ("ence", 5), ("logie", 3), ("able", 1),
        ("isme", 1), ("euse", 12), ("iste", 1), ("ive", 8), ("if", 8), ("usion", 4),
        ("ation", 2), ("ution", 4), ("ateur", 2), ("iqUes", 1), ("atrices", 2), ("ances", 1),
        ("ences", 5), ("logies", 3), ("ables", 1), ("ismes", 1), ("euses", 12), ("istes", 1),
        ("ives", 8), ("ifs", 8), ("usions", 4), ("ations", 2), ("utions", 4), ("ateurs", 2),
        ("ments", 16), ("ements", 6), ("issements", 13), ("ités", 7), ("ment", 16),
        ("ement", 6), ("issement", 13), ("amment", 14), ("emment", 15), ("aux", 10),
        ("eaux", 9), ("eux", 1), ("oux", 11), ("ité", 7),
    ])

    /// `a_5`: the `-i-` verb suffixes.
    let iVerb = SnowballAmong([
        ("ira", 1), ("ie", 1), ("isse", 1), ("issante", 1), ("i", 1), ("irai", 1), ("ir", 1),
        ("iras", 1), ("ies", 1), ("îmes", 1), ("isses", 1), ("issantes", 1), ("îtes", 1),
        ("is", 1), ("irais", 1), ("issais", 1), ("irions", 1), ("issions", 1), ("irons", 1),
        ("issons", 1), ("issants", 1), ("it", 1), ("irait", 1), ("issait", 1), ("issant", 1),
        ("iraIent", 1), ("issaIent", 1), ("irent", 1), ("issent", 1), ("iront", 1), ("ît", 1),
        ("iriez", 1), ("issiez", 1), ("irez", 1), ("issez", 1),
    ])

    /// `a_6`: stems that keep `-ais(e)`.
    let keepAis = SnowballAmong([("al", 1), ("épl", -1), ("auv", -1)])

    /// `a_7`: the other verb suffixes.
    let verb = SnowballAmong([
        ("a", 3), ("era", 2), ("aise", 4), ("asse", 3), ("ante", 3), ("ée", 2), ("ai", 3),
        ("erai", 2), ("er", 2), ("as", 3), ("eras", 2), ("âmes", 3), ("aises", 4),
        ("asses", 3), ("antes", 3), ("âtes", 3), ("ées", 2), ("ais", 4), ("eais", 2),
        ("erais", 2), ("ions", 1), ("erions", 2), ("assions", 3), ("erons", 2), ("ants", 3),
        ("és", 2), ("ait", 3), ("erait", 2), ("ant", 3), ("aIent", 3), ("eraIent", 2),
        ("èrent", 2), ("assent", 3), ("eront", 2), ("ât", 3), ("ez", 2), ("iez", 2),
        ("eriez", 2), ("assiez", 3), ("erez", 2), ("é", 2),
    ])

    /// `a_8`: the residual suffixes.
    let residual = SnowballAmong([
        ("e", 3), ("Ière", 2), ("ière", 2), ("ion", 1), ("Ier", 2), ("ier", 2),
    ])

    /// `a_9`: double consonants to undouble.
    let double = SnowballAmong([
        ("ell", -1), ("eill", -1), ("enn", -1), ("onn", -1), ("ett", -1),
    ])
}
