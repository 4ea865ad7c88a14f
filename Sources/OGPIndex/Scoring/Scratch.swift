import Foundation

/// Reusable per-query accumulators (score and matched-clause mask per document), in manually
/// managed memory so the scoring loops pay no exclusivity checks.
///
/// Scores are summed in fixed point (``fixed(_:)``, 2⁻³² units): integer sums do not depend on
/// the order of the terms, so a document scored list after list and one scored document at a
/// time (block-max pruning) get the same score to the last bit.
final class Scratch {
    private(set) var capacity = 0
    private(set) var scores = UnsafeMutablePointer<Int64>.allocate(capacity: 1)
    /// Documents of the current block-max window (see ``BlockMaxCursor``).
    private(set) var window = UnsafeMutablePointer<Int32>.allocate(capacity: 1)

    /// Per document of the current block-max window, at its offset from the window's first: the
    /// score and clause mask its essential lists add up (see ``BlockMaxCursor``). Windows reuse
    /// the same small region, which stays in the processor's caches, where `scores` and `masks`
    /// are touched once per window, far apart. All zero between windows.
    private(set) var windowScores = Scratch.zeroed(1, Int64.self)
    private(set) var windowMasks = Scratch.zeroed(1, UInt64.self)
    /// False while a pass uses the window arrays (an error can leave them dirty: `prepare`
    /// clears them then).
    var windowsClean = true

    /// One bit per document, all clear between uses (window ordering).
    private(set) var bitmap = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)

    /// Blocks of postings the document-at-a-time path decoded (for tests: pruning skips some).
    var decodedBlocks = 0
    /// Proximity bonuses computed (for tests: the k-th best on final scores spares most).
    var proximityBonuses = 0
    /// Documents whose positions were matched against a phrase, block-max path (for tests:
    /// only the candidates that can still reach the top k are).
    var phraseMatches = 0

    /// Units of a fixed-point score.
    static let unit = 4_294_967_296.0

    /// `s` in fixed point; NaN counts 0 and the magnitude is capped (64 lists of the cap still
    /// fit in an `Int64`), so no input traps.
    @inline(__always)
    static func fixed(_ s: Double) -> Int64 {
        let x = s * unit  // truncated: as exact as any rounding, and no libm call
        if x.magnitude < 9.0e15 { return Int64(x) }
        return x > 0 ? 9_000_000_000_000_000 : x < 0 ? -9_000_000_000_000_000 : 0
    }

    /// The accumulated score of `doc`.
    @inline(__always)
    func score(_ doc: Int) -> Double { Double(scores[doc]) / Self.unit }
    private(set) var masks = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
    /// Documents with a score, in first-touch order (`touchedCount` of them).
    private(set) var touched = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private(set) var touchedCount = 0
    /// Per document, 1 when it matches but was left out of the candidates by pruning.
    private var countedFlags = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    /// Those documents (`countedCount` of them), for an exact total.
    private(set) var counted = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private(set) var countedCount = 0

    /// One decoded block: its documents, and per field its frequencies (see ``BlockPostings``).
    private(set) var blockDocs = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsBlock.size)
    private(set) var blockTfs = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsBlock.size)
    private var blockFields = 1

    /// The frequency buffer, for `fields` fields.
    func blockTfs(fields: Int) -> UnsafeMutablePointer<UInt32> {
        if fields > blockFields {
            blockTfs.deallocate()
            blockTfs = .allocate(capacity: PostingsBlock.size * fields)
            blockFields = fields
        }
        return blockTfs
    }

    /// The largest touched document (-1 when none).
    private(set) var maxTouched = -1

    /// Records the first score of `doc`.
    @inline(__always)
    func touch(_ doc: Int) {
        touched[touchedCount] = Int32(truncatingIfNeeded: doc)
        touchedCount += 1
        if doc > maxTouched { maxTouched = doc }
    }

    /// Records the score and clause mask of `doc`, not recorded yet.
    @inline(__always)
    func record(_ doc: Int, score: Int64, mask: UInt64) {
        scores[doc] = score
        masks[doc] = mask
        touch(doc)
    }

    /// Whether `doc` is already recorded as a match that is not a candidate.
    @inline(__always)
    func isCounted(_ doc: Int) -> Bool { countedFlags[doc] != 0 }

    /// Records `doc` as a match that is not a candidate.
    @inline(__always)
    func count(_ doc: Int) {
        countedFlags[doc] = 1
        counted[countedCount] = Int32(truncatingIfNeeded: doc)
        countedCount += 1
    }

    /// `n` zeroed values from `calloc` (freed with `free`).
    private static func zeroed<T: FixedWidthInteger>(_ n: Int, _: T.Type) -> UnsafeMutablePointer<T> {
        guard let raw = calloc(max(1, n), MemoryLayout<T>.stride) else {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, n))
            p.initialize(repeating: 0, count: max(1, n))
            return p
        }
        return raw.bindMemory(to: T.self, capacity: max(1, n))
    }

    func prepare(_ n: Int) {
        if capacity < n {
            scores.deallocate()
            masks.deallocate()
            touched.deallocate()
            window.deallocate()
            window = .allocate(capacity: n)
            free(windowScores)
            free(windowMasks)
            // Zeroed by the system (pages a query never reaches are never touched: a cold
            // process does not pay for them).
            windowScores = Scratch.zeroed(n, Int64.self)
            windowMasks = Scratch.zeroed(n, UInt64.self)
            windowsClean = true
            bitmap.deallocate()
            bitmap = .allocate(capacity: (n + 63) / 64)
            bitmap.initialize(repeating: 0, count: (n + 63) / 64)
            countedFlags.deallocate()
            counted.deallocate()
            touched = .allocate(capacity: n)
            counted = .allocate(capacity: n)
            scores = .allocate(capacity: n)
            masks = .allocate(capacity: n)
            countedFlags = .allocate(capacity: n)
            scores.initialize(repeating: 0, count: n)
            masks.initialize(repeating: 0, count: n)
            countedFlags.initialize(repeating: 0, count: n)
            capacity = n
        }
        if !windowsClean {
            windowScores.update(repeating: 0, count: capacity)
            windowMasks.update(repeating: 0, count: capacity)
            windowsClean = true
        }
        touchedCount = 0
        countedCount = 0
        maxTouched = -1
    }

    func reset() {
        for i in 0..<touchedCount {
            let d = Int(touched[i])
            scores[d] = 0
            masks[d] = 0
        }
        for i in 0..<countedCount { countedFlags[Int(counted[i])] = 0 }
        touchedCount = 0
        countedCount = 0
        maxTouched = -1
    }

    deinit {
        blockDocs.deallocate()
        blockTfs.deallocate()
        window.deallocate()
        free(windowScores)
        free(windowMasks)
        bitmap.deallocate()
        scores.deallocate()
        masks.deallocate()
        touched.deallocate()
        countedFlags.deallocate()
        counted.deallocate()
    }
}
