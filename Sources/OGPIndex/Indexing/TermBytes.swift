/// One term's growing byte stream while a segment is built (doc gaps and entries, or
/// positions), in memory its builder owns and frees.
///
/// An `[UInt8]` per stream checked its buffer's uniqueness on every append (a term's entry for
/// a document is a few bytes, appended a million times a second): 5–6 % of the export's build.
/// Here an append is a bounds check and a copy. A copy of the value shares the memory: exactly
/// one owner frees it (``SegmentBuilder`` when discarded, or the ``TermPostingsStore`` it
/// handed them to).
struct TermBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>?
    private(set) var count = 0
    private var capacity = 0

    /// The bytes written (valid until the next append or ``free()``).
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    @inline(__always)
    private mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if let base, count + extra <= capacity { return base + count }
        let grown = max(16, count + extra, 2 * capacity)
        let next = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        if let base {
            next.update(from: base, count: count)
            base.deallocate()
        }
        base = next
        capacity = grown
        return next + count
    }

    /// Appends `p`'s bytes.
    @inline(__always)
    mutating func append(_ p: UnsafeRawBufferPointer) {
        let n = p.count
        guard n > 0, let from = p.baseAddress else { return }
        let to = reserve(n)
        if n <= 16 {
            // A few bytes (most entries): a loop, not a call to memmove.
            let f = from.assumingMemoryBound(to: UInt8.self)
            for k in 0..<n { to[k] = f[k] }
        } else {
            UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: n)
        }
        count += n
    }

    @inline(__always)
    mutating func append(_ p: UnsafeBufferPointer<UInt8>) { append(UnsafeRawBufferPointer(p)) }

    /// Appends `value` as a varint (negative values as 0, as `ByteBuffer.varint(_:)` writes them).
    @inline(__always)
    mutating func varint(_ value: Int) {
        var v = UInt64(max(0, value))
        let to = reserve(10)
        var n = 0
        while v >= 0x80 {
            to[n] = UInt8(truncatingIfNeeded: v) | 0x80
            n += 1
            v >>= 7
        }
        to[n] = UInt8(truncatingIfNeeded: v)
        count += n + 1
    }

    /// Frees the memory; the value is empty afterwards.
    mutating func free() {
        base?.deallocate()
        base = nil
        count = 0
        capacity = 0
    }
}

/// Postings handed over by a builder (``SegmentBuilder/takePostings()``): they are freed when
/// this is released, on whichever thread releases it last.
final class TermPostingsStore: @unchecked Sendable {
    private(set) var items: [SegmentBuilder.TermPostings]

    init(_ items: [SegmentBuilder.TermPostings]) { self.items = items }

    /// Frees every term's streams now.
    func release() {
        for i in items.indices { items[i].free() }
        items = []
    }

    deinit { release() }
}
