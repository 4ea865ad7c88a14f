/// The occurrences of a phrase (positions at the query's relative offsets, same field) in one
/// segment, document after document: the one matcher of the clause-by-clause path (every
/// match, ``SegmentScorer``) and of the block-max path (only the documents that can still
/// reach the top k, asked for in increasing order, ``MaxScoreScoring``), so both give the same
/// per-field frequencies and so the same scores.
///
/// Positions are ascending (delta-coded), so each later term's list is walked once alongside
/// the first's (no set per document: a synonym's phrase, `PPRN` → « plan de prévention des
/// risques naturels », meets thousands of documents holding all its words). A word the phrase
/// repeats has one cursor and its positions are decoded once per document: a phrase of the same
/// word 99 times (500 characters, the server's limit) cost 99 cursors over one list, 230 ms on
/// the export.
struct PhraseMatcher {
    /// One cursor per distinct term.
    private var cursors: [PostingsCursor]
    private var lists: [[PostingsCursor.Entry]]
    /// slot[i]: the distinct term at the phrase's position i.
    private let slot: [Int]
    private let offsets: [Int]
    private let field: Int?
    private let file: String
    /// The sum of the terms' idf: the phrase's weight.
    let idfSum: Double
    /// The distinct terms (their cursors' order).
    let terms: [String]
    /// The positions of each distinct term in the current document and field.
    private var positions: [[Int]]
    /// The positions wanted at each later place of the phrase (shared storage when a word repeats).
    private var others: [[Int]]
    private var at: [Int]
    /// The current document's per-field phrase frequencies (after ``match(_:)`` or ``next()``).
    private(set) var hits: [PostingsCursor.Entry] = []
    /// Whether a cursor ran out: no document from here on holds the phrase.
    private(set) var exhausted = false
    /// Whether the cursors were started (``next()`` before the first document).
    private var started = false
    /// The terms' frequencies without positions (``holdsTerms(_:)``), when asked for.
    private let frequencies: PhraseTermFrequencies?
    /// After ``holdsTerms(_:)``: per field holding every term, the least of their frequencies.
    private(set) var least: [PostingsCursor.Entry] = []

    /// Nil when the phrase is empty or one of its terms is in no document of `segment`.
    /// `bounded`: the fields searched, to bound a document's score before its positions are
    /// read (``holdsTerms(_:)``).
    init?(segment: Segment, text t: PlannedText, bounded: Range<Int>? = nil) throws(IndexError) {
        var distinct: [String] = []
        var slot: [Int] = []
        for term in t.phrase {
            if let k = distinct.firstIndex(of: term.term) {
                slot.append(k)
            } else {
                slot.append(distinct.count)
                distinct.append(term.term)
            }
        }
        guard !t.phrase.isEmpty else { return nil }
        var cursors: [PostingsCursor] = []
        for term in distinct {
            guard let info = try segment.lookup(term) else { return nil }
            cursors.append(try PostingsCursor(segment: segment, info: info, layout: .positional))
        }
        self.cursors = cursors
        if let bounded {
            guard let f = try PhraseTermFrequencies(segment: segment, terms: distinct, fields: bounded) else {
                return nil
            }
            frequencies = f
        } else {
            frequencies = nil
        }
        self.slot = slot
        terms = distinct
        offsets = t.phrase.map(\.offset)
        field = t.field
        file = segment.name + ".pst"
        idfSum = t.phrase.reduce(0) { $0 + $1.idf }
        lists = [[PostingsCursor.Entry]](repeating: [], count: cursors.count)
        positions = [[Int]](repeating: [], count: cursors.count)
        others = [[Int]](repeating: [], count: max(0, t.phrase.count - 1))
        at = [Int](repeating: 0, count: max(0, t.phrase.count - 1))
    }

    /// The next document holding every term of the phrase (not necessarily the phrase: see
    /// ``hits``), after the current one; nil at the end. Its `hits` are computed.
    mutating func next() throws(IndexError) -> Int? {
        guard !exhausted else { return nil }
        let lead = slot[0]
        if !started {
            started = true
            for i in cursors.indices where try !cursors[i].next(&lists[i]) {
                exhausted = true
                return nil
            }
        } else if try !cursors[lead].next(&lists[lead]) {
            exhausted = true
            return nil
        }
        while true {
            var target = 0
            for c in cursors where c.doc > target { target = c.doc }
            var aligned = true
            for i in cursors.indices where cursors[i].doc < target {
                if try !cursors[i].advance(to: target, &lists[i]) {
                    exhausted = true
                    return nil
                }
                if cursors[i].doc != target { aligned = false }
            }
            if aligned {
                try collectHits(target)
                return target
            }
        }
    }

    /// Whether `doc` holds the phrase (its per-field frequencies in ``hits``). Documents must
    /// be asked for in increasing order (the cursors only move forward).
    mutating func match(_ doc: Int) throws(IndexError) -> Bool {
        hits.removeAll(keepingCapacity: true)
        guard !exhausted else { return false }
        started = true
        for i in cursors.indices where cursors[i].doc < doc {
            if try !cursors[i].advance(to: doc, &lists[i]) {
                exhausted = true
                return false
            }
        }
        for c in cursors where c.doc != doc { return false }
        try collectHits(doc)
        return !hits.isEmpty
    }

    /// Whether `doc` holds every term of the phrase in one field (from their frequencies, no
    /// position read); then ``least`` says how often the phrase can occur there at most.
    /// True when the matcher was made without `bounded` (nothing is known). Documents in
    /// increasing order.
    mutating func holdsTerms(_ doc: Int) throws(IndexError) -> Bool {
        guard let frequencies else { return true }
        return try frequencies.least(doc, into: &least)
    }

    /// The per-field phrase frequencies of `doc`, every cursor on it.
    private mutating func collectHits(_ doc: Int) throws(IndexError) {
        hits.removeAll(keepingCapacity: true)
        let n = offsets.count
        let lead = slot[0]
        for e0 in lists[lead] where field == nil || e0.field == field {
            // Release the shared storage, so that decoding reuses each buffer in place.
            for i in others.indices { others[i] = [] }
            var complete = true
            for u in cursors.indices where u != lead {
                guard let e = lists[u].first(where: { $0.field == e0.field }) else {
                    complete = false
                    break
                }
                try PostingsCursor.positions(e.positions, file: file, into: &positions[u])
            }
            guard complete else { continue }
            try PostingsCursor.positions(e0.positions, file: file, into: &positions[lead])
            for i in at.indices {
                at[i] = 0
                others[i] = positions[slot[i + 1]]
            }
            var tf = 0
            for p in positions[lead] {
                var ok = true
                for i in 1..<max(1, n) {
                    let want = p &+ offsets[i]
                    var j = at[i - 1]
                    let count = others[i - 1].count
                    while j < count && others[i - 1][j] < want { j += 1 }
                    at[i - 1] = j
                    if j == count || others[i - 1][j] != want {
                        ok = false
                        break
                    }
                }
                if ok { tf += 1 }
            }
            if tf > 0 { hits.append(PostingsCursor.Entry(field: e0.field, tf: tf, positions: nil)) }
        }
    }
}
