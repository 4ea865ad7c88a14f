// Document-at-a-time block-max MaxScore: the algorithm and each list's cursor are described
// at ``BlockMaxCursor`` (BlockMaxCursor.swift); the k-best heap is ``MinHeap``.

extension MaxScoreScoring {
    /// Scores the candidates that can reach the top `k` document at a time (see
    /// ``BlockMaxCursor``) and records each one scored in `scorer`'s scratch (score, clause mask),
    /// as the term-at-a-time scan would. `current(d)` is a recorded document's final score when
    /// the filters let it through (nil otherwise), before its proximity bonus; `margin(m)` is the
    /// largest bonus of a document matching the clauses `m`, and `bonus(d)` its bonus, asked for
    /// in increasing order of documents and only for one that can enter the k best. Returns
    /// the recorded documents, ascending, and a score k of them reach with their bonus (−∞ when
    /// fewer than k could be found).
    /// `floor`: a score k documents of other segments already reach with their proximity bonus
    /// (a document whose best final score is below it is not recorded).
    /// `priors`: the documents' keyword priors, to bound each window by the largest prior in it
    /// rather than by `maxPrior`, the segment's largest (``PriorBounds``).
    func runDocumentAtATime(
        _ scorer: SegmentScorer, k: Int, margin: (UInt64) -> Double, floor: Double = -.infinity,
        current: (Int) -> Double?, bonus: ((Int) throws(IndexError) -> Double)? = nil,
        priors: PriorBounds? = nil
    ) throws(IndexError) -> (survivors: [Int32], theta: Double) {
        let scratch = scorer.scratch
        let segment = scorer.segment
        let n = lists.count
        var survivors: [Int32] = []
        guard n > 0, k > 0 else { return (survivors, -.infinity) }
        let fieldCount = max(1, segment.fieldCount)
        let perList = PostingsBlock.size * (1 + fieldCount)
        let buffer = UnsafeMutablePointer<UInt32>.allocate(capacity: perList * n)
        defer { buffer.deallocate() }
        let boundCount = lists.reduce(0) { $0 + max(1, $1.blockImpacts.count) }
        let bounds = UnsafeMutablePointer<Double>.allocate(capacity: boundCount)
        defer { bounds.deallocate() }
        let cursors = UnsafeMutablePointer<BlockMaxCursor>.allocate(capacity: n)
        var initialised = 0
        defer {
            for i in 0..<initialised { scratch.decodedBlocks += cursors[i].decodes }
            cursors.deinitialize(count: initialised)
            cursors.deallocate()
        }
        // Per list, its phrase's matcher (-1: a term), and the matchers (read in place).
        let phraseOf = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { phraseOf.deallocate() }
        for (i, l) in lists.enumerated() { phraseOf[i] = l.phrase }
        let phraseBounds = scorer.phraseBoundHolds
        let matchers = try makeMatchers(segment, bounded: phraseBounds ? scorer : nil)
        defer {
            matchers.deinitialize(count: phrases.count)
            matchers.deallocate()
        }
        var nextBound = 0
        for (i, l) in lists.enumerated() {
            guard let fields = scorer.searched(l.field) else { return (survivors, -.infinity) }
            let postings = try BlockPostings(segment: segment, info: l.info, docsOnly: false)
            let docs = buffer + i * perList
            let own = bounds + nextBound
            if l.blockImpacts.count == postings.blocks && postings.blocks > 1 {
                for b in 0..<postings.blocks { own[b] = l.blockBound(b) }
                nextBound += postings.blocks
            } else {
                own[0] = l.upperBound
                nextBound += 1
                if postings.blocks > 1 {
                    // No per-block maxima: the list's bound for every block.
                    (cursors + i).initialize(
                        to: BlockMaxCursor(
                            postings: postings, fields: fields, weight: l.weight, bit: l.bit, maskBit: l.maskBit,
                            copies: l.copies, clause: l.clause,
                            blockBounds: own, docs: docs, tfs: docs + PostingsBlock.size))
                    initialised += 1
                    continue
                }
            }
            (cursors + i).initialize(
                to: BlockMaxCursor(
                    postings: postings, fields: fields, weight: l.weight, bit: l.bit, maskBit: l.maskBit,
                    copies: l.copies, clause: l.clause,
                    blockBounds: own, docs: docs, tfs: docs + PostingsBlock.size))
            initialised += 1
        }
        // The k best final scores so far (min-heap): `theta`, the k-th, is what a candidate must reach.
        var heap = MinHeap(capacity: k)
        // With a floor from the segments before, the seed is skipped: scoring the rare word's best
        // blocks seldom beats the k-th best of whole segments, and the windows raise it anyway.
        var theta =
            floor > -.infinity ? floor : try seed(scorer, cursors: cursors, k: k, current: current, priors: priors)
        // Per list: its bound in the window, whether it is essential there, whether its blocks
        // end the window, its current document (essential lists), its contribution to the
        // current document.
        let ints = UnsafeMutablePointer<Int>.allocate(capacity: 3 * n + 2)
        defer { ints.deallocate() }
        let doubles = UnsafeMutablePointer<Double>.allocate(capacity: 2 * n + 2)
        defer { doubles.deallocate() }
        let flags = UnsafeMutablePointer<Bool>.allocate(capacity: 2 * n)
        defer { flags.deallocate() }
        let bound = doubles
        let restSums = doubles + n  // n + 1
        let order = ints
        let essentials = ints + n
        let rest = ints + 2 * n
        let lead = flags
        let essential = flags + n
        for i in 0..<n { lead[i] = true }
        var restClauses = [UInt64](repeating: 0, count: n + 1)
        let docCount = segment.docCount
        // Per clause mask, the factor of a partial score's best final score (coordination,
        // largest prior, slack) and the proximity margin: looked up, not recomputed, for each
        // candidate and list (masks of up to 12 clauses; otherwise computed).
        let clauseCount = (lists.map(\.clause).max() ?? -1) + 1
        let tabled = clauseCount <= 12
        let tableSize = tabled ? 1 << clauseCount : 0
        let reachScale = UnsafeMutablePointer<Double>.allocate(capacity: max(1, tableSize))
        defer { reachScale.deallocate() }
        let margins = UnsafeMutablePointer<Double>.allocate(capacity: max(1, tableSize))
        defer { margins.deallocate() }
        // The largest prior of the window's documents (`maxPrior` without `priors`).
        var windowPrior = maxPrior
        var priorBounds = priors
        for m in 0..<tableSize {
            reachScale[m] = coordination.factor(UInt64(m)) * windowPrior * (1 + 1e-5)
            margins[m] = margin(UInt64(m))
        }
        /// The best final score of a document of partial score `s` whose clauses can be `m`.
        @inline(__always) func reach(_ s: Double, _ m: UInt64) -> Double {
            guard tabled else { return s * coordination.factor(m) * windowPrior * (1 + 1e-5) + margin(m) }
            return s * reachScale[Int(m)] + margins[Int(m)]
        }
        survivors.reserveCapacity(1024)
        // The standard ranking's score without the branches of the general one (``PlainScore``).
        let plainScore = PlainScore(scorer)
        defer { plainScore.deallocate() }
        let plain = plainScore.applies
        // Cleared window by window; a pass ended by an error leaves them to `prepare`.
        scratch.windowsClean = false
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
            // A window ends before the documents with a prior (or holds only them and the few
            // documents between them), so that the others are bounded without it.
            if priorBounds != nil, let w = priorBounds?.window(start, end) {
                end = w.end
                if w.prior != windowPrior {
                    windowPrior = w.prior
                    for m in 0..<tableSize { reachScale[m] = coordination.factor(UInt64(m)) * windowPrior * (1 + 1e-5) }
                }
            }
            for i in 0..<n { bound[i] = cursors[i].exhausted ? 0 : cursors[i].windowBound(end) }
            // Non-essential: the lists of smallest bounds while all of them together stay below.
            for i in 0..<n { order[i] = i }
            // Insertion sort (few lists): by increasing bound, later lists first on ties.
            for a in 1..<max(1, n) {
                let x = order[a]
                var b = a
                while b > 0, bound[order[b - 1]] > bound[x] || (bound[order[b - 1]] == bound[x] && order[b - 1] < x) {
                    order[b] = order[b - 1]
                    b -= 1
                }
                order[b] = x
            }
            var sum = 0.0
            var clauses: UInt64 = 0
            var split = 0
            while split < n {
                let i = order[split]
                let s = sum + bound[i]
                let c = clauses | (bound[i] > 0 ? cursors[i].maskBit : 0)
                guard s * coordination.factor(c) * windowPrior * (1 + 1e-6) + margin(c) < theta else { break }
                sum = s
                clauses = c
                split += 1
            }
            for i in 0..<n { essential[i] = false }
            var essentialCount = 0
            for s in split..<n where bound[order[s]] > 0 { essential[order[s]] = true }
            for i in 0..<n where essential[i] {
                essentials[essentialCount] = i
                essentialCount += 1
            }
            for i in 0..<n { lead[i] = essential[i] }
            guard essentialCount > 0 else {
                start = end + 1
                continue
            }
            // The non-essential lists that can add something, by decreasing bound, then the
            // phrases, essential or not (matching one costs the most: last, once the other
            // lists have said whether the document can still reach the k-th best).
            var restCount = 0
            for s in stride(from: split - 1, through: 0, by: -1) where bound[order[s]] > 0 && phraseOf[order[s]] < 0 {
                rest[restCount] = order[s]
                restCount += 1
            }
            if !phrases.isEmpty {
                for s in stride(from: n - 1, through: 0, by: -1) where bound[order[s]] > 0 && phraseOf[order[s]] >= 0 {
                    rest[restCount] = order[s]
                    restCount += 1
                }
            }
            restSums[restCount] = 0
            restClauses[restCount] = 0
            for r in stride(from: restCount - 1, through: 0, by: -1) {
                restSums[r] = restSums[r + 1] + bound[rest[r]]
                restClauses[r] = restClauses[r + 1] | cursors[rest[r]].maskBit
            }
            // The essential lists, list after list over the window (the fixed-point sums do not
            // depend on the order): every document they hold is a candidate. Its score and mask
            // are accumulated at its offset in the window (``Scratch/windowScores``), and only
            // a survivor's are recorded in the per-document arrays.
            let scores = scratch.windowScores
            let masks = scratch.windowMasks
            let window = scratch.window
            var windowCount = 0
            var essentialPhrases = 0
            for e in 0..<essentialCount {
                let c = cursors + essentials[e]
                // A phrase is matched only for the candidates that can still reach the k-th best
                // (after the others, below); its documents are candidates once the terms' are in.
                if phraseOf[essentials[e]] >= 0 {
                    essentialPhrases += 1
                    continue
                }
                let mbit = c.pointee.maskBit
                let copies = c.pointee.copies
                var d = try c.pointee.advance(start)
                while d <= end {
                    try c.pointee.loadTfs(all: true)
                    let cnt = c.pointee.count
                    let docs = c.pointee.docs
                    let tfs = c.pointee.tfs
                    let fields = c.pointee.fields
                    let weight = c.pointee.weight
                    var j = c.pointee.index
                    while j < cnt {
                        let doc = Int(docs[j])
                        if doc > end { break }
                        if let s = plain
                            ? plainScore(tfs, j, doc: doc, fields: fields, weight: weight)
                            : scorer.blockScore(tfs, j, doc: doc, fields: fields, weight: weight)
                        {
                            let o = doc &- start
                            if masks[o] == 0 && scores[o] == 0 {
                                window[windowCount] = Int32(truncatingIfNeeded: doc)
                                windowCount += 1
                            }
                            scores[o] += Scratch.fixed(s) &* copies
                            masks[o] |= mbit
                        }
                        j += 1
                    }
                    c.pointee.index = j
                    if j < cnt { break }
                    c.pointee.block += 1
                    d = try c.pointee.advance(0)
                }
            }
            if essentialPhrases > 0 {
                // The essential phrases' candidates: their rarest term's documents in the window
                // not yet in it (marked in the bitmap, cleared right after).
                let bits = scratch.bitmap
                let before = windowCount
                for e in 0..<essentialCount where phraseOf[essentials[e]] >= 0 {
                    let c = cursors + essentials[e]
                    var d = try c.pointee.advance(start)
                    while d <= end {
                        let o = d &- start
                        let bit: UInt64 = 1 << UInt64(d & 63)
                        if masks[o] == 0 && scores[o] == 0 && bits[d >> 6] & bit == 0 {
                            bits[d >> 6] |= bit
                            window[windowCount] = Int32(truncatingIfNeeded: d)
                            windowCount += 1
                        }
                        d = try c.pointee.next()
                    }
                }
                for w in before..<windowCount { bits[Int(window[w]) >> 6] = 0 }
            }
            if windowCount > 1 {
                if (end - start) >> 6 <= 4 * windowCount {
                    // Dense: through a bitmap of the window (no sort).
                    let bits = scratch.bitmap
                    for w in 0..<windowCount {
                        let d = Int(window[w])
                        bits[d >> 6] |= 1 << UInt64(d & 63)
                    }
                    var w = 0
                    for word in (start >> 6)...(end >> 6) {
                        var x = bits[word]
                        bits[word] = 0
                        while x != 0 {
                            window[w] = Int32(truncatingIfNeeded: word << 6 | x.trailingZeroBitCount)
                            w += 1
                            x &= x - 1
                        }
                    }
                } else {
                    var windowDocs = UnsafeMutableBufferPointer(start: window, count: windowCount)
                    windowDocs.sort()
                }
            }
            let dense = windowCount >= 32
            for w in 0..<windowCount {
                let d = Int(window[w])
                var sum = scores[d &- start]
                var partial = Double(sum) / Scratch.unit
                var mask = masks[d &- start]
                scores[d &- start] = 0
                masks[d &- start] = 0
                // The non-essential lists, while the document can still reach the k-th best.
                var reachable = true
                for r in 0..<restCount {
                    guard reach(partial + restSums[r], mask | restClauses[r]) >= theta else {
                        reachable = false
                        break
                    }
                    let c = cursors + rest[r]
                    let p = phraseOf[rest[r]]
                    if p >= 0 {
                        if phraseBounds {
                            // Every term in one field, and the phrase as often as the least
                            // frequent of them there can still lift the document to the k-th best.
                            guard try matchers[p].holdsTerms(d) else { continue }
                            let b = scorer.phraseBound(matchers[p], doc: d) * Double(c.pointee.copies)
                            guard
                                reach(partial + b + restSums[r + 1], mask | c.pointee.maskBit | restClauses[r + 1])
                                    >= theta
                            else {
                                reachable = false
                                break
                            }
                        }
                        scratch.phraseMatches += 1
                        guard try matchers[p].match(d) else { continue }
                        sum += Scratch.fixed(scorer.phraseScore(matchers[p], doc: d)) &* c.pointee.copies
                        partial = Double(sum) / Scratch.unit
                        mask |= c.pointee.maskBit
                        continue
                    }
                    guard try c.pointee.advance(d) == d else { continue }
                    // Many candidates in the window: most of the block's documents are probed,
                    // its frequencies are decoded at once.
                    try c.pointee.loadTfs(all: dense)
                    if let s = plain
                        ? plainScore(
                            c.pointee.tfs, c.pointee.index, doc: d, fields: c.pointee.fields, weight: c.pointee.weight)
                        : scorer.blockScore(
                            c.pointee.tfs, c.pointee.index, doc: d, fields: c.pointee.fields, weight: c.pointee.weight)
                    {
                        sum += Scratch.fixed(s) &* c.pointee.copies
                        partial = Double(sum) / Scratch.unit
                        mask |= c.pointee.maskBit
                    }
                }
                guard reachable, mask != 0 else { continue }
                if reach(partial, mask) < theta { continue }
                survivors.append(Int32(truncatingIfNeeded: d))
                scratch.record(d, score: sum, mask: mask)
                // `current` (filters, prior) only for a document whose score can enter the heap,
                // and its bonus only when the largest one would let it in.
                if heap.count == k, reach(partial, mask) <= heap.min { continue }
                guard let f = current(d) else { continue }
                if let bonus {
                    let m = tabled ? margins[Int(mask)] : margin(mask)
                    guard heap.count < k || f + m > heap.min else { continue }
                    if heap.insert(f + (try bonus(d))), heap.count == k { theta = max(theta, heap.min) }
                    continue
                }
                if heap.insert(f), heap.count == k { theta = max(theta, heap.min) }
            }
            start = end + 1
        }
        scratch.windowsClean = true
        return (survivors, theta)
    }
}
