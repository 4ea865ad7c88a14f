/// One term of analysed text, with its place in the original.
public struct Token: Sendable, Hashable {
    /// The indexed form: folded and stemmed (`environnementales` → `environnemental`).
    public var term: String
    /// The folded, unstemmed form (`environnementales`), indexed too so exact wording ranks first.
    public var exact: String
    /// Position in the word stream: removed stop words still take a position, so phrase
    /// queries see the gaps. An elided article is part of its word (`l'eau` is one position).
    public var position: Int
    /// Byte offsets of the token in the original text's UTF-8 (for snippets); an elided article
    /// is left out (`l’eau` → the bytes of `eau`).
    public var start: Int
    public var end: Int

    public init(term: String, exact: String, position: Int, start: Int, end: Int) {
        self.term = term
        self.exact = exact
        self.position = position
        self.start = start
        self.end = end
    }
}

/// The French analysis chain, shared by indexing and querying.
///
/// `UTF8Scanner` (tokens of letters and digits, apostrophes normalised, hyphens split,
/// lower case) → `FilterChain` (elision, accent folding, stop words, Snowball French stemming).
/// A token carries both the stemmed `term` and the folded unstemmed `exact` form.
///
/// By default the stemmer runs on the accent-folded word (`Stemming.foldedWord`), so a word
/// gives the same term with or without its accents (`données`, `donnees`, `DONNÉES` → `donne`).
/// Snowball's own input is the accented word (`Stemming.accentedWord`: `données` → `don` but
/// `donnees` → `donne`). Measured with a Python prototype of this chain and a plain BM25
/// (title ×3 + body) on fr-ir-eval SPF (535 questions), MRR@10 as given / accents stripped: folded 0.804 / 0.804, accented 0.803 / 0.785;
/// adding the `exact` forms at half weight: folded 0.810 / 0.810, accented 0.816 / 0.809.
///
/// Analysis is pure and thread-safe; each thread keeps a small cache of recent words
/// (`TermCache`), so a call allocates only its few fixed buffers and the tokens' strings.
public struct Analyzer: Sendable {
    /// What the Snowball stemmer is given.
    public enum Stemming: Sendable, Hashable {
        /// No stemming: `term` is the folded word.
        case none
        /// The accent-folded word (accent-insensitive terms; the default).
        case foldedWord
        /// The accented lower-case word, as Snowball expects; the stem is folded afterwards.
        case accentedWord
    }

    /// The French chain: stop words removed, folded words stemmed.
    public static let french = Analyzer()

    /// How words are stemmed.
    public let stemming: Stemming
    /// Whether stop words are dropped (their positions are kept either way).
    public let stopWords: Bool

    public init(stemming: Stemming = .foldedWord, stopWords: Bool = true) {
        self.stemming = stemming
        self.stopWords = stopWords
    }

    /// Analyses `text` into tokens.
    public func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        forEachToken(text) { out.append($0) }
        return out
    }

    /// Calls `body` for each token of `text`, in order.
    public func forEachToken(_ text: String, _ body: (Token) -> Void) {
        run(text, quoted: [], body)
    }

    /// Analyses a query: as `tokens(_:)`, except that stop words inside double quotes
    /// (`"…"`, `« … »`, `“ … ”`) are kept, analysed like any other word, so a phrase can be
    /// matched word for word (`isStopWord` tells which to treat as wildcards against an index
    /// without them). Positions are the same as `tokens(_:)` gives.
    public func queryTokens(_ text: String) -> [Token] {
        var out: [Token] = []
        run(text, quoted: Self.quotedRanges(text)) { out.append($0) }
        return out
    }

    /// The term of a single word (folded and stemmed), or nil if it is a stop word or holds no
    /// letter or digit. A word the tokenizer would split (`Île-de-France`) gives its first part.
    public func analyzeWord(_ word: String) -> String? {
        var term: String?
        forEachToken(word) { token in
            if term == nil { term = token.term }
        }
        return term
    }

    /// Lower-cases and accent-folds `text` as the chain does (`L’Œuvre ÉCOLOGIQUE` →
    /// `l’oeuvre ecologique`), without tokenizing: for comparing `exact` forms or field values.
    public func fold(_ text: String) -> String {
        let tables = CharacterTables.shared
        var lower: [UInt32] = []
        lower.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars { tables.appendLower(s.value, to: &lower) }
        var folded: [UInt32] = []
        folded.reserveCapacity(lower.count)
        for v in FilterChain.composed(lower) { tables.appendFold(v, to: &folded) }
        return folded.withUnsafeBufferPointer { FilterChain.string($0) }
    }

    /// Whether `word` is one of the 154 French stop words, compared after folding
    /// (`même`, `meme` and `MÊME` are).
    public func isStopWord(_ word: String) -> Bool {
        PackedWordSet.frenchStopWords.contains(fold(word))
    }

    /// The French stop list, as published (154 words).
    public static var frenchStopWords: [String] { PackedWordSet.frenchStopList }

    /// The bare Snowball French stemmer on one lower-case NFC word, accents and all
    /// (`données` → `don`), exactly as `stemwords -l french`: no folding, no stop words.
    public static func snowballStem(_ word: String) -> String {
        let stem = FrenchStemmer.stem(word.unicodeScalars.map(\.value))
        return stem.withUnsafeBufferPointer { FilterChain.string($0) }
    }

    /// The chain over `text`; stop words starting inside `quoted` (sorted byte ranges) are kept.
    private func run(_ text: String, quoted: [Range<Int>], _ body: (Token) -> Void) {
        let tables = CharacterTables.shared
        var chain = FilterChain(tables: tables, stemming: stemming, stopWords: stopWords)
        defer { chain.release() }
        var position = 0
        var q = 0
        var text = text
        text.withUTF8 { bytes in
            UTF8Scanner(tables: tables).scan(bytes, word: chain.word) { raw in
                var keep = false
                if !quoted.isEmpty {
                    while q < quoted.count, quoted[q].upperBound <= raw.start { q += 1 }
                    keep = q < quoted.count && quoted[q].contains(raw.start)
                }
                if let r = chain.filter(raw, keepStopWord: keep) {
                    body(Token(term: r.term, exact: r.exact, position: position, start: r.start, end: raw.end))
                }
                position += 1
            }
        }
    }

    /// Byte ranges between quotes (`"`, `«»`, `“”`); an unclosed quote runs to the end.
    static func quotedRanges(_ text: String) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var open: Int?
        var i = 0
        let bytes = Array(text.utf8)
        while i < bytes.count {
            var quoteLength = 0
            if bytes[i] == 0x22 {
                quoteLength = 1
            } else if bytes[i] == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xAB || bytes[i + 1] == 0xBB {
                quoteLength = 2
            } else if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80,
                bytes[i + 2] == 0x9C || bytes[i + 2] == 0x9D
            {
                quoteLength = 3
            }
            if quoteLength > 0 {
                if let o = open {
                    ranges.append(o..<i)
                    open = nil
                } else {
                    open = i + quoteLength
                }
                i += quoteLength
            } else {
                i += 1
            }
        }
        if let o = open { ranges.append(o..<bytes.count) }
        return ranges
    }
}
