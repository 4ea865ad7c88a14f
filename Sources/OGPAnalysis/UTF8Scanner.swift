/// One word as the scanner found it, before the filters.
struct RawWord {
    /// Byte offsets of the word in the original UTF-8.
    var start = 0
    var end = 0
    /// Index in the word's scalars of its first inner apostrophe (`l'eau` → 1), or -1.
    var firstApostrophe = -1
    /// Byte offset just after that apostrophe in the original (where an elided word starts).
    var afterApostrophe = 0
    /// Whether the word holds a combining mark (decomposed input, recomposed by the filters).
    var hasMark = false
    /// Whether the word holds only ASCII digits (not worth stemming).
    var onlyDigits = true
    /// Whether the word holds only ASCII (its folded form is itself).
    var ascii = true
    /// Number of scalars written to the word buffer.
    var count = 0
}

/// The tokenizer: a UTF-8 byte scanner over the original text.
///
/// Letters and digits (ASCII, Latin-1, Latin Extended and any other alphabetic character) form
/// words; everything else separates them, hyphens and dashes included (`Île-de-France` →
/// `île` `de` `france`). An apostrophe (`' ’ ‘ ʼ ′ \` ´`) between two word characters stays in
/// the word as `'` for elision; elsewhere it separates. A soft hyphen or joiner between word
/// characters is dropped (`environ\u{AD}nement` is one word). Words are handed over
/// lower-cased, as Unicode scalar values, with their byte offsets. ASCII bytes take a table
/// lookup each; other characters are decoded by hand (Swift strings are valid UTF-8) and looked
/// up too.
///
/// A word stops after `maxWordLength` scalars (the rest starts the next word), as Lucene's
/// standard tokenizer does at 255, so every buffer of the chain has a fixed size.
struct UTF8Scanner {
    let tables: CharacterTables

    /// The longest word, in scalars.
    static let maxWordLength = 255
    /// Room the word buffer needs (a lower-case mapping may add two scalars past the limit).
    static let wordCapacity = maxWordLength + 4

    /// Decodes the scalar starting at `i`; returns it and its length in bytes.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = p.count
        if b0 < 0xE0, i + 1 < n {
            return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2)
        }
        if b0 < 0xF0, i + 2 < n {
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        if i + 3 < n {
            let v =
                (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12
                | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
            return (v, 4)
        }
        return (0xFFFD, 1)
    }

    /// Scans `p`, calling `body` with each word's `RawWord`; the word's lower-case scalars are
    /// in `word` (`wordCapacity` scalars, reused).
    func scan(
        _ p: UnsafeBufferPointer<UInt8>, word: UnsafeMutablePointer<UInt32>,
        _ body: (RawWord) -> Void
    ) {
        tables.kinds.withUnsafeBufferPointer { kinds in
            tables.lower.withUnsafeBufferPointer { lower in
                scan(p, kinds: kinds, lower: lower, word: word, body)
            }
        }
    }

    /// Extends a one-letter word followed by `.` at `dot` with the single ASCII letters that
    /// follow, each after a dot (`r` + `.G.P.D` → `rgpd`), lower-cased into `word`; returns the
    /// byte offset after the last letter, or `dot` when no letter follows (`M. Dupont`, `p.ex.`:
    /// a letter must stand alone between dots, or before the end of the word).
    static func dottedAcronym(
        _ p: UnsafeBufferPointer<UInt8>, at dot: Int, word: UnsafeMutablePointer<UInt32>, count: inout Int
    ) -> Int {
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        // A byte that continues a word: an ASCII letter or digit, or any non-ASCII byte.
        @inline(__always) func continues(_ b: UInt8) -> Bool { b >= 0x80 || isLetter(b) || (b >= 0x30 && b <= 0x39) }
        let n = p.count
        var j = dot
        while j + 1 < n, p[j] == 0x2E, isLetter(p[j + 1]), j + 2 >= n || !continues(p[j + 2]),
            count < maxWordLength
        {
            word[count] = UInt32(p[j + 1] | 0x20)
            count += 1
            j += 2
        }
        return j
    }

    /// Whether the word starting at `start` follows a word and a dot (`élu.e.s`, inclusive
    /// writing: its `e` and `s` are endings, not an acronym).
    static func followsDottedWord(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start >= 2, p[start - 1] == 0x2E else { return false }
        let b = p[start - 2]
        return b >= 0x80 || (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39
    }

    @inline(__always)
    private func kind(_ v: UInt32, _ kinds: UnsafeBufferPointer<CharacterTables.Kind>) -> CharacterTables.Kind {
        v < CharacterTables.tableLimit ? kinds[Int(v)] : tables.kind(v)
    }

    private func scan(
        _ p: UnsafeBufferPointer<UInt8>,
        kinds: UnsafeBufferPointer<CharacterTables.Kind>, lower: UnsafeBufferPointer<UInt32>,
        word: UnsafeMutablePointer<UInt32>, _ body: (RawWord) -> Void
    ) {
        let n = p.count
        let capacity = Self.wordCapacity
        var i = 0
        while i < n {
            // Skip separators; an ASCII run is a table lookup per byte.
            let b = p[i]
            if b < 0x80 {
                if kinds[Int(b)] != .word { i += 1; continue }
            }
            var (v, len) = Self.decode(p, i)
            var k = kind(v, kinds)
            if k != .word { i += len; continue }

            var raw = RawWord()
            raw.start = i
            var count = 0
            while true {
                if v < 0x80 {
                    word[count] = lower[Int(v)]
                    count += 1
                    if v > 0x39 { raw.onlyDigits = false }
                } else {
                    raw.onlyDigits = false
                    raw.ascii = false
                    if k == .mark {
                        raw.hasMark = true
                        word[count] = v
                        count += 1
                    } else if v < CharacterTables.tableLimit, v != 0x130 {
                        word[count] = lower[Int(v)]
                        count += 1
                    } else {
                        tables.appendLower(v, to: word, count: &count, capacity: capacity)
                    }
                }
                i += len
                if i >= n || count >= Self.maxWordLength { break }
                (v, len) = Self.decode(p, i)
                k = kind(v, kinds)
                if k == .word || k == .mark { continue }
                if v == 0x2E, word[count - 1] >= 0x61, word[count - 1] <= 0x7A, count == 1 || word[count - 2] == 0x27,
                    !Self.followsDottedWord(p, at: raw.start)
                {
                    // `R.G.P.D.`, `S.N.C.F`, `l'O.N.U.`: single letters joined by dots are one word
                    // (`rgpd`, as the acronym written without dots), not letters the stop list drops.
                    let end = Self.dottedAcronym(p, at: i, word: word, count: &count)
                    if end > i { i = end }
                    break
                }
                guard k == .apostrophe || k == .ignorable, i + len < n else { break }
                let (v2, len2) = Self.decode(p, i + len)
                let k2 = kind(v2, kinds)
                guard k2 == .word || (k == .ignorable && k2 == .mark) else { break }
                if k == .apostrophe {
                    if raw.firstApostrophe < 0 {
                        raw.firstApostrophe = count
                        raw.afterApostrophe = i + len
                    }
                    word[count] = 0x27
                    count += 1
                }
                i += len
                v = v2
                len = len2
                k = k2
            }
            raw.end = i
            raw.count = count
            body(raw)
        }
    }
}
