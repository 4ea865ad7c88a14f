/// Document-at-a-time block-max MaxScore (Lucene's `MaxScoreBulkScorer`, Tantivy's block-WAND
/// family), for the same queries as ``MaxScoreScoring`` when no exact total is wanted.
///
/// The documents are taken in windows that end at a block boundary of the lists that mattered
/// in the window before. In each window every list's bound is its largest block maximum there
/// (skip table only, nothing decoded); the lists whose bounds together cannot lift a document
/// to the k-th best final score known so far (plus the proximity margin) are non-essential
/// there. When every list is non-essential the window is skipped without decoding a block.
/// Otherwise the essential lists' blocks are decoded and their documents are the candidates;
/// a candidate's non-essential lists are read (that document's frequencies only) while its
/// partial score plus what they can still add may reach the k-th best.
///
/// A candidate scored in full gets exactly the score the term-at-a-time scan gives it: its
/// contributions are added as `Float` in the lists' scoring order, as the scan adds them. So
/// the top k (ids, order, scores) is the exhaustive one; only the candidates it could not
/// reach are left unscored.
struct BlockMaxCursor {
    let list: MaxScoreScoring.List
    let postings: BlockPostings
    let fields: Range<Int>
    /// Current block (`postings.blocks` when exhausted).
    var block = 0
    /// The block whose documents are in `docs` (-1: none).
    var decoded = -1
    /// Whether all of the decoded block's frequencies are in `tfs`.
    var tfsDecoded = false
    var count = 0
    var tfsAt = 0
    /// Index of the current document in the decoded block.
    var index = 0
    let docs: UnsafeMutablePointer<UInt32>
    let tfs: UnsafeMutablePointer<UInt32>

    var exhausted: Bool { block >= postings.blocks }

    /// Moves to the block that may hold `target` (skip table only).
    @inline(__always)
    mutating func shallowAdvance(_ target: Int) {
        block = postings.block(from: block, reaching: target)
    }

    /// The largest bound of the blocks that overlap `lo...hi` (0 when none does).
    @inline(__always)
    func windowBound(_ hi: Int) -> Double {
        var b = block
        var best = 0.0
        while b < postings.blocks && postings.docBefore(b) < hi {
            best = max(best, list.blockBound(b))
            if postings.lastDoc(b) >= hi { break }
            b += 1
        }
        return best
    }

    /// Advances to the first document ≥ `target` (decoding its block's documents); returns it,
    /// or `Int.max` at the end.
    @inline(__always)
    mutating func advance(_ target: Int) throws(IndexError) -> Int {
        shallowAdvance(target)
        while block < postings.blocks {
            if decoded != block {
                (count, tfsAt) = try postings.decodeDocs(block, into: docs)
                decoded = block
                tfsDecoded = false
                index = 0
            }
            while index < count && Int(docs[index]) < target { index += 1 }
            if index < count { return Int(docs[index]) }
            block += 1
        }
        return Int.max
    }

    /// The current document's frequencies: the whole block's (`all`, essential lists: most
    /// documents are scored) or this document's only.
    @inline(__always)
    mutating func loadTfs(all: Bool) throws(IndexError) {
        if tfsDecoded { return }
        if all {
            try postings.decodeTfs(count: count, at: tfsAt, into: tfs)
            tfsDecoded = true
        } else {
            try postings.decodeTfs(count: count, at: tfsAt, index: index, into: tfs)
        }
    }
}

extension MaxScoreScoring {
    /// Scores the candidates that can reach the top `k` document at a time (see
    /// ``BlockMaxCursor``) and records each one scored in `scorer`'s scratch (score, clause mask),
    /// as the term-at-a-time scan would. `current(d)` is a recorded document's final score when
    /// the filters let it through (nil otherwise). Returns the recorded documents, ascending.
    func runDocumentAtATime(
        _ scorer: SegmentScorer, k: Int, margin: Double, current: (Int) -> Double?
    ) throws(IndexError) -> [Int32] {
        let scratch = scorer.scratch
        let segment = scorer.segment
        let n = lists.count
        var survivors: [Int32] = []
        guard n > 0, k > 0 else { return survivors }
        let fieldCount = max(1, segment.fieldCount)
        let perList = PostingsBlock.size * (1 + fieldCount)
        let buffer = UnsafeMutablePointer<UInt32>.allocate(capacity: perList * n)
        defer { buffer.deallocate() }
        var cursors: [BlockMaxCursor] = []
        cursors.reserveCapacity(n)
        for (i, l) in lists.enumerated() {
            guard let fields = scorer.searched(l.field) else { return survivors }
            let postings = try BlockPostings(segment: segment, info: l.info, docsOnly: false)
            let docs = buffer + i * perList
            cursors.append(
                BlockMaxCursor(
                    list: l, postings: postings, fields: fields, docs: docs, tfs: docs + PostingsBlock.size))
        }
        // The k best final scores so far (min-heap): `theta`, the k-th, is what a candidate must reach.
        var heap = MinHeap(capacity: k)
        var theta = -Double.infinity
        // Per window: each list's bound, which lists are essential, the non-essential ones by
        // decreasing bound with what they can add after each.
        var bound = [Double](repeating: 0, count: n)
        var essential = [Bool](repeating: true, count: n)
        var lead = [Bool](repeating: true, count: n)  // lists whose blocks end the window
        var order = [Int](repeating: 0, count: n)
        var rest: [Int] = []
        var restSums = [Double](repeating: 0, count: n + 1)
        var restClauses = [UInt64](repeating: 0, count: n + 1)
        var contributions = [Double](repeating: 0, count: n)
        var present = [Bool](repeating: false, count: n)
        var at = [Int](repeating: Int.max, count: n)
        let docCount = segment.docCount
        var start = 0
        while start < docCount {
            // The window: from the first document any list can still hold, to the first block
            // end of the lists essential in the window before.
            var first = Int.max
            for i in 0..<n {
                cursors[i].shallowAdvance(start)
                if !cursors[i].exhausted { first = min(first, cursors[i].postings.docBefore(cursors[i].block) + 1) }
            }
            guard first != Int.max else { break }
            start = max(start, first)
            var end = docCount - 1
            var anyLead = false
            for i in 0..<n where lead[i] && !cursors[i].exhausted {
                end = min(end, cursors[i].postings.lastDoc(cursors[i].block))
                anyLead = true
            }
            if !anyLead {
                for i in 0..<n where !cursors[i].exhausted {
                    end = min(end, cursors[i].postings.lastDoc(cursors[i].block))
                }
            }
            for i in 0..<n { bound[i] = cursors[i].exhausted ? 0 : cursors[i].windowBound(end) }
            // Non-essential: the lists of smallest bounds while all of them together stay below.
            for i in 0..<n { order[i] = i }
            order.sort { (bound[$0], $1) < (bound[$1], $0) }
            var sum = 0.0
            var clauses: UInt64 = 0
            var split = 0
            while split < n {
                let i = order[split]
                let s = sum + bound[i]
                let c = clauses | (bound[i] > 0 ? 1 << UInt64(lists[i].clause) : 0)
                guard s * coordination.factor(c) * maxPrior * (1 + 1e-6) + margin < theta else { break }
                sum = s
                clauses = c
                split += 1
            }
            for i in 0..<n { essential[i] = false }
            var anyEssential = false
            for s in split..<n where bound[order[s]] > 0 {
                essential[order[s]] = true
                anyEssential = true
            }
            for i in 0..<n { lead[i] = essential[i] }
            guard anyEssential else {
                start = end + 1
                continue
            }
            // The non-essential lists that can add something, by decreasing bound.
            rest.removeAll(keepingCapacity: true)
            for s in stride(from: split - 1, through: 0, by: -1) where bound[order[s]] > 0 { rest.append(order[s]) }
            restSums[rest.count] = 0
            restClauses[rest.count] = 0
            for r in stride(from: rest.count - 1, through: 0, by: -1) {
                restSums[r] = restSums[r + 1] + bound[rest[r]]
                restClauses[r] = restClauses[r + 1] | 1 << UInt64(lists[rest[r]].clause)
            }
            for i in 0..<n { at[i] = essential[i] ? try cursors[i].advance(start) : Int.max }
            while true {
                var d = Int.max
                for i in 0..<n where at[i] < d { d = at[i] }
                guard d <= end else { break }
                var partial = 0.0
                var mask: UInt64 = 0
                for i in 0..<n where at[i] == d {
                    try cursors[i].loadTfs(all: true)
                    let c = cursors[i]
                    if let s = scorer.blockScore(c.tfs, c.index, doc: d, fields: c.fields, weight: c.list.weight) {
                        contributions[i] = s
                        present[i] = true
                        partial += s
                        if c.list.bit >= 0 { mask |= 1 << UInt64(c.list.bit) }
                    }
                    cursors[i].index += 1
                    at[i] = cursors[i].index < cursors[i].count ? Int(cursors[i].docs[cursors[i].index]) : try cursors[i].advance(d + 1)
                }
                // The non-essential lists, while the document can still reach the k-th best.
                var reachable = true
                for (r, i) in rest.enumerated() {
                    let best = (partial + restSums[r]) * coordination.factor(mask | restClauses[r]) * maxPrior * (1 + 1e-5)
                    guard best + margin >= theta else {
                        reachable = false
                        break
                    }
                    guard try cursors[i].advance(d) == d else { continue }
                    try cursors[i].loadTfs(all: false)
                    let c = cursors[i]
                    if let s = scorer.blockScore(c.tfs, c.index, doc: d, fields: c.fields, weight: c.list.weight) {
                        contributions[i] = s
                        present[i] = true
                        partial += s
                        if c.list.bit >= 0 { mask |= 1 << UInt64(c.list.bit) }
                    }
                }
                if reachable && !rest.isEmpty {
                    reachable = partial * coordination.factor(mask) * maxPrior * (1 + 1e-5) + margin >= theta
                }
                // The scan's sum: Float, in the lists' order.
                var score: Float = 0
                for i in 0..<n where present[i] {
                    score += Float(contributions[i])
                    present[i] = false
                }
                guard reachable, mask != 0 else { continue }
                scratch.scores[d] = score
                scratch.masks[d] = mask
                scratch.touch(d)
                survivors.append(Int32(truncatingIfNeeded: d))
                if let f = current(d), heap.insert(f) { theta = heap.count == k ? heap.min : -.infinity }
            }
            start = end + 1
        }
        return survivors
    }
}

/// The `capacity` largest values seen, smallest at the root.
struct MinHeap {
    let capacity: Int
    private(set) var values: [Double] = []

    init(capacity: Int) {
        self.capacity = capacity
        values.reserveCapacity(Swift.min(capacity, 1024))
    }

    var count: Int { values.count }
    var min: Double { values[0] }

    /// Adds `v` if it is among the `capacity` largest; returns whether the heap changed.
    mutating func insert(_ v: Double) -> Bool {
        if values.count < capacity {
            values.append(v)
            var i = values.count - 1
            while i > 0, values[(i - 1) / 2] > values[i] {
                values.swapAt(i, (i - 1) / 2)
                i = (i - 1) / 2
            }
            return true
        }
        guard v > values[0] else { return false }
        values[0] = v
        var i = 0
        while true {
            let l = 2 * i + 1
            var m = i
            if l < capacity, values[l] < values[m] { m = l }
            if l + 1 < capacity, values[l + 1] < values[m] { m = l + 1 }
            if m == i { break }
            values.swapAt(i, m)
            i = m
        }
        return true
    }
}
