/// The proximity bonus of documents taken in increasing order: consecutive query words found
/// close together (in order, within the ranking's window) in the same field add
/// `proximity × (idf₁ + idf₂) / distance`; found in the other order, that times the ranking's
/// `proximityReversed` (0: in order only).
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
    private let reversed: Double
    private let file: String
    /// Cursors mutated in place (a copy would copy their block buffers at each step).
    private var cursors: [PostingsCursor] = []
    /// Per word, its cursor in `cursors` (-1: not in the segment).
    private var slot: [Int]
    private var lists: [[PostingsCursor.Entry]]
    private var present: [Bool]
    private var a: [Int] = []
    private var b: [Int] = []
    /// The last document asked for (documents must come in increasing order).
    private(set) var last = -1
    /// Bonuses computed (for tests: pruning computes few).
    private(set) var computed = 0

    /// Per word, the clause bit that is set in a document's mask whenever the word is in it (0:
    /// none says so, e.g. a clause limited to a field).
    private let presence: [UInt64]
    /// Per word, whether its cursor is read for the document asked for.
    private var wanted: [Bool]

    /// `presence`: per word, a clause bit set in the mask of every document holding it (0 when
    /// none is; see ``bonus(_:mask:)``).
    init(
        segment: Segment, terms: [(term: String, idf: Double)], ranking: RankingParameters, presence: [UInt64] = []
    ) throws(IndexError) {
        self.terms = terms
        self.presence = presence.count == terms.count ? presence : [UInt64](repeating: 0, count: terms.count)
        wanted = [Bool](repeating: false, count: terms.count)
        proximity = ranking.proximity
        window = ranking.proximityWindow
        reversed = min(1, max(0, ranking.proximityReversed))
        file = segment.name + ".pst"
        slot = [Int](repeating: -1, count: terms.count)
        lists = [[PostingsCursor.Entry]](repeating: [], count: terms.count)
        present = [Bool](repeating: false, count: terms.count)
        for (i, t) in terms.enumerated() {
            guard let info = try segment.lookup(t.term) else { continue }
            slot[i] = cursors.count
            cursors.append(try PostingsCursor(segment: segment, info: info, layout: .positional))
        }
    }

    /// The bonus of `doc`, which must not come before the last document asked for. `mask`: the
    /// document's clause mask; a word whose presence bit it lacks is not in the document, and
    /// a word none of whose neighbours can be in it adds nothing: their cursors are not moved
    /// (the same bonus; a cursor moved later skips whole blocks through the skip table).
    mutating func bonus(_ doc: Int, mask: UInt64 = ~0) throws(IndexError) -> Double {
        assert(doc >= last, "proximity documents out of order")
        last = doc
        computed += 1
        let n = terms.count
        for i in 0..<n { wanted[i] = presence[i] == 0 || mask & presence[i] != 0 }
        for i in 0..<n {
            let s = slot[i]
            present[i] = false
            guard s >= 0, wanted[i], (i > 0 && wanted[i - 1]) || (i + 1 < n && wanted[i + 1]) else { continue }
            if cursors[s].doc < doc, try !cursors[s].advance(to: doc, &lists[i]) { lists[i].removeAll() }
            present[i] = cursors[s].doc == doc
        }
        var bonus = 0.0
        for i in 0..<(max(1, terms.count) - 1) where present[i] && present[i + 1] {
            var best = Int.max
            var bestReversed = Int.max
            for e0 in lists[i] {
                for e1 in lists[i + 1] where e1.field == e0.field {
                    if reversed > 0 {
                        try Self.closest(e0.positions, e1.positions, file: file, &best, &bestReversed)
                        continue
                    }
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
            // The closer of the two orders, the other one weighed down: never more than the
            // in-order bonus at distance 1, which the pruning bounds assume.
            let inOrder = best <= window ? 1 / Double(best) : 0
            let otherOrder = bestReversed <= window ? reversed / Double(bestReversed) : 0
            if best <= window, inOrder >= otherOrder {
                bonus += proximity * (terms[i].idf + terms[i + 1].idf) / Double(best)
            } else if otherOrder > 0 {
                bonus += proximity * (terms[i].idf + terms[i + 1].idf) * reversed / Double(bestReversed)
            }
        }
        return bonus
    }

    /// ``closest(_:_:_:_:)`` of two positions blobs (varint gaps, ``PostingsCursor/positions(_:file:)``),
    /// read as they are merged rather than decoded into arrays first (an append per position,
    /// with its uniqueness check, was a tenth of the slowest 2–3-word queries); it stops once
    /// both gaps are 1, which no later position can lower.
    static func closest(
        _ a: UnsafeRawBufferPointer?, _ b: UnsafeRawBufferPointer?, file: String, _ forward: inout Int,
        _ backward: inout Int
    ) throws(IndexError) {
        let none = UnsafeRawBufferPointer(start: nil, count: 0)
        var ca = ByteCursor(a ?? none, file: file)
        var cb = ByteCursor(b ?? none, file: file)
        var hasA = !ca.atEnd
        var hasB = !cb.atEnd
        var pa = hasA ? try ca.int() : 0
        var pb = hasB ? try cb.int() : 0
        var lastA = -1
        var lastB = -1
        while hasA || hasB {
            if forward == 1 && backward == 1 { return }
            if !hasB || (hasA && pa < pb) {
                if lastB >= 0, pa - lastB < backward { backward = pa - lastB }
                lastA = pa
                hasA = !ca.atEnd
                if hasA { pa += try ca.int() }
            } else if !hasA || pb < pa {
                if lastA >= 0, pb - lastA < forward { forward = pb - lastA }
                lastB = pb
                hasB = !cb.atEnd
                if hasB { pb += try cb.int() }
            } else {  // the same position in both (a word asked twice): gaps to the earlier ones
                let x = pa
                if lastA >= 0, x - lastA < forward { forward = x - lastA }
                if lastB >= 0, x - lastB < backward { backward = x - lastB }
                lastA = x
                lastB = x
                hasA = !ca.atEnd
                if hasA { pa += try ca.int() }
                hasB = !cb.atEnd
                if hasB { pb += try cb.int() }
            }
        }
    }

    /// One merge of two ascending position lists: the smallest gap from a `p` of `a` to a later
    /// `q` of `b` (`forward`) and from a `q` to a later `p` (`backward`), each lowered only.
    @inline(__always)
    static func closest(_ a: [Int], _ b: [Int], _ forward: inout Int, _ backward: inout Int) {
        var i = 0
        var j = 0
        var lastA = -1
        var lastB = -1
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                let p = a[i]
                if lastB >= 0, p - lastB < backward { backward = p - lastB }
                lastA = p
                i += 1
            } else if i == a.count || b[j] < a[i] {
                let q = b[j]
                if lastA >= 0, q - lastA < forward { forward = q - lastA }
                lastB = q
                j += 1
            } else {  // the same position in both (a word asked twice): gaps to the earlier ones
                let x = a[i]
                if lastA >= 0, x - lastA < forward { forward = x - lastA }
                if lastB >= 0, x - lastB < backward { backward = x - lastB }
                lastA = x
                lastB = x
                i += 1
                j += 1
            }
        }
    }
}

/// The proximity bonuses the block-max pass computed, for the final candidates to reuse. The pass
/// asks in increasing order of documents, so they are appended in order and found by binary
/// search (a dictionary hashed every document twice: a few per cent of the queries whose
/// candidates are many).
struct KnownBonuses {
    private var docs: [Int] = []
    private var values: [Double] = []

    /// Keeps `bonus` as `doc`'s (kept in order whatever the order of the calls).
    mutating func set(_ doc: Int, _ bonus: Double) {
        if let last = docs.last, doc <= last {
            let i = index(doc)
            if i < docs.count, docs[i] == doc {
                values[i] = bonus
            } else {
                docs.insert(doc, at: i)
                values.insert(bonus, at: i)
            }
            return
        }
        docs.append(doc)
        values.append(bonus)
    }

    /// `doc`'s bonus, if computed.
    subscript(doc: Int) -> Double? {
        let i = index(doc)
        return i < docs.count && docs[i] == doc ? values[i] : nil
    }

    /// The first index whose document is ≥ `doc`.
    private func index(_ doc: Int) -> Int {
        var lo = 0
        var hi = docs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if docs[mid] < doc { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
