import Foundation

/// A segment builder's map from term bytes to postings index: open addressing over one byte
/// arena, with a multiplicative hash of 8-byte words.
///
/// It replaces a `[String: Int32]`, whose SipHash of every token's string and per-key string
/// storage were a tenth of the build's CPU: the keys here are stored once, back to back, each
/// with its hash, so growing the table never rehashes a key and appending another table's
/// entries (``SegmentBuilder/absorb(_:)``) reuses their hashes.
struct TermTable {
    /// Every key's bytes, back to back; key `e` is `arena[starts[e]..<starts[e + 1]]`.
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int] = [0]
    /// Per entry: its value and its key's hash.
    private(set) var values: [Int32] = []
    private var hashes: [UInt64] = []
    /// Per slot: the key's hash's upper 32 bits, then its entry + 1 (0: empty), so a probe
    /// reads the key only when its hash matches; a power of two, at most half full.
    private var slots: [UInt64] = [UInt64](repeating: 0, count: 64)

    /// Entries, in insertion order.
    var count: Int { values.count }

    /// The hash of `key`: 8 bytes at a time, multiplied and folded (keys are short terms).
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(key.count)
        var i = 0
        let n = key.count
        while i + 8 <= n {
            let w = key.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(key[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        h = h &* 0xC2B2_AE3D_27D4_EB4F
        return h ^ (h >> 32)
    }

    /// The value of `key`, or nil.
    func value(_ key: UnsafeRawBufferPointer) -> Int32? {
        let h = Self.hash(key)
        let e = find(key, hash: h)
        return e >= 0 ? values[e] : nil
    }

    /// The value of `key`, inserting `new` for it when absent; `inserted` tells which.
    @inline(__always)
    mutating func insert(_ key: UnsafeRawBufferPointer, value new: Int32) -> (value: Int32, inserted: Bool) {
        insert(key, hash: Self.hash(key), value: new)
    }

    /// As ``insert(_:value:)``, with the key's hash already computed.
    mutating func insert(_ key: UnsafeRawBufferPointer, hash h: UInt64, value new: Int32) -> (value: Int32, inserted: Bool) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        let tag = h & 0xFFFF_FFFF_0000_0000
        while true {
            let v = slots[s]
            if v == 0 { break }
            if v & 0xFFFF_FFFF_0000_0000 == tag {
                let e = Int(v & 0xFFFF_FFFF) - 1
                if equal(e, key) { return (values[e], false) }
            }
            s = (s + 1) & mask
        }
        slots[s] = tag | UInt64(values.count + 1)
        arena.append(contentsOf: key)
        starts.append(arena.count)
        values.append(new)
        hashes.append(h)
        if 2 * values.count > slots.count { grow() }
        return (new, true)
    }

    /// Calls `body` with each entry's key, hash and value, in insertion order.
    func forEach(_ body: (UnsafeRawBufferPointer, UInt64, Int32) -> Void) {
        arena.withUnsafeBytes { a in
            for e in 0..<values.count {
                body(UnsafeRawBufferPointer(rebasing: a[starts[e]..<starts[e + 1]]), hashes[e], values[e])
            }
        }
    }

    /// Key `e`'s bytes.
    func key(_ e: Int) -> ArraySlice<UInt8> { arena[starts[e]..<starts[e + 1]] }

    /// The entries in their keys' byte order (shorter first among equal prefixes).
    func sortedEntries() -> [Int32] {
        var order = (0..<Int32(values.count)).map { $0 }
        arena.withUnsafeBytes { a in
            starts.withUnsafeBufferPointer { st in
                guard let base = a.baseAddress else { return }
                order.sort { x, y in
                    let xs = st[Int(x)]
                    let xn = st[Int(x) + 1] - xs
                    let ys = st[Int(y)]
                    let yn = st[Int(y) + 1] - ys
                    let c = memcmp(base + xs, base + ys, min(xn, yn))
                    return c != 0 ? c < 0 : xn < yn
                }
            }
        }
        return order
    }

    /// Entry `e`'s value.
    func value(entry e: Int) -> Int32 { values[e] }

    private func find(_ key: UnsafeRawBufferPointer, hash h: UInt64) -> Int {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        let tag = h & 0xFFFF_FFFF_0000_0000
        while true {
            let v = slots[s]
            if v == 0 { return -1 }
            if v & 0xFFFF_FFFF_0000_0000 == tag {
                let e = Int(v & 0xFFFF_FFFF) - 1
                if equal(e, key) { return e }
            }
            s = (s + 1) & mask
        }
    }

    @inline(__always)
    private func equal(_ e: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let lo = starts[e]
        let n = starts[e + 1] - lo
        guard n == key.count else { return false }
        guard n > 0 else { return true }
        // Eight bytes at a time (keys are short: a call to memcmp cost more than the compare).
        return arena.withUnsafeBytes { a in
            var i = 0
            while i + 8 <= n {
                if a.loadUnaligned(fromByteOffset: lo + i, as: UInt64.self)
                    != key.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                {
                    return false
                }
                i += 8
            }
            while i < n {
                if a[lo + i] != key[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        var next = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = next.count - 1
        for e in 0..<values.count {
            let h = hashes[e]
            var s = Int(truncatingIfNeeded: h) & mask
            while next[s] != 0 { s = (s + 1) & mask }
            next[s] = h & 0xFFFF_FFFF_0000_0000 | UInt64(e + 1)
        }
        slots = next
    }
}
