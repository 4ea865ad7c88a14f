import OGPAnalysis

/// Builds highlighted excerpts from stored text.
enum Snippets {
    /// Window length in tokens.
    static let window = 28

    /// The best excerpt of `doc`'s non-title fields (or the title when that's all there is):
    /// the window with the most distinct matched terms, cut at word boundaries.
    static func make(_ doc: IndexDocument, schema: IndexSchema, terms: Set<String>) -> Snippet? {
        // The texts side by side in one buffer, as a stored block holds them.
        var bytes: [UInt8] = []
        var fields: [StoredHit.Field] = []
        for f in doc.fields {
            let start = bytes.count
            bytes.append(contentsOf: f.text.utf8)
            fields.append(StoredHit.Field(name: f.name, text: start..<bytes.count))
        }
        return bytes.withUnsafeBytes { make(fields: fields, in: $0, terms: Terms(terms)) }
    }

    /// The searched terms as the snippets of one search look for them (prepared once per search,
    /// not per hit).
    struct Terms {
        let set: Set<String>
        /// The UTF-8 lengths of the terms (bit n: n bytes, 63 and more on bit 63): a token of
        /// another length is not looked up (most tokens match no term; hashing each was a third
        /// of a snippet's time).
        private let lengths: UInt64
        /// The words the analyser stems: those starting as a term starts (most words of a text
        /// do not, and are neither stemmed nor made strings).
        let prefixes: HighlightPrefixes

        init(_ terms: Set<String>) {
            set = terms
            var lengths: UInt64 = 0
            for t in terms { lengths |= 1 << UInt64(min(63, t.utf8.count)) }
            self.lengths = lengths
            prefixes = HighlightPrefixes(terms)
        }

        /// Whether `s` is one of the terms.
        @inline(__always)
        func contains(_ s: String) -> Bool {
            lengths & (1 << UInt64(min(63, s.utf8.count))) != 0 && set.contains(s)
        }
    }

    /// ``make(_:schema:terms:)`` for texts given as ranges of UTF-8 `bytes` (a stored block's
    /// document read in place: no string is made of the texts, only of the excerpt kept).
    static func make(fields all: [StoredHit.Field], in bytes: UnsafeRawBufferPointer, terms: Terms) -> Snippet? {
        var tokens: [HighlightSpan] = []
        return make(fields: all, in: bytes, terms: terms, tokens: &tokens)
    }

    /// ``make(fields:in:terms:)`` with `tokens` as scratch (reused from hit to hit).
    static func make(
        fields all: [StoredHit.Field], in bytes: UnsafeRawBufferPointer, terms: Terms, tokens: inout [HighlightSpan]
    ) -> Snippet? {
        let fields = all.filter { $0.name != "title" && !$0.text.isEmpty }
        var best: (score: Int, snippet: Snippet)?
        for f in fields.isEmpty ? all : fields {
            tokens.removeAll(keepingCapacity: true)
            var termIDs: [String: Int] = [:]
            let text = UnsafeBufferPointer(rebasing: bytes.bindMemory(to: UInt8.self)[f.text])
            Analyzer.french.highlightSpans(utf8: text, analysingWordsMatching: terms.prefixes, into: &tokens) {
                term, exact in
                // A token matches by its stem or its exact form; windows count distinct stems.
                guard terms.contains(term) || terms.contains(exact) else { return -1 }
                let id = termIDs[term] ?? termIDs.count
                termIDs[term] = id
                return id
            }
            let count = tokens.count
            guard count > 0 else { continue }
            var bestStart = 0
            var bestCount = -1
            var seen = [Int](repeating: -1, count: termIDs.count)  // the window that saw each term
            let t = tokens
            for start in 0..<count where start == 0 || t[start].term >= 0 {
                let end = min(count, start + window)
                var distinct = 0
                for i in start..<end where t[i].term >= 0 && seen[t[i].term] != start {
                    seen[t[i].term] = start
                    distinct += 1
                }
                // More distinct words first; then matches side by side (the query's wording).
                var adjacent = 0
                for i in start..<max(start, end - 1)
                where t[i].term >= 0 && t[i + 1].term >= 0 && t[i + 1].position == t[i].position + 1 {
                    adjacent += 1
                }
                let score = distinct * 100 + adjacent
                if score > bestCount {
                    bestCount = score
                    bestStart = start
                }
            }
            // Start a few words before the first match, for context.
            let from = bestCount > 0 ? max(0, bestStart - 4) : 0
            let to = min(count, max(from + window, bestStart + window))
            // Cut only the excerpt kept (a later field replaces it only with more matches).
            if best == nil || bestCount > (best?.score ?? 0) {
                best = (bestCount, cut(f.name, text, tokens: tokens, from: from, to: to))
            }
        }
        return best?.snippet
    }

    /// Tokens `from..<to` of the text `bytes` (of field `name`) with a lead and a tail ellipsis where text was left out,
    /// whitespace runs collapsed and the matches' UTF-8 ranges in the result.
    private static func cut(
        _ name: String, _ bytes: UnsafeBufferPointer<UInt8>, tokens: [HighlightSpan], from: Int, to: Int
    ) -> Snippet {
        let startByte = from == 0 ? 0 : min(tokens[from].start, bytes.count)
        let endByte = to == tokens.count ? bytes.count : min(tokens[to - 1].end, bytes.count)
        let body = UnsafeBufferPointer(rebasing: bytes[startByte..<max(startByte, endByte)])
        var highlights: [Range<Int>] = []
        // Collapse whitespace runs while mapping highlight offsets.
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 8)
        if from > 0 { out.append(contentsOf: "… ".utf8) }
        var map = [Int](repeating: 0, count: body.count + 1)
        var lastSpace = false
        for (i, b) in body.enumerated() {
            map[i] = out.count
            let space = b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
            if space {
                if !lastSpace { out.append(0x20) }
            } else {
                out.append(b)
            }
            lastSpace = space
        }
        map[body.count] = out.count
        for i in from..<to where tokens[i].term >= 0 {
            let a = tokens[i].start - startByte
            let b = tokens[i].end - startByte
            if a >= 0, b <= body.count, a < b { highlights.append(map[a]..<map[b]) }
        }
        if to < tokens.count { out.append(contentsOf: " …".utf8) }
        return Snippet(field: name, text: String(decoding: out, as: UTF8.self), highlights: highlights)
    }
}
