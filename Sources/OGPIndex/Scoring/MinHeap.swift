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
        guard capacity > 0 else { return false }
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

