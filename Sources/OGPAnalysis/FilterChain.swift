import Foundation

/// The filters after the tokenizer, for one analysis call: recomposition of decomposed input,
/// elision, accent folding, stop words, stemming, and the `Token` itself.
///
/// It owns the scratch buffers and the stemmer, so a call to `Analyzer.forEachToken` allocates
/// them once, whatever the length of the text. Words reach it lower-cased from `UTF8Scanner`.
struct FilterChain {
    let tables: CharacterTables
    let stemming: Analyzer.Stemming
    let stopWords: Bool
    private let stopSet = PackedWordSet.frenchStopWords
    private let elisions = PackedWordSet.frenchElisions
    private var folded: [UInt32] = []
    private var stemmer = FrenchStemmer()
    private var stemFolded: [UInt32] = []

    /// Words longer than this (in scalars) are indexed unstemmed: no French word is, and the
    /// stemmer's edits are linear in the word's length.
    static let maxStemmedLength = 64

    init(tables: CharacterTables, stemming: Analyzer.Stemming, stopWords: Bool) {
        self.tables = tables
        self.stemming = stemming
        self.stopWords = stopWords
        folded.reserveCapacity(64)
        stemFolded.reserveCapacity(64)
    }

    /// Runs the filters on one scanned word. Returns nil for a stop word (unless `keepStopWord`),
    /// else the token's term and exact form with the byte offset where it starts (after an
    /// elided article).
    mutating func filter(
        _ word: inout [UInt32], _ raw: RawWord, keepStopWord: Bool
    ) -> (term: String, exact: String, start: Int)? {
        var apostrophe = raw.firstApostrophe
        if raw.hasMark {
            word = Self.composed(word)
            apostrophe = word.firstIndex(of: 0x27) ?? -1
        }
        // Elision: `l'`, `qu'`, `jusqu'`... (`aujourd'hui` stays whole).
        var begin = 0
        var start = raw.start
        if apostrophe > 0, elisions.contains(word[0..<apostrophe]) {
            begin = apostrophe + 1
            start = raw.afterApostrophe
        }
        let w = word[begin...]

        // Folding, then stop words on the folded form.
        folded.removeAll(keepingCapacity: true)
        var ascii = true
        for v in w {
            if v < 0x80 { folded.append(v) } else { ascii = false; tables.appendFold(v, to: &folded) }
        }
        if stopWords, !keepStopWord, stopSet.contains(folded[...]) { return nil }
        let exact = Self.string(folded[...])

        // Stemming.
        if raw.onlyDigits || w.count > Self.maxStemmedLength { return (exact, exact, start) }
        switch stemming {
        case .none:
            return (exact, exact, start)
        case .foldedWord:
            stemmer.load(folded[...])
        case .accentedWord:
            stemmer.load(w)
        }
        stemmer.run()
        if stemming == .foldedWord && ascii {
            return (Self.string(stemmer.w[...]), exact, start)
        }
        stemFolded.removeAll(keepingCapacity: true)
        for v in stemmer.w { tables.appendFold(v, to: &stemFolded) }
        return (Self.string(stemFolded[...]), exact, start)
    }

    /// NFC of a word that holds combining marks (rare: decomposed input).
    static func composed(_ word: [UInt32]) -> [UInt32] {
        let nfc = string(word[...]).precomposedStringWithCanonicalMapping
        return nfc.unicodeScalars.map(\.value)
    }

    /// A string from scalar values, encoded straight into the string's storage.
    static func string(_ scalars: ArraySlice<UInt32>) -> String {
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
