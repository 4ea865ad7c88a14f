/// A port of the Snowball French stemmer (`french.sbl`, Snowball 3.x: `-oux` plurals, `ë`/`ï`
/// diaereses, `-ais(e)`), reproducing `stemwords -l french` on the snowball-data vocabulary.
///
/// It works on lower-case NFC Unicode scalars, in place, with Snowball's machine: a cursor,
/// `limit` and `limitBackward`, a slice `bra..<ket`, and the regions RV, R1 and R2 (`pV`,
/// `p1`, `p2`). Routines are ported one by one from the generated code, so each keeps
/// Snowball's cursor discipline. It edits a caller-owned buffer of fixed capacity, so stemming
/// allocates nothing.
///
/// The prelude marks vowels used as consonants with upper-case `U`, `I`, `Y`, and diaereses
/// with `H` (`ë` → `He`, `ï` → `Hi`); the postlude turns them back.
struct FrenchStemmer {
    /// The word being stemmed: `limit` scalars (memory owned by the caller).
    let w: UnsafeMutablePointer<UInt32>
    /// Room in `w`; see `capacity(for:)`.
    let capacity: Int
    var cursor = 0
    var limit = 0
    var limitBackward = 0
    var bra = 0
    var ket = 0
    var pV = 0
    var p1 = 0
    var p2 = 0
    /// The `among` tables (held here so lookups skip the global's lazy-initialisation check).
    let tables = FrenchAmongTables.shared

    /// A stemmer working in `buffer`, which holds `capacity` scalars.
    init(buffer: UnsafeMutablePointer<UInt32>, capacity: Int) {
        self.w = buffer
        self.capacity = capacity
    }

    /// The room a word of `length` scalars may need while stemmed (each `ë`/`ï` becomes two
    /// scalars in the prelude; suffix replacements add a few).
    static func capacity(for length: Int) -> Int { 2 * length + 16 }

    /// Stems `word` (lower-case scalars) and returns the stem's scalars, with a buffer of its own.
    static func stem(_ word: [UInt32]) -> [UInt32] {
        let capacity = Self.capacity(for: word.count)
        let buffer = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var stemmer = FrenchStemmer(buffer: buffer, capacity: capacity)
        word.withUnsafeBufferPointer { stemmer.load($0) }
        stemmer.run()
        return Array(stemmer.stem)
    }

    /// Loads `word` into the buffer, for `run()`; `word.count` must be at most
    /// `maxLength(capacity)`.
    mutating func load(_ word: UnsafeBufferPointer<UInt32>) {
        let n = min(word.count, (capacity - 16) / 2)
        for k in 0..<n { w[k] = word[k] }
        limit = n
    }

    /// The current word (the stem after `run()`).
    var stem: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: w, count: limit) }

    /// Stems the word already in `w`, in place.
    mutating func run() {
        cursor = 0
        limitBackward = 0
        bra = 0
        ket = limit
        _ = elisions()
        cursor = 0
        prelude()
        cursor = 0
        markRegions()
        limitBackward = cursor
        cursor = limit
        suffixes()
        let v9 = limit - cursor
        _ = unDouble()
        cursor = limit - v9
        let v10 = limit - cursor
        _ = unAccent()
        cursor = limit - v10
        cursor = limitBackward
        postlude()
    }

    // MARK: Snowball's machine

    /// Whether `c` is in `g_v` (`aeiouyâàëéêèïîôûù`).
    @inline(__always)
    static func isVowel(_ c: UInt32) -> Bool {
        switch c {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true
        case 0xE0, 0xE2, 0xE8, 0xE9, 0xEA, 0xEB, 0xEE, 0xEF, 0xF4, 0xF9, 0xFB: return true
        default: return false
        }
    }

    /// Replaces `bra..<ket` with `s`, adjusting `limit` and `cursor` as Snowball's `replace_s`.
    mutating func sliceFrom(_ s: Lit) {
        let cBra = bra, cKet = ket
        let adjustment = s.count - (cKet - cBra)
        guard limit + adjustment <= capacity else { return }  // never: see `capacity(for:)`
        if adjustment < 0 {
            var k = cKet
            while k < limit { w[k + adjustment] = w[k]; k += 1 }
        } else if adjustment > 0 {
            var k = limit - 1
            while k >= cKet { w[k + adjustment] = w[k]; k -= 1 }
        }
        for k in 0..<s.count { w[cBra + k] = s[k] }
        limit += adjustment
        if cursor >= cKet {
            cursor += adjustment
        } else if cursor > cBra {
            cursor = cBra
        }
        ket = bra + s.count
    }

    mutating func sliceDel() { sliceFrom(Lit()) }

    /// The scalar just before the cursor, if inside `limitBackward`.
    @inline(__always)
    func before() -> UInt32? { cursor > limitBackward ? w[cursor - 1] : nil }

    /// The scalar at the cursor, if before `limit`.
    @inline(__always)
    func at() -> UInt32? { cursor < limit ? w[cursor] : nil }

    /// Snowball's `eq_s_b`: the scalars `s` end at the cursor; moves before them.
    mutating func eqB(_ s: Lit) -> Bool {
        let n = s.count
        guard cursor - limitBackward >= n else { return false }
        for k in 0..<n where w[cursor - n + k] != s[k] { return false }
        cursor -= n
        return true
    }

    mutating func inGroupingB(_ test: (UInt32) -> Bool) -> Bool {
        guard let c = before(), test(c) else { return false }
        cursor -= 1
        return true
    }

    mutating func outGroupingB(_ test: (UInt32) -> Bool) -> Bool {
        guard let c = before(), !test(c) else { return false }
        cursor -= 1
        return true
    }

    @inline(__always)
    mutating func findAmongB(_ table: SnowballAmong) -> Int {
        guard let m = table.match(w, cursor: cursor, limitBackward: limitBackward) else { return 0 }
        cursor -= m.length
        return m.result
    }

    var inRV: Bool { pV <= cursor }
    var inR1: Bool { p1 <= cursor }
    var inR2: Bool { p2 <= cursor }
}

/// A replacement string of at most three scalars, held inline (no array, no allocation).
struct Lit {
    let count: Int
    private let a: UInt32, b: UInt32, c: UInt32

    init() { count = 0; a = 0; b = 0; c = 0 }
    init(_ a: UInt32) { count = 1; self.a = a; b = 0; c = 0 }
    init(_ a: UInt32, _ b: UInt32) { count = 2; self.a = a; self.b = b; c = 0 }
    init(_ a: UInt32, _ b: UInt32, _ c: UInt32) { count = 3; self.a = a; self.b = b; self.c = c }

    @inline(__always)
    subscript(i: Int) -> UInt32 { i == 0 ? a : i == 1 ? b : c }
}
