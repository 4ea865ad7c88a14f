/// The largest keyword prior (``SearchRequest/keywordBoosts``) of the documents in a range of one
/// segment, for the block-max bounds of ``MaxScoreScoring/runDocumentAtATime``.
///
/// ogp-serve and ogp-search weight plans and commitments ×3 and publications ×2. A bound that
/// takes the largest prior of the whole segment multiplies every block's bound by 3 as soon as
/// one plan is in the segment: a catalogue merged into one segment (121,074 datasets and 5
/// plans) was pruned on none of the datasets' blocks. The documents with a prior are few and
/// known at query time (the keyword's posting list), and a harvest indexes a source's records
/// together: they come in runs. The windows of documents are cut at the runs' edges, and a
/// window is bounded by the largest prior of the run it is in — 1 outside the runs — without a
/// change of the index format.
struct PriorBounds {
    /// Documents `first...last` hold every document with a prior above 1 between them (and
    /// others, where fewer than ``gap`` documents separate two of them); `prior`, the largest.
    struct Run: Equatable {
        var first: Int
        var last: Int
        var prior: Double
    }

    /// Boosted documents closer than this share a run (a window per boosted document, in a
    /// segment where they alternate with others, would cost more than it saves).
    static let gap = 256
    /// Two priors within this ratio may share a run (its bound is the larger).
    static let alike = 1.5

    /// Ascending, disjoint.
    let runs: [Run]
    /// The first run not ending before the last range asked for.
    private var next = 0
    /// The largest prior of the segment (at least 1).
    let segmentBound: Double

    /// `prior`: per document, the product of its keyword boosts (documents absent: 1). A prior
    /// of 1 or less needs no bound of its own (the others count 1).
    init(_ prior: [Int: Double]) {
        var runs: [Run] = []
        for (d, p) in prior.sorted(by: { $0.key < $1.key }) where p > 1 {
            // Priors far apart (a plan's ×3 among datasets' ×1.03–1.09 for popularity) are not
            // joined: the run would bound thousands of datasets by ×3.
            if let last = runs.last, d - last.last <= Self.gap, Swift.max(p, last.prior) <= Self.alike * Swift.min(p, last.prior) {
                runs[runs.count - 1].last = d
                runs[runs.count - 1].prior = max(last.prior, p)
            } else {
                runs.append(Run(first: d, last: d, prior: p))
            }
        }
        self.runs = runs
        segmentBound = runs.map(\.prior).max() ?? 1
    }

    /// Whether no document's prior is above 1 (every bound is then 1).
    var isTrivial: Bool { runs.isEmpty }

    /// The window of documents from `start` to at most `end` that is all inside a run or all
    /// outside: its end, and the largest prior of its documents (1 outside). `start` must never
    /// decrease from one call to the next.
    @inline(__always)
    mutating func window(_ start: Int, _ end: Int) -> (end: Int, prior: Double) {
        while next < runs.count && runs[next].last < start { next += 1 }
        guard next < runs.count else { return (end, 1) }
        let r = runs[next]
        if r.first <= start { return (min(end, r.last), r.prior) }
        return (min(end, r.first - 1), 1)
    }

    /// The largest prior of the documents `lo...hi` (at least 1): that of the runs they meet.
    /// `lo` must never decrease from one call to the next.
    @inline(__always)
    mutating func bound(_ lo: Int, _ hi: Int) -> Double {
        while next < runs.count && runs[next].last < lo { next += 1 }
        var best = 1.0
        var i = next
        while i < runs.count && runs[i].first <= hi {
            best = max(best, runs[i].prior)
            i += 1
        }
        return best
    }
}
