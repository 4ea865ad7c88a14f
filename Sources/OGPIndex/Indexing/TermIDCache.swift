/// A direct-mapped cache in front of a builder's ``TermTable``: a token's term string → its
/// postings index, compared by the string's 16 bytes rather than by hashing its text.
///
/// Most tokens are words seen a moment ago, and the analyser hands a repeated word the same
/// string (its `TermCache`), so the bytes of the `String` value decide: a word of up to 15
/// UTF-8 bytes is stored inside those bytes (equal bytes, equal text), a longer one refers to
/// its storage (equal bytes, the same storage). The slot keeps its string, so that storage
/// stays alive and cannot be reused by another text while the slot names it. A miss (another
/// storage for the same text) only falls back to the table. Not shared between threads: each
/// builder has its own.
final class TermIDCache {
    static let size = 1 << 12
    private let bits: UnsafeMutablePointer<UInt64>
    private let strings: UnsafeMutablePointer<String>
    private let ids: UnsafeMutablePointer<Int32>

    init() {
        bits = .allocate(capacity: 2 * Self.size)
        bits.initialize(repeating: 0, count: 2 * Self.size)
        strings = .allocate(capacity: Self.size)
        strings.initialize(repeating: "", count: Self.size)
        ids = .allocate(capacity: Self.size)
        ids.initialize(repeating: -1, count: Self.size)
    }

    deinit {
        strings.deinitialize(count: Self.size)
        strings.deallocate()
        bits.deallocate()
        ids.deallocate()
    }

    /// The bytes of a `String` value.
    @inline(__always)
    static func raw(_ s: String) -> (UInt64, UInt64) {
        withUnsafeBytes(of: s) { ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
    }

    @inline(__always)
    private static func slot(_ r: (UInt64, UInt64)) -> Int {
        let h = (r.0 &* 0x9E37_79B9_7F4A_7C15) ^ (r.1 &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: h >> 52) & (size - 1)
    }

    /// The id of `s`, from the cache or from `miss` (then remembered).
    @inline(__always)
    func id(_ s: String, miss: (String) -> Int32) -> Int32 {
        let r = Self.raw(s)
        let i = Self.slot(r)
        if bits[2 * i] == r.0, bits[2 * i + 1] == r.1, ids[i] >= 0 { return ids[i] }
        let id = miss(s)
        strings[i] = s
        bits[2 * i] = r.0
        bits[2 * i + 1] = r.1
        ids[i] = id
        return id
    }
}
