/// A candidate hit.
struct Candidate {
    var score: Double
    var date: Int32
    var segment: Int
    var doc: Int

    /// True when `self` ranks before `other`.
    func before(_ other: Candidate, byDate: Bool) -> Bool {
        if byDate, date != other.date { return date > other.date }
        if score != other.score { return score > other.score }
        return (segment, doc) < (other.segment, other.doc)
    }
}

/// Keeps the best `k` candidates in a binary min-heap (worst at the root).
struct TopK {
    let k: Int
    let byDate: Bool
    private var heap: [Candidate] = []

    init(k: Int, byDate: Bool) {
        self.k = k
        self.byDate = byDate
        // Never reserve from the request alone: `k` may be far more than there are matches.
        heap.reserveCapacity(min(max(0, k), 256))
    }

    var isFull: Bool { heap.count >= k }
    /// The worst kept candidate.
    var worst: Candidate? { heap.first }

    mutating func insert(score: Double, date: Int32, segment: Int, doc: Int) {
        guard k > 0 else { return }
        if !byDate, heap.count >= k, let w = heap.first, score < w.score { return }  // fast reject
        let c = Candidate(score: score, date: date, segment: segment, doc: doc)
        if heap.count < k {
            heap.append(c)
            siftUp(heap.count - 1)
        } else if let w = heap.first, c.before(w, byDate: byDate) {
            heap[0] = c
            siftDown(0)
        }
    }

    /// Best first.
    func sorted() -> [Candidate] {
        heap.sorted { $0.before($1, byDate: byDate) }
    }

    // Heap order: parent is worse than (ranks after) its children.
    private func worse(_ a: Candidate, _ b: Candidate) -> Bool { b.before(a, byDate: byDate) }

    private mutating func siftUp(_ i: Int) {
        var i = i
        while i > 0 {
            let p = (i - 1) / 2
            guard worse(heap[i], heap[p]) else { return }
            heap.swapAt(i, p)
            i = p
        }
    }

    private mutating func siftDown(_ i: Int) {
        var i = i
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var m = i
            if l < heap.count, worse(heap[l], heap[m]) { m = l }
            if r < heap.count, worse(heap[r], heap[m]) { m = r }
            if m == i { return }
            heap.swapAt(i, m)
            i = m
        }
    }
}
