/// The largest keyword prior (``SearchRequest/keywordBoosts``) of the documents in a range of one
/// segment, for the block-max bounds of ``MaxScoreScoring/runDocumentAtATime``.
///
/// ogp-serve and ogp-search weight plans and commitments ×3 and publications ×2. A bound that
/// takes the largest prior of the whole segment multiplies every block's bound by 3 as soon as
/// one plan is in the segment: a catalogue merged into one segment (121,074 datasets and 5
/// plans) was not pruned at all on the datasets' blocks. The documents with a prior are few and
/// known at query time (the keyword's posting list), so each window of documents is bounded by
/// the largest prior in it — 1 for a window of datasets — without a change of the index format.
struct PriorBounds {
    /// Ascending documents whose prior is not 1, and their priors.
    private let docs: [Int]
    private let priors: [Double]
    /// The first of `docs` not below the last range asked for.
    private var next = 0
    /// The largest bound of any range (at least 1).
    let segmentBound: Double

    /// `prior`: per document, the product of its keyword boosts (documents absent: 1).
    init(_ prior: [Int: Double]) {
        let sorted = prior.sorted { $0.key < $1.key }
        docs = sorted.map(\.key)
        priors = sorted.map(\.value)
        segmentBound = max(1, priors.max() ?? 1)
    }

    /// Whether every document's prior is 1 or less (every bound is then 1).
    var isTrivial: Bool { segmentBound == 1 }

    /// The largest prior of the documents `lo...hi`, at least 1 (a document without a prior
    /// counts 1). Ranges must be asked for with a `lo` that never decreases.
    @inline(__always)
    mutating func bound(_ lo: Int, _ hi: Int) -> Double {
        while next < docs.count && docs[next] < lo { next += 1 }
        var best = 1.0
        var i = next
        while i < docs.count && docs[i] <= hi {
            best = max(best, priors[i])
            i += 1
        }
        return best
    }
}
