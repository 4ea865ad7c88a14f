/// Term-at-a-time scoring of one segment: BM25F over the fields with boosts, exact-form bonus,
/// phrase matching on positions.
struct SegmentScorer {
    let segment: Segment
    let boosts: [Double]
    let scratch: Scratch
    let k1: Double
    let exactForm: Double
    let perField: Bool
    /// Per field, the weight of its own saturated score (``RankingParameters/fieldOwn``).
    let own: [Double]
    let hasOwn: Bool
    /// ``RankingParameters/delta``, added to the saturated frequency of every match.
    let delta: Double
    /// Per field, the largest frequency counted (``RankingParameters/frequencyCap``).
    let caps: [Double]
    let hasCaps: Bool
    private var entries: [PostingsCursor.Entry] = []

    init(
        segment: Segment, boosts: [Double], own: [Double] = [], caps: [Double] = [], scratch: Scratch,
        ranking: RankingParameters
    ) {
        self.segment = segment
        self.boosts = boosts
        self.own = own.count == boosts.count ? own : [Double](repeating: 0, count: boosts.count)
        hasOwn = self.own.contains { $0 > 0 }
        self.scratch = scratch
        k1 = ranking.k1
        exactForm = ranking.exactForm
        perField = ranking.perFieldSaturation
        delta = ranking.delta
        self.caps = caps.count == boosts.count ? caps : [Double](repeating: .infinity, count: boosts.count)
        hasCaps = self.caps.contains { $0.isFinite }
    }

    /// BM25F saturation of the boosted, length-normalised frequencies in `entries`.
    @inline(__always)
    func bm25f(_ entries: [PostingsCursor.Entry], doc: Int, field: Int?) -> Double {
        var tfw = 0.0
        var sat = 0.0
        var ownSum = 0.0
        for e in entries where e.field < boosts.count && (field == nil || field == e.field) {
            // The norms precomputed at open (b per field), as the posting scan uses.
            let x = min(Double(e.tf), caps[e.field]) * Double(segment.lengthNorms(doc, e.field))
            tfw += boosts[e.field] * x
            sat += boosts[e.field] * x * (k1 + 1) / (x + k1)
            ownSum += own[e.field] * x * (k1 + 1) / (x + k1)
        }
        return tfw > 0 ? (perField ? sat : tfw * (k1 + 1) / (tfw + k1)) + ownSum + delta : 0
    }

    @inline(__always)
    private func add(_ doc: Int, _ s: Double, bit: Int) {
        if scratch.masks[doc] == 0 && scratch.scores[doc] == 0 { scratch.touch(doc) }
        scratch.scores[doc] += Scratch.fixed(s)
        if bit >= 0 { scratch.masks[doc] |= 1 << UInt64(bit) }
    }

    private func check(_ doc: Int) throws(IndexError) {
        guard doc < segment.docCount else {
            throw .corrupt("doc \(doc) out of range", file: segment.name + ".pst", offset: 0)
        }
    }

    /// Adds a phrase's scores `copies` times, with the clause bits `mask` (a phrase several
    /// clauses repeat, matched once).
    mutating func scorePhrase(_ t: PlannedText, mask: UInt64, copies: Int64) throws(IndexError) {
        try phrase(t, bit: -1) { doc, s in
            if scratch.masks[doc] == 0 && scratch.scores[doc] == 0 { scratch.touch(doc) }
            scratch.scores[doc] += Scratch.fixed(s) &* copies
            scratch.masks[doc] |= mask
        }
    }

    /// Adds a text alternative's scores; `bit` is its clause's coordination bit.
    mutating func score(_ t: PlannedText, bit: Int) throws(IndexError) {
        if !t.phrase.isEmpty {
            try phrase(t, bit: bit) { doc, s in add(doc, s, bit: bit) }
            return
        }
        for e in t.expansions {
            guard let info = try segment.lookup(e.term) else { continue }
            try scan(info, weight: e.idf * e.weight, field: t.field, bit: e.matchesClause ? bit : -1)
        }
        if exactForm > 0, let key = t.exactKey, let info = try segment.lookup(key), let main = t.expansions.first {
            try scan(info, weight: exactForm * main.idf, field: t.exactField ?? t.field, bit: -1)
        }
    }

    /// The score `weight` × BM25F of the document `doc` at `j` in a decoded block, nil when no
    /// searched field holds the term (a score can be negative: an idf below 0 when most
    /// documents of a segment are deleted). The one formula of both scans (same numbers either
    /// way).
    @inline(__always)
    func blockScore(
        _ tfs: UnsafeMutablePointer<UInt32>, _ j: Int, doc: Int, fields: Range<Int>, weight: Double
    ) -> Double? {
        let norms = segment.lengthNorms
        var tfw = 0.0
        var sat = 0.0
        var ownSum = 0.0
        for f in fields {
            let tf = tfs[f &* PostingsBlock.size &+ j]
            guard tf > 0 else { continue }
            let x = (hasCaps ? min(Double(tf), caps[f]) : Double(tf)) * Double(norms(doc, f))
            tfw += boosts[f] * x
            if perField { sat += boosts[f] * x * (k1 + 1) / (x + k1) }
            if hasOwn { ownSum += own[f] * x * (k1 + 1) / (x + k1) }
        }
        guard tfw > 0 else { return nil }
        return weight * ((perField ? sat : tfw * (k1 + 1) / (tfw + k1)) + ownSum + delta)
    }

    /// The fields a list is scored on (nil when the field is not in the segment).
    func searched(_ field: Int?) -> Range<Int>? {
        let nf = segment.fieldCount
        guard boosts.count == nf else { return nil }
        guard let field else { return 0..<nf }
        return field < nf ? field..<(field + 1) : nil
    }

    /// The hot loop: decodes a posting list a block at a time and adds each document's weighted
    /// BM25F score. With `onlyTouched`, documents not scored yet are skipped (MaxScore's
    /// non-essential lists), and with `count` also, those matching, recorded as matches that are
    /// not candidates.
    func scan(
        _ info: TermInfo, weight: Double, field: Int?, bit: Int, onlyTouched: Bool = false, count: Bool = false
    ) throws(IndexError) {
        let postings = try BlockPostings(segment: segment, info: info, docsOnly: false)
        guard let fields = searched(field) else { return }
        let docs = scratch.blockDocs
        let tfs = scratch.blockTfs(fields: segment.fieldCount)
        let scores = scratch.scores
        let masks = scratch.masks
        let mbit: UInt64 = bit >= 0 ? 1 << UInt64(bit) : 0
        for b in 0..<postings.blocks {
            // Past the last candidate, a non-essential list has nothing left to add.
            if onlyTouched && !count && postings.docBefore(b) >= scratch.maxTouched { break }
            let n = try postings.decode(b, docs: docs, tfs: tfs)
            for j in 0..<n {
                let doc = Int(docs[j])
                if onlyTouched && masks[doc] == 0 && scores[doc] == 0 {
                    // Not a candidate: only counted, when it matches (a searched field holds the term).
                    guard count, bit >= 0, !scratch.isCounted(doc) else { continue }
                    var matches = false
                    for f in fields where tfs[f &* PostingsBlock.size &+ j] > 0 { matches = true }
                    if matches { scratch.count(doc) }
                    continue
                }
                guard let s = blockScore(tfs, j, doc: doc, fields: fields, weight: weight) else { continue }
                if masks[doc] == 0 && scores[doc] == 0 { scratch.touch(doc) }
                scores[doc] += Scratch.fixed(s)
                masks[doc] |= mbit
            }
        }
    }

    /// Adds a non-essential list's scores to `candidates` only (sorted by document): the skip
    /// table finds the blocks that hold one, and only those blocks are decoded, and of their
    /// frequencies only the candidates'.
    func scan(
        _ info: TermInfo, weight: Double, field: Int?, bit: Int, candidates: [Int32]
    ) throws(IndexError) {
        guard !candidates.isEmpty else { return }
        let postings = try BlockPostings(segment: segment, info: info, docsOnly: false)
        guard let fields = searched(field) else { return }
        let docs = scratch.blockDocs
        let tfs = scratch.blockTfs(fields: segment.fieldCount)
        let scores = scratch.scores
        let masks = scratch.masks
        let mbit: UInt64 = bit >= 0 ? 1 << UInt64(bit) : 0
        var b = 0
        var decoded = -1
        var n = 0
        var tfsAt = 0
        var j = 0
        for c in candidates {
            let doc = Int(c)
            b = postings.block(from: b, reaching: doc)
            guard b < postings.blocks else { break }
            if b != decoded {
                (n, tfsAt) = try postings.decodeDocs(b, into: docs)
                decoded = b
                j = 0
            }
            while j < n && Int(docs[j]) < doc { j += 1 }
            guard j < n, Int(docs[j]) == doc else { continue }
            // Candidates are few per block: their frequencies only.
            try postings.decodeTfs(count: n, at: tfsAt, index: j, into: tfs)
            guard let s = blockScore(tfs, j, doc: doc, fields: fields, weight: weight) else { continue }
            scores[doc] += Scratch.fixed(s)
            masks[doc] |= mbit
        }
    }

    /// Documents matching a text alternative (for exclusions).
    mutating func matching(_ t: PlannedText) throws(IndexError) -> Set<Int> {
        var out = Set<Int>()
        if !t.phrase.isEmpty {
            try phrase(t, bit: -1) { doc, _ in out.insert(doc) }
            return out
        }
        for e in t.expansions where e.weight >= 1 {
            guard let info = try segment.lookup(e.term) else { continue }
            var p = try PostingsCursor(segment: segment, info: info, layout: .positional)
            while try p.next(&entries) {
                if t.field == nil || entries.contains(where: { $0.field == t.field }) { out.insert(p.doc) }
            }
        }
        return out
    }

    /// Documents with a keyword term.
    func keywordDocs(_ kind: String, _ value: String) throws(IndexError) -> Set<Int> {
        guard let info = try segment.lookup(TermKey.keyword(kind, value)) else { return [] }
        var p = try PostingsCursor(segment: segment, info: info, layout: .docsOnly)
        var out = Set<Int>()
        var none: [PostingsCursor.Entry] = []
        while try p.next(&none) {
            try check(p.doc)
            out.insert(p.doc)
        }
        return out
    }

    /// Finds phrase occurrences (``PhraseMatcher``) and reports each matching document with
    /// its score.
    private func phrase(_ t: PlannedText, bit: Int, _ report: (Int, Double) -> Void) throws(IndexError) {
        guard var matcher = try PhraseMatcher(segment: segment, text: t) else { return }
        while let doc = try matcher.next() {
            try check(doc)
            if !matcher.hits.isEmpty { report(doc, phraseScore(matcher, doc: doc)) }
        }
    }

    /// The score of a phrase at `doc`, from the matcher's hits there (the one formula of the
    /// clause-by-clause and block-max paths).
    @inline(__always)
    func phraseScore(_ matcher: PhraseMatcher, doc: Int) -> Double {
        matcher.idfSum * bm25f(matcher.hits, doc: doc, field: nil)
    }

    /// Whether BM25F grows with every frequency (boosts and fields' own weights not negative):
    /// then a phrase's score at a document is at most ``phraseBound(_:doc:)``.
    var phraseBoundHolds: Bool { boosts.allSatisfy { $0 >= 0 } && own.allSatisfy { $0 >= 0 } }

    /// The most a phrase can score at `doc`, from the least frequency of its terms per field
    /// (``PhraseMatcher/holdsTerms(_:)`` just said true): the phrase occurs at most that often.
    @inline(__always)
    func phraseBound(_ matcher: PhraseMatcher, doc: Int) -> Double {
        matcher.idfSum * bm25f(matcher.least, doc: doc, field: nil) * (1 + 1e-9)
    }
}
