// The first k-th best of document-at-a-time block-max MaxScore (BlockMaxScore.swift), from the
// rare word's best blocks.

extension MaxScoreScoring {
    /// The most blocks of the lead list the seed scores (those of largest bounds): a few hundred
    /// documents of the rare word give a k-th best nearly as high as all of them, and the
    /// windows score them again anyway.
    static let seedBlocks = 4
    /// A first k-th best score, from the documents of the list of largest bound when it is
    /// short (a rare word), in its ``seedBlocks`` blocks of largest bounds: they are scored in
    /// full on their own cursors, so pruning starts as
    /// soon as the windows do, not only once k good documents have come by in document order
    /// (the same documents are scored again when their window comes: each is counted once here,
    /// once there, and either k-th best is one that k distinct documents reach).
    /// `priors`: as in ``runDocumentAtATime``, each document bounded by its own prior.
    func seed(
        _ scorer: SegmentScorer, cursors: UnsafeMutablePointer<BlockMaxCursor>, k: Int, current: (Int) -> Double?,
        priors: PriorBounds? = nil
    ) throws(IndexError) -> Double {
        let n = lists.count
        // The shortest of the lists of larger bounds (the rarer words weigh the most).
        var lead = 0
        for i in 1..<max(1, (n + 1) / 2) where lists[i].info.df < lists[lead].info.df { lead = i }
        guard n > 1, lists[lead].info.df <= 4096, lists[lead].info.df >= k else { return -.infinity }
        let scratch = scorer.scratch
        let fieldCount = max(1, scorer.segment.fieldCount)
        let perList = PostingsBlock.size * (1 + fieldCount)
        let buffer = UnsafeMutablePointer<UInt32>.allocate(capacity: perList * n)
        defer { buffer.deallocate() }
        // The seed's own cursors (read in place in the loop: no copy-on-write checks there).
        var ownArray: [BlockMaxCursor] = []
        ownArray.reserveCapacity(n)
        for i in 0..<n {
            var c = cursors[i]
            c.docs = buffer + i * perList
            c.tfs = c.docs + PostingsBlock.size
            c.block = 0
            c.decoded = -1
            c.tfsDecoded = false
            ownArray.append(c)
        }
        defer { for c in ownArray { scratch.decodedBlocks += c.decodes } }
        // The seed's own phrase matchers (they only move forward).
        let matchers = try makeMatchers(scorer.segment)
        defer {
            matchers.deinitialize(count: phrases.count)
            matchers.deallocate()
        }
        return try ownArray.withUnsafeMutableBufferPointer { ob throws(IndexError) -> Double in
            guard let own = ob.baseAddress else { return -.infinity }
            var heap = MinHeap(capacity: k)
            // The lead's blocks of largest bounds, at most `seedBlocks` of them, in document order.
            let leadPostings = own[lead].postings
            var chosen = Array(0..<leadPostings.blocks)
            if chosen.count > Self.seedBlocks {
                let c = own[lead]
                chosen.sort { (c.blockBound($0), -$0) > (c.blockBound($1), -$1) }
                chosen = Array(chosen.prefix(Self.seedBlocks)).sorted()
            }
            var priorBounds = priors
            for b in chosen {
                let last = leadPostings.blocks > 1 ? leadPostings.lastDoc(b) : Int.max - 1
                var d = try own[lead].advance(leadPostings.docBefore(b) + 1)
                while d <= last {
                    let docPrior = priorBounds?.bound(d, d) ?? maxPrior
                    var sum: Int64 = 0
                    var mask: UInt64 = 0
                    var i = 0
                    while i < n {
                        // Once k documents are in, a document that cannot beat the k-th with the lists
                        // left (bounds in decreasing order) is not read further: it could not enter.
                        if heap.count == k,
                            (Double(sum) / Scratch.unit + suffixSums[i]) * coordination.factor(mask | suffixClauses[i])
                                * docPrior * (1 + 1e-5) <= heap.min
                        {
                            break
                        }
                        let c = own + i
                        if lists[i].phrase >= 0 {
                            let m = matchers + lists[i].phrase
                            scratch.phraseMatches += 1
                            if try m.pointee.match(d) {
                                sum += Scratch.fixed(scorer.phraseScore(m.pointee, doc: d)) &* c.pointee.copies
                                mask |= c.pointee.maskBit
                            }
                        } else if try c.pointee.advance(d) == d {
                            try c.pointee.loadTfs(all: false)
                            if let s = scorer.blockScore(
                                c.pointee.tfs, c.pointee.index, doc: d, fields: c.pointee.fields,
                                weight: c.pointee.weight)
                            {
                                sum += Scratch.fixed(s) &* c.pointee.copies
                                mask |= c.pointee.maskBit
                            }
                        }
                        i += 1
                    }
                    if i == n && mask != 0 {
                        // `current` reads the scratch: set for the call, then cleared (not a candidate yet).
                        scratch.scores[d] = sum
                        scratch.masks[d] = mask
                        if let f = current(d) { _ = heap.insert(f) }
                        scratch.scores[d] = 0
                        scratch.masks[d] = 0
                    }
                    d = try own[lead].next()
                }
            }
            return heap.count == k ? heap.min : -.infinity
        }
    }
}

extension MaxScoreScoring {
    /// A matcher per phrase of ``phrases`` (deinitialize and deallocate them after use).
    /// `bounded`: the scorer, to bound each document's phrase score before its positions are read.
    func makeMatchers(
        _ segment: Segment, bounded scorer: SegmentScorer? = nil
    ) throws(IndexError) -> UnsafeMutablePointer<PhraseMatcher> {
        let out = UnsafeMutablePointer<PhraseMatcher>.allocate(capacity: max(1, phrases.count))
        for (i, t) in phrases.enumerated() {
            // A phrase has a list only when each of its terms is in the segment (`init`).
            guard let m = try PhraseMatcher(segment: segment, text: t, bounded: scorer?.searched(t.field)) else {
                out.deinitialize(count: i)
                out.deallocate()
                throw .corrupt("phrase term not found again", file: segment.name + ".pst", offset: 0)
            }
            (out + i).initialize(to: m)
        }
        return out
    }
}
