import Foundation

/// One term of analysed text, with its place in the original.
public struct Token: Sendable, Hashable {
    /// The indexed form: folded and stemmed (`environnementales` → `environnemental`).
    public var term: String
    /// The folded, unstemmed form (`environnementales`), indexed too so exact wording ranks first.
    public var exact: String
    /// Position in the token stream; stop words and elided articles keep their positions,
    /// so phrase queries still see the gaps.
    public var position: Int
    /// Byte offsets of the token in the original text's UTF-8 (for snippets).
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
/// Initial version: splits on non-alphanumerics, lowercases and folds accents. The full chain
/// (elision, stop words, Snowball stemming, byte scanner) replaces the internals behind the
/// same API.
public struct Analyzer: Sendable {
    /// The French chain.
    public static let french = Analyzer()

    public init() {}

    /// The bare Snowball French stemmer on one lower-case NFC word, accents and all
    /// (`données` → `don`), exactly as `stemwords -l french`: no folding, no stop words.
    public static func snowballStem(_ word: String) -> String {
        var stemmer = FrenchStemmer()
        let stem = stemmer.stem(word.unicodeScalars.lazy.map(\.value))
        var out = String.UnicodeScalarView()
        for v in stem { if let s = Unicode.Scalar(v) { out.append(s) } }
        return String(out)
    }

    /// Analyses `text` into tokens.
    public func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        forEachToken(text) { out.append($0) }
        return out
    }

    /// Calls `body` for each token of `text`, in order.
    public func forEachToken(_ text: String, _ body: (Token) -> Void) {
        let bytes = Array(text.utf8)
        var position = 0
        var i = 0
        while i < bytes.count {
            while i < bytes.count, !isWordByte(bytes[i]) { i += 1 }
            let start = i
            while i < bytes.count, isWordByte(bytes[i]) { i += 1 }
            if i > start {
                let word = String(decoding: bytes[start..<i], as: UTF8.self)
                let folded = word.lowercased().folding(options: [.diacriticInsensitive], locale: nil)
                body(Token(term: folded, exact: folded, position: position, start: start, end: i))
                position += 1
            }
        }
    }

    private func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
    }
}
