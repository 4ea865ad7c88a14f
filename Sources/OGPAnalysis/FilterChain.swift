import Foundation

/// The filters after the tokenizer, for one analysis call: recomposition of decomposed input,
/// elision, accent folding, stop words, stemming, and the `Token`'s strings.
///
/// It allocates its fixed-size buffers (the word, its folded form, the stemmer's and the folded
/// stem's) once per call of `Analyzer.forEachToken`, whatever the length of the text; `release()`
/// frees them. Words reach it lower-cased from `UTF8Scanner`, in `word`.
struct FilterChain {
    let tables: CharacterTables
    let stemming: Analyzer.Stemming
    let stopWords: Bool
    private let stopSet = PackedWordSet.frenchStopWords
    private let elisions = PackedWordSet.frenchElisions
    /// The scanner's output.
    let word: UnsafeMutablePointer<UInt32>
    private let folded: UnsafeMutablePointer<UInt32>
    private let stemFolded: UnsafeMutablePointer<UInt32>
    private var stemmer: FrenchStemmer
    /// This thread's cache, for the default chain.
    private let cache: TermCache?
    /// The word ``classify(_:prefixes:)`` left to analyse (views of this chain's buffers).
    private var pending: (word: UnsafeBufferPointer<UInt32>, folded: UnsafeBufferPointer<UInt32>, onlyDigits: Bool) =
        (UnsafeBufferPointer(start: nil, count: 0), UnsafeBufferPointer(start: nil, count: 0), false)

    /// Words longer than this (in scalars) are indexed unstemmed: no French word is, and the
    /// stemmer's edits are linear in the word's length.
    static let maxStemmedLength = 64
    /// Room for a folded word (a scalar folds to at most a few).
    private static let foldedCapacity = 4 * UTF8Scanner.wordCapacity
    private static let stemCapacity = FrenchStemmer.capacity(for: maxStemmedLength)

    init(tables: CharacterTables, stemming: Analyzer.Stemming, stopWords: Bool) {
        self.tables = tables
        self.stemming = stemming
        self.stopWords = stopWords
        word = .allocate(capacity: UTF8Scanner.wordCapacity)
        folded = .allocate(capacity: Self.foldedCapacity)
        stemFolded = .allocate(capacity: 4 * Self.stemCapacity)
        stemmer = FrenchStemmer(buffer: .allocate(capacity: Self.stemCapacity), capacity: Self.stemCapacity)
        cache = stemming == .foldedWord ? TermCache.current : nil
    }

    /// Frees the buffers; the value is unusable afterwards.
    func release() {
        word.deallocate()
        folded.deallocate()
        stemFolded.deallocate()
        stemmer.w.deallocate()
    }

    /// Runs the filters on the scanned word in `word`. Returns nil for a stop word (unless
    /// `keepStopWord`), else the token's term and exact form with the byte offset where it
    /// starts (after an elided article).
    mutating func filter(_ raw: RawWord, keepStopWord: Bool) -> (term: String, exact: String, start: Int)? {
        let (w, f, start) = elidedAndFolded(raw)
        if stopWords, !keepStopWord, stopSet.contains(f) { return nil }
        let (term, exact) = analysedThroughCache(w, folded: f, onlyDigits: raw.onlyDigits)
        return (term, exact, start)
    }

    /// The scanned word without its elided article (`l'`, `qu'`, `jusqu'`...; `aujourd'hui` stays
    /// whole), its folded form (the word itself when ASCII), and the byte offset where it starts.
    private mutating func elidedAndFolded(
        _ raw: RawWord
    ) -> (word: UnsafeBufferPointer<UInt32>, folded: UnsafeBufferPointer<UInt32>, start: Int) {
        var count = raw.count
        var apostrophe = raw.firstApostrophe
        if raw.hasMark {
            count = recompose(count)
            apostrophe = -1
            for k in 0..<count where word[k] == 0x27 { apostrophe = k; break }
        }
        var begin = 0
        var start = raw.start
        if apostrophe > 0, elisions.contains(UnsafeBufferPointer(start: word, count: apostrophe)) {
            begin = apostrophe + 1
            start = raw.afterApostrophe
        }
        let w = UnsafeBufferPointer(start: word + begin, count: count - begin)
        guard !raw.ascii else { return (w, w, start) }
        var n = 0
        for v in w { tables.appendFold(v, to: folded, count: &n, capacity: Self.foldedCapacity) }
        return (w, UnsafeBufferPointer(start: folded, count: n), start)
    }

    /// ``analyse(_:folded:onlyDigits:)`` through the cache of recent words, when there is one.
    private mutating func analysedThroughCache(
        _ w: UnsafeBufferPointer<UInt32>, folded f: UnsafeBufferPointer<UInt32>, onlyDigits: Bool
    ) -> (term: String, exact: String) {
        guard let cache, let key = TermCache.key(f) else { return analyse(w, folded: f, onlyDigits: onlyDigits) }
        if let hit = cache.lookup(key) { return (hit.term, hit.exact) }
        let (term, exact) = analyse(w, folded: f, onlyDigits: onlyDigits)
        cache.store(key, term: term, exact: exact)
        return (term, exact)
    }

    /// The term and exact form of word `w`, folded as `f`.
    private mutating func analyse(
        _ w: UnsafeBufferPointer<UInt32>, folded f: UnsafeBufferPointer<UInt32>, onlyDigits: Bool
    ) -> (term: String, exact: String) {
        let exact = Self.string(f)
        if onlyDigits || f.count > Self.maxStemmedLength || w.count > Self.maxStemmedLength {
            return (exact, exact)
        }
        switch stemming {
        case .none:
            return (exact, exact)
        case .foldedWord:
            stemmer.load(f)
        case .accentedWord:
            stemmer.load(w)
        }
        stemmer.run()
        if stemming == .foldedWord {
            // The folded input has no `ë`/`ï`, so the stem needs no folding.
            let stem = stemmer.stem
            if stem.elementsEqual(f) { return (exact, exact) }
            return (Self.string(stem), exact)
        }
        var n = 0
        for v in stemmer.stem { tables.appendFold(v, to: stemFolded, count: &n, capacity: 4 * Self.stemCapacity) }
        return (Self.string(UnsafeBufferPointer(start: stemFolded, count: n)), exact)
    }

    /// Recomposes the `count` scalars of `word` to NFC (rare: decomposed input); the new count.
    private func recompose(_ count: Int) -> Int {
        let nfc = Self.composed(Array(UnsafeBufferPointer(start: word, count: count)))
        let n = min(nfc.count, count)
        for k in 0..<n { word[k] = nfc[k] }
        return n
    }

    /// NFC of a word that holds combining marks.
    static func composed(_ word: [UInt32]) -> [UInt32] {
        let nfc = word.withUnsafeBufferPointer { string($0) }.precomposedStringWithCanonicalMapping
        return nfc.unicodeScalars.map(\.value)
    }

    /// A string from scalar values, encoded straight into the string's storage.
    static func string(_ scalars: UnsafeBufferPointer<UInt32>) -> String {
        var bytes = 0
        for v in scalars {
            bytes += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        return String(unsafeUninitializedCapacity: bytes) { buffer in
            var i = 0
            for v in scalars {
                if v < 0x80 {
                    buffer[i] = UInt8(truncatingIfNeeded: v)
                    i += 1
                } else if v < 0x800 {
                    buffer[i] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6)
                    buffer[i + 1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                    i += 2
                } else if v < 0x10000 {
                    buffer[i] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12)
                    buffer[i + 1] = UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F)
                    buffer[i + 2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                    i += 3
                } else {
                    buffer[i] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18)
                    buffer[i + 1] = UInt8(truncatingIfNeeded: 0x80 | (v >> 12) & 0x3F)
                    buffer[i + 2] = UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F)
                    buffer[i + 3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                    i += 4
                }
            }
            return i
        }
    }
}

extension FilterChain {
    /// ``filter(_:keepStopWord:)`` for highlighting: nil for a stop word; otherwise the token's
    /// start and, when `mayMatch` accepts the first scalar of its folded form (or that form is
    /// empty), its term and exact form. Other words are neither stemmed nor turned into
    /// strings: a folded word's stem starts with the word's first scalar (Snowball's regions
    /// RV, R1 and R2 never include it, and the prelude's capitals are undone), so a word whose
    /// first scalar starts no searched term can match none by its term or its exact form.
    mutating func filter(_ raw: RawWord, mayMatch: (UInt32) -> Bool) -> HighlightForms {
        let (w, f, start) = elidedAndFolded(raw)
        if stopWords, stopSet.contains(f) { return HighlightForms(start: start, stopWord: true) }
        // Only the folded-word chain is known to keep the first scalar; the others analyse all.
        if stemming != .accentedWord, let first = f.first, !mayMatch(first) { return HighlightForms(start: start) }
        let (term, exact) = analysedThroughCache(w, folded: f, onlyDigits: raw.onlyDigits)
        return HighlightForms(start: start, term: term, exact: exact)
    }
}

extension FilterChain {
    /// How highlighting takes a word (``classify(_:prefixes:)``).
    enum HighlightClass: UInt8 {
        /// A stop word: no token.
        case stopWord
        /// A token that cannot match: no forms.
        case plain
        /// A token that may match: its forms are ``pendingForms()``.
        case analysed
    }

    /// ``filter(_:mayMatch:)`` with the words analysed chosen by their first two folded scalars,
    /// in two steps: the class of the word and where its token starts (two registers: the
    /// struct with two optional strings it returned went through memory for every word, a
    /// fifth of the scan's time in store-forwarding stalls), then, for an `.analysed` word
    /// only, its forms from ``pendingForms()``.
    @inline(__always)
    mutating func classify(_ raw: RawWord, prefixes: HighlightPrefixes) -> (start: Int, kind: HighlightClass) {
        let (w, f, start) = elidedAndFolded(raw)
        if stopWords, stopSet.contains(f) { return (start, .stopWord) }
        if stemming != .accentedWord, !prefixes.mayMatch(f) { return (start, .plain) }
        pending = (w, f, raw.onlyDigits)
        return (start, .analysed)
    }

    /// The term and exact form of the word ``classify(_:prefixes:)`` last called `.analysed`.
    mutating func pendingForms() -> (term: String, exact: String) {
        analysedThroughCache(pending.word, folded: pending.folded, onlyDigits: pending.onlyDigits)
    }
}

/// What ``FilterChain/filter(_:mayMatch:)`` makes of a word: a plain struct, where a nested
/// optional tuple was destroyed through the runtime's generic value witnesses (about a tenth of
/// a snippet's time).
struct HighlightForms {
    var start: Int
    /// A stop word: no token.
    var stopWord = false
    var term: String?
    var exact: String?
}
