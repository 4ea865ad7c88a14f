/// The proximity bonus of documents taken in increasing order: consecutive query words found
/// close together (in order, within the ranking's window) in the same field add
/// `proximity × (idf₁ + idf₂) / distance`.
///
/// One forward cursor per word, kept from one document to the next, so the documents of a
/// block-max pass (increasing) and the final candidates (sorted first) read each list once.
/// The one formula of the bonus: the document-at-a-time pass, which adds it to the scores it
/// keeps as the k-th best, and the final candidates get the same numbers.
struct ProximityScorer {
    /// The words in query order, with their idf.
    let terms: [(term: String, idf: Double)]
    private let proximity: Double
    private let window: Int
    private let file: String
    /// Cursors mutated in place (a copy would copy their block buffers at each step).
    private var cursors: [PostingsCursor] = []
    /// Per word, its cursor in `cursors` (-1: not in the segment).
    private var slot: [Int]
    private var lists: [[PostingsCursor.Entry]]
    /// Per pair of consecutive words, its largest bonus (the words adjacent).
    private let pairMaxima: [Double]
    private var a: [Int] = []
    private var b: [Int] = []
    /// The last document asked for (documents must come in increasing order).
    private(set) var last = -1
    /// Bonuses computed (for tests: pruning computes few).
    private(set) var computed = 0

    init(segment: Segment, terms: [(term: String, idf: Double)], ranking: RankingParameters) throws(IndexError) {
        self.terms = terms
        proximity = ranking.proximity
        window = ranking.proximityWindow
        file = segment.name + ".pst"
        slot = [Int](repeating: -1, count: terms.count)
        lists = [[PostingsCursor.Entry]](repeating: [], count: terms.count)
        pairMaxima = terms.indices.dropLast().map {
            ranking.proximityWindow >= 1 ? ranking.proximity * (terms[$0].idf + terms[$0 + 1].idf) : 0
        }
        for (i, t) in terms.enumerated() {
            guard let info = try segment.lookup(t.term) else { continue }
            slot[i] = cursors.count
            cursors.append(try PostingsCursor(segment: segment, info: info, layout: .positional))
        }
    }

    /// The bonus of `doc`, which must not come before the last document asked for.
    mutating func bonus(_ doc: Int) throws(IndexError) -> Double {
        try bonus(doc, adding: 0, above: -.infinity) ?? 0
    }

    /// The bonus of `doc` (not before the last document asked for), or nil once it is sure that
    /// `base` plus the bonus stays below `floor` (the k-th best it would have to beat): the
    /// pairs are taken in order, each word's cursor moved only when a pair needs it, and the
    /// pairs left are bounded by their largest bonus (words adjacent).
    mutating func bonus(_ doc: Int, adding base: Double, above floor: Double) throws(IndexError) -> Double? {
        assert(doc >= last, "proximity documents out of order")
        last = doc
        computed += 1
        var left = pairMaxima.reduce(0, +)
        var bonus = 0.0
        for i in 0..<(max(1, terms.count) - 1) {
            left -= pairMaxima[i]
            if try present(i, doc), try present(i + 1, doc) {
                var best = Int.max
                for e0 in lists[i] {
                    for e1 in lists[i + 1] where e1.field == e0.field {
                        try PostingsCursor.positions(e0.positions, file: file, into: &a)
                        try PostingsCursor.positions(e1.positions, file: file, into: &b)
                        // The closest q after some p: both ascending, so one pass.
                        var j = 0
                        for q in b {
                            while j + 1 < a.count && a[j + 1] < q { j += 1 }
                            if j < a.count, a[j] < q, q - a[j] < best { best = q - a[j] }
                        }
                    }
                }
                if best <= window {
                    bonus += proximity * (terms[i].idf + terms[i + 1].idf) / Double(best)
                }
            }
            // (A margin for the rounding of the sums: only a sure loss stops.)
            if base + (bonus + max(0, left)) * (1 + 1e-9) < floor { return nil }
        }
        return bonus
    }

    /// Whether word `i` is in `doc`, its cursor moved there (once per document).
    private mutating func present(_ i: Int, _ doc: Int) throws(IndexError) -> Bool {
        let s = slot[i]
        guard s >= 0 else { return false }
        if cursors[s].doc < doc, try !cursors[s].advance(to: doc, &lists[i]) { lists[i].removeAll() }
        return cursors[s].doc == doc
    }
}
