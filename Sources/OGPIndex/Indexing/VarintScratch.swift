/// A growable scratch buffer of varints for one term's entry of one document, written without
/// the uniqueness and capacity checks of an array append per byte (those were 8 % of the
/// build), then appended to the term's postings in one copy. Owned by one builder, which frees
/// it (``free()``); a copy of the value shares the memory.
struct VarintScratch {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    /// Empties the buffer and makes room for `bytes` more.
    @inline(__always)
    mutating func reset(reserving bytes: Int) {
        count = 0
        if bytes > capacity {
            base.deallocate()
            capacity = max(bytes, 2 * capacity)
            base = .allocate(capacity: capacity)
        }
    }

    /// Appends `value` (room reserved by ``reset(reserving:)``: at most 10 bytes a value).
    @inline(__always)
    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            base[count] = UInt8(truncatingIfNeeded: v) | 0x80
            count += 1
            v >>= 7
        }
        base[count] = UInt8(truncatingIfNeeded: v)
        count += 1
    }

    @inline(__always)
    mutating func varint(_ value: Int) { varint(UInt64(max(0, value))) }

    /// The bytes written.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func free() { base.deallocate() }
}
