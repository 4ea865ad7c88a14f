/// A token as highlighting sees it: where it is, and its forms only when it may match.
public struct HighlightToken: Sendable {
    /// The indexed form and the folded unstemmed form, nil when the word could match no searched
    /// term (its first scalar starts none of them): such words are not stemmed.
    public var term: String?
    public var exact: String?
    /// As ``Token/position``, ``Token/start`` and ``Token/end``.
    public var position: Int
    public var start: Int
    public var end: Int
}

extension Analyzer {
    /// The tokens ``forEachToken(_:_:)`` gives (same positions, same offsets, stop words left
    /// out the same way), with their term and exact form only for words whose folded form starts
    /// with a scalar `mayStart` accepts. For snippets: the text of each hit is analysed for a few
    /// query terms, and most of its words start with a letter none of them starts with, so they
    /// are neither stemmed nor looked up. A token whose `term` or `exact` is among terms all
    /// starting with accepted scalars always gets them.
    public func forEachToken(
        _ text: String, analysingWordsStartingWith mayStart: (UInt32) -> Bool, _ body: (HighlightToken) -> Void
    ) {
        var text = text
        text.withUTF8 { forEachToken(utf8: $0, analysingWordsStartingWith: mayStart, body) }
    }

    /// ``forEachToken(_:analysingWordsStartingWith:_:)`` over text given as UTF-8 bytes (a stored
    /// document's field read in place, with no string made of it). The bytes are expected to be
    /// valid UTF-8, as a string's are; invalid sequences are read as U+FFFD, never past the end.
    public func forEachToken(
        utf8 bytes: UnsafeBufferPointer<UInt8>, analysingWordsStartingWith mayStart: (UInt32) -> Bool,
        _ body: (HighlightToken) -> Void
    ) {
        let tables = CharacterTables.shared
        var chain = FilterChain(tables: tables, stemming: stemming, stopWords: stopWords)
        defer { chain.release() }
        var position = 0
        UTF8Scanner(tables: tables).scan(bytes, word: chain.word) { raw in
            let r = chain.filter(raw, mayMatch: mayStart)
            if !r.stopWord {
                body(HighlightToken(term: r.term, exact: r.exact, position: position, start: r.start, end: raw.end))
            }
            position += 1
        }
    }
}

extension Analyzer {
    /// ``forEachToken(utf8:analysingWordsStartingWith:_:)`` with the words analysed chosen by
    /// their first two scalars (``HighlightPrefixes``): a token whose `term` or `exact` is among
    /// the prefixes' terms always gets them; most others get none.
    public func forEachToken(
        utf8 bytes: UnsafeBufferPointer<UInt8>, analysingWordsMatching prefixes: HighlightPrefixes,
        _ body: (HighlightToken) -> Void
    ) {
        let tables = CharacterTables.shared
        var chain = FilterChain(tables: tables, stemming: stemming, stopWords: stopWords)
        defer { chain.release() }
        var position = 0
        UTF8Scanner(tables: tables).scan(bytes, word: chain.word) { raw in
            let (start, kind) = chain.classify(raw, prefixes: prefixes)
            switch kind {
            case .stopWord:
                break
            case .plain:
                body(HighlightToken(term: nil, exact: nil, position: position, start: start, end: raw.end))
            case .analysed:
                let (term, exact) = chain.pendingForms()
                body(HighlightToken(term: term, exact: exact, position: position, start: start, end: raw.end))
            }
            position += 1
        }
    }
}

/// A token as a snippet keeps it: the number its `match` gave it (-1: not analysed, or no
/// match), its position and its UTF-8 range (as ``HighlightToken``'s).
public struct HighlightSpan: Sendable, Equatable {
    public var term: Int
    public var position: Int
    public var start: Int
    public var end: Int

    public init(term: Int, position: Int, start: Int, end: Int) {
        self.term = term
        self.position = position
        self.start = start
        self.end = end
    }
}

extension Analyzer {
    /// The tokens of ``forEachToken(utf8:analysingWordsMatching:_:)`` appended to `spans`, with
    /// `match` called only for the analysed ones (with their term and exact form; it returns
    /// the number to keep, or -1). No call and no strings per token: most tokens of a hit's text
    /// are neither matches nor analysed, and calling back for each cost a fifth of a snippet.
    public func highlightSpans(
        utf8 bytes: UnsafeBufferPointer<UInt8>, analysingWordsMatching prefixes: HighlightPrefixes,
        into spans: inout [HighlightSpan], match: (_ term: String, _ exact: String) -> Int
    ) {
        let tables = CharacterTables.shared
        var chain = FilterChain(tables: tables, stemming: stemming, stopWords: stopWords)
        defer { chain.release() }
        var position = 0
        UTF8Scanner(tables: tables).scan(bytes, word: chain.word) { raw in
            let (start, kind) = chain.classify(raw, prefixes: prefixes)
            switch kind {
            case .stopWord:
                break
            case .plain:
                spans.append(HighlightSpan(term: -1, position: position, start: start, end: raw.end))
            case .analysed:
                let (term, exact) = chain.pendingForms()
                spans.append(HighlightSpan(term: match(term, exact), position: position, start: start, end: raw.end))
            }
            position += 1
        }
    }
}
