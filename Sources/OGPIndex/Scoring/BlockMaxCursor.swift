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
    let postings: BlockPostings
    let fields: Range<Int>
    let weight: Double
    /// Coordination bit (-1: the exact-form bonus) and clause.
    let bit: Int
    /// The bits this list sets in a document's clause mask (none for the exact-form bonus: a
    /// document found only there matches no clause more, so neither coordination nor proximity
    /// bounds may count its clause; several for identical lists of several clauses).
    let maskBit: UInt64
    /// How many identical lists it stands for (``MaxScoreScoring/List/copies``): its score
    /// is added that many times.
    var copies: Int64 = 1
    let clause: Int
    /// Per block, the most a document of it can add (`blockBounds[0]`, the list's bound, for a
    /// single block).
    let blockBounds: UnsafeMutablePointer<Double>
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
    /// Blocks decoded so far.
    var decodes = 0
    var docs: UnsafeMutablePointer<UInt32>
    var tfs: UnsafeMutablePointer<UInt32>

    var exhausted: Bool { block >= postings.blocks }

    /// The bit this list sets in a document's clause mask (none for the exact-form bonus: a
    /// document found only there matches no clause more, so neither coordination nor proximity
    /// bounds may count its clause).

    /// Moves to the block that may hold `target` (skip table only).
    @inline(__always)
    mutating func shallowAdvance(_ target: Int) {
        block = postings.block(from: block, reaching: target)
    }

    @inline(__always)
    func blockBound(_ b: Int) -> Double { postings.blocks > 1 ? blockBounds[b] : blockBounds[0] }

    /// The largest bound of the blocks from the current one to the one reaching `hi` (0 when
    /// exhausted).
    @inline(__always)
    func windowBound(_ hi: Int) -> Double {
        var b = block
        var best = 0.0
        while b < postings.blocks && postings.docBefore(b) < hi {
            best = max(best, blockBound(b))
            if postings.lastDoc(b) >= hi { break }
            b += 1
        }
        return best
    }

    /// Advances to the first document ≥ `target` (decoding its block's documents); returns it,
    /// or `Int.max` at the end.
    @inline(__always)
    mutating func advance(_ target: Int) throws(IndexError) -> Int {
        if decoded == block && index < count && Int(docs[index]) >= target { return Int(docs[index]) }
        shallowAdvance(target)
        while block < postings.blocks {
            if decoded != block {
                (count, tfsAt) = try postings.decodeDocs(block, into: docs)
                decodes += 1
                decoded = block
                tfsDecoded = false
                index = 0
            }
            // In a local: the loop keeps it in a register (not stored back at every step).
            var i = index
            let n = count
            let p = docs
            while i < n && Int(p[i]) < target { i += 1 }
            index = i
            if i < n { return Int(p[i]) }
            block += 1
        }
        return Int.max
    }

    /// The next document after the current one, or `Int.max`.
    @inline(__always)
    mutating func next() throws(IndexError) -> Int {
        index += 1
        if index < count { return Int(docs[index]) }
        block += 1
        return try advance(0)
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
