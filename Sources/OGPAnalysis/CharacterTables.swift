import Foundation

/// Precomputed per-character tables for the analysis chain: what a character is to the
/// tokenizer, its lower case, and its accent-folded form.
///
/// The tables cover U+0000–U+024F (ASCII, Latin-1 Supplement, Latin Extended-A and -B), which is
/// nearly every character of French text; they are built once, at first use, from the standard
/// library's Unicode properties and Foundation's canonical decomposition. Characters beyond go
/// through a slower path (`Unicode.Scalar.Properties`), which only other scripts take.
final class CharacterTables: Sendable {
    /// What a character is to the tokenizer.
    enum Kind: UInt8, Sendable {
        /// Ends a token: spaces, punctuation, symbols, hyphens, dashes.
        case separator = 0
        /// A letter or a digit.
        case word = 1
        /// One of `' ’ ‘ ʼ ′ \` ´`, all read as `'`; kept inside a word, a separator elsewhere.
        case apostrophe = 2
        /// A combining mark: part of the word it follows (the word is then recomposed to NFC).
        case mark = 3
        /// Invisible inside a word and dropped there (soft hyphen, joiners, word joiner, BOM);
        /// a separator elsewhere.
        case ignorable = 4
    }

    /// The shared tables.
    static let shared = CharacterTables()

    /// Table size: scalars below this are looked up, the others computed.
    static let tableLimit: UInt32 = 0x250

    /// Kind of each scalar below `tableLimit`.
    let kinds: [Kind]
    /// Lower case of each scalar below `tableLimit` (single-scalar mappings; `İ` is handled by
    /// the slow path).
    let lower: [UInt32]
    /// Folded form of each scalar below `tableLimit`: up to two scalars, 0 meaning none.
    let fold1: [UInt32]
    let fold2: [UInt32]

    private init() {
        let n = Int(Self.tableLimit)
        var kinds = [Kind](repeating: .separator, count: n)
        var lower = [UInt32](repeating: 0, count: n)
        var fold1 = [UInt32](repeating: 0, count: n)
        var fold2 = [UInt32](repeating: 0, count: n)
        for v in 0..<Self.tableLimit {
            guard let s = Unicode.Scalar(v) else { continue }
            kinds[Int(v)] = Self.computeKind(s)
            let low = Self.lowercase(s)
            lower[Int(v)] = low.count == 1 ? low[0] : v
            let folded = Self.computeFold(s)
            fold1[Int(v)] = folded.count > 0 ? folded[0] : 0
            fold2[Int(v)] = folded.count > 1 ? folded[1] : 0
        }
        self.kinds = kinds
        self.lower = lower
        self.fold1 = fold1
        self.fold2 = fold2
    }

    /// The tokenizer's view of `s` (slow path; the table caches it below `tableLimit`).
    static func computeKind(_ s: Unicode.Scalar) -> Kind {
        switch s.value {
        case 0x27, 0x60, 0xB4, 0x2BC, 0x2018, 0x2019, 0x2032: return .apostrophe
        case 0xAD, 0x200C, 0x200D, 0x2060, 0xFEFF: return .ignorable
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
        case 0..<0x80: return .separator
        case 0x300...0x36F: return .mark
        case 0x2000...0x206F, 0x2E00...0x2E7F, 0x3000...0x303F: return .separator
        default: break
        }
        let p = s.properties
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        case .decimalNumber: return .word
        default: return p.isAlphabetic ? .word : .separator
        }
    }

    /// Full Unicode lower case of `s`, as scalars.
    static func lowercase(_ s: Unicode.Scalar) -> [UInt32] {
        if s.value < 0x80 {
            return [(s.value >= 0x41 && s.value <= 0x5A) ? s.value + 0x20 : s.value]
        }
        return s.properties.lowercaseMapping.unicodeScalars.map(\.value)
    }

    /// Accent-folded form of `s`: canonical decomposition without its marks; `œ` → `oe`,
    /// `æ` → `ae` (and their capitals); also `ß` → `ss`, `ø` → `o`, `ł` → `l`, `đ` → `d`, which
    /// have no decomposition. A combining mark folds to nothing.
    static func computeFold(_ s: Unicode.Scalar) -> [UInt32] {
        switch s.value {
        case 0..<0x80: return [s.value]
        case 0x153: return [0x6F, 0x65]
        case 0x152: return [0x4F, 0x45]
        case 0xE6: return [0x61, 0x65]
        case 0xC6: return [0x41, 0x45]
        case 0xDF: return [0x73, 0x73]  // ß → ss
        case 0xF8: return [0x6F]  // ø → o
        case 0xD8: return [0x4F]
        case 0x142: return [0x6C]  // ł → l
        case 0x141: return [0x4C]
        case 0x111: return [0x64]  // đ → d
        case 0x110: return [0x44]
        default: break
        }
        if isMark(s) { return [] }
        let decomposed = String(Character(s)).decomposedStringWithCanonicalMapping
        return decomposed.unicodeScalars.filter { !isMark($0) }.map(\.value)
    }

    private static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The kind of `v`, from the table or computed.
    @inline(__always)
    func kind(_ v: UInt32) -> Kind {
        if v < Self.tableLimit { return kinds[Int(v)] }
        guard let s = Unicode.Scalar(v) else { return .separator }
        return Self.computeKind(s)
    }

    /// Appends the lower case of `v` to `out`.
    @inline(__always)
    func appendLower(_ v: UInt32, to out: inout [UInt32]) {
        if v < Self.tableLimit, v != 0x130 {
            out.append(lower[Int(v)])
        } else if let s = Unicode.Scalar(v) {
            out.append(contentsOf: Self.lowercase(s))
        }
    }

    /// Appends the lower case of `v` at `p[n]`, advancing `n`, within `capacity`.
    @inline(__always)
    func appendLower(_ v: UInt32, to p: UnsafeMutablePointer<UInt32>, count n: inout Int, capacity: Int) {
        if v < Self.tableLimit, v != 0x130 {
            if n < capacity { p[n] = lower[Int(v)]; n += 1 }
        } else if let s = Unicode.Scalar(v) {
            for l in Self.lowercase(s) where n < capacity { p[n] = l; n += 1 }
        }
    }

    /// Appends the folded form of `v` at `p[n]`, advancing `n`, within `capacity`.
    @inline(__always)
    func appendFold(_ v: UInt32, to p: UnsafeMutablePointer<UInt32>, count n: inout Int, capacity: Int) {
        if v < Self.tableLimit {
            if v < 0x80 {
                if n < capacity { p[n] = v; n += 1 }
                return
            }
            let a = fold1[Int(v)]
            if a != 0, n < capacity { p[n] = a; n += 1 }
            let b = fold2[Int(v)]
            if b != 0, n < capacity { p[n] = b; n += 1 }
        } else if let s = Unicode.Scalar(v) {
            for f in Self.computeFold(s) where n < capacity { p[n] = f; n += 1 }
        }
    }

    /// Appends the folded form of `v` to `out`.
    @inline(__always)
    func appendFold(_ v: UInt32, to out: inout [UInt32]) {
        if v < 0x80 {
            out.append(v)
        } else if v < Self.tableLimit {
            let a = fold1[Int(v)]
            if a != 0 { out.append(a) }
            let b = fold2[Int(v)]
            if b != 0 { out.append(b) }
        } else if let s = Unicode.Scalar(v) {
            out.append(contentsOf: Self.computeFold(s))
        }
    }
}
