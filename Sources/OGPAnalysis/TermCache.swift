#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A per-thread, direct-mapped cache of analysed words: folded word → (term, exact) strings.
///
/// Word frequencies are Zipfian, so most tokens of a text are words seen a moment ago; a hit
/// skips the stemmer and the creation of both strings. Only short ASCII folded words are cached
/// (up to 16 bytes, packed into two `UInt64` keys, no string hashing), only for the default
/// `Stemming.foldedWord` chain. Each thread has its own cache (POSIX thread-specific data), so
/// lookups take no lock; a collision simply overwrites the slot.
final class TermCache {
    /// Slots: a power of two.
    static let size = 1 << 14
    private let keys: UnsafeMutablePointer<UInt64>
    private let terms: UnsafeMutablePointer<String>
    private let exacts: UnsafeMutablePointer<String>

    private init() {
        keys = .allocate(capacity: 2 * Self.size)
        keys.initialize(repeating: 0, count: 2 * Self.size)
        terms = .allocate(capacity: Self.size)
        terms.initialize(repeating: "", count: Self.size)
        exacts = .allocate(capacity: Self.size)
        exacts.initialize(repeating: "", count: Self.size)
    }

    deinit {
        terms.deinitialize(count: Self.size)
        exacts.deinitialize(count: Self.size)
        terms.deallocate()
        exacts.deallocate()
        keys.deallocate()
    }

    /// This thread's cache.
    static var current: TermCache {
        if let p = pthread_getspecific(threadKey) {
            return Unmanaged<TermCache>.fromOpaque(p).takeUnretainedValue()
        }
        let cache = TermCache()
        pthread_setspecific(threadKey, Unmanaged.passRetained(cache).toOpaque())
        return cache
    }

    /// The key of a folded word: 1–16 ASCII scalars packed into two words, or nil.
    @inline(__always)
    static func key(_ word: UnsafeBufferPointer<UInt32>) -> (UInt64, UInt64)? {
        let n = word.count
        guard n > 0, n <= 16 else { return nil }
        var a: UInt64 = 0
        var b: UInt64 = 0
        for k in 0..<n {
            let v = word[k]
            guard v < 0x80 else { return nil }
            if k < 8 { a = a << 8 | UInt64(v) } else { b = b << 8 | UInt64(v) }
        }
        return (a, b)
    }

    @inline(__always)
    private static func slot(_ key: (UInt64, UInt64)) -> Int {
        let h = (key.0 &* 0x9E37_79B9_7F4A_7C15) ^ (key.1 &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: h >> 50) & (size - 1)
    }

    /// The cached (term, exact) of `key`, if present.
    @inline(__always)
    func lookup(_ key: (UInt64, UInt64)) -> (term: String, exact: String)? {
        let i = Self.slot(key)
        guard keys[2 * i] == key.0, keys[2 * i + 1] == key.1 else { return nil }
        return (terms[i], exacts[i])
    }

    /// Stores the analysis of `key`.
    @inline(__always)
    func store(_ key: (UInt64, UInt64), term: String, exact: String) {
        let i = Self.slot(key)
        keys[2 * i] = key.0
        keys[2 * i + 1] = key.1
        terms[i] = term
        exacts[i] = exact
    }
}

/// The thread-specific-data key of `TermCache.current`; a thread's cache is released when it
/// ends.
private let threadKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { pointer in
        #if canImport(Darwin)
        Unmanaged<TermCache>.fromOpaque(pointer).release()
        #else
        if let pointer { Unmanaged<TermCache>.fromOpaque(pointer).release() }
        #endif
    }
    return key
}()
