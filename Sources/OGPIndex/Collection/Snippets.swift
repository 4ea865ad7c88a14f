import OGPAnalysis

/// Builds highlighted excerpts from stored text.
enum Snippets {
    /// Window length in tokens.
    static let window = 28

    /// The best excerpt of `doc`'s non-title fields (or the title when that's all there is):
    /// the window with the most distinct matched terms, cut at word boundaries.
    static func make(_ doc: IndexDocument, schema: IndexSchema, terms: Set<String>) -> Snippet? {
        let fields = doc.fields.filter { $0.name != "title" && !$0.text.isEmpty }
        // The UTF-8 lengths of the terms (bit n: n bytes, 63 and more on bit 63): a token of
        // another length is not looked up (most tokens match no term; hashing each was a third
        // of a snippet's time).
        var lengths: UInt64 = 0
        for t in terms { lengths |= 1 << UInt64(min(63, t.utf8.count)) }
        @inline(__always) func mayMatch(_ s: String) -> Bool { lengths & (1 << UInt64(min(63, s.utf8.count))) != 0 }
        var best: (score: Int, snippet: Snippet)?
        var tokens = FieldTokens()
        for f in fields.isEmpty ? doc.fields : fields {
            tokens.removeAll()
            var termIDs: [String: Int] = [:]
            Analyzer.french.forEachToken(f.text) { t in
                // A token matches by its stem or its exact form; windows count distinct stems.
                let matched = (mayMatch(t.term) && terms.contains(t.term)) || (mayMatch(t.exact) && terms.contains(t.exact))
                var id = -1
                if matched {
                    id = termIDs[t.term] ?? termIDs.count
                    termIDs[t.term] = id
                }
                tokens.append(term: id, position: t.position, start: t.start, end: t.end)
            }
            let count = tokens.term.count
            guard count > 0 else { continue }
            var bestStart = 0
            var bestCount = -1
            var seen = [Int](repeating: -1, count: termIDs.count)  // the window that saw each term
            for start in 0..<count where start == 0 || tokens.term[start] >= 0 {
                let end = min(count, start + window)
                var distinct = 0
                for i in start..<end where tokens.term[i] >= 0 && seen[tokens.term[i]] != start {
                    seen[tokens.term[i]] = start
                    distinct += 1
                }
                // More distinct words first; then matches side by side (the query's wording).
                var adjacent = 0
                for i in start..<max(start, end - 1)
                where tokens.term[i] >= 0 && tokens.term[i + 1] >= 0 && tokens.position[i + 1] == tokens.position[i] + 1 {
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
            let s = cut(f, tokens: tokens, from: from, to: to)
            if best == nil || bestCount > (best?.score ?? 0) { best = (bestCount, s) }
        }
        return best?.snippet
    }

    /// A field's tokens, as parallel arrays reused from field to field: the number of the
    /// matched term (-1: none), the position, the UTF-8 range in the text.
    private struct FieldTokens {
        var term: [Int] = []
        var position: [Int] = []
        var start: [Int] = []
        var end: [Int] = []

        mutating func append(term t: Int, position p: Int, start s: Int, end e: Int) {
            term.append(t)
            position.append(p)
            start.append(s)
            end.append(e)
        }

        mutating func removeAll() {
            term.removeAll(keepingCapacity: true)
            position.removeAll(keepingCapacity: true)
            start.removeAll(keepingCapacity: true)
            end.removeAll(keepingCapacity: true)
        }
    }

    private static func cut(_ f: TextField, tokens: FieldTokens, from: Int, to: Int) -> Snippet {
        let bytes = Array(f.text.utf8)
        let startByte = from == 0 ? 0 : tokens.start[from]
        let endByte = to == tokens.term.count ? bytes.count : tokens.end[to - 1]
        let lead = from > 0 ? "… " : ""
        let tail = to < tokens.term.count ? " …" : ""
        let body = Array(bytes[startByte..<min(endByte, bytes.count)])
        var text = ""
        var highlights: [Range<Int>] = []
        // Collapse whitespace runs while mapping highlight offsets.
        var out: [UInt8] = Array(lead.utf8)
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
        for i in from..<to where tokens.term[i] >= 0 {
            let a = tokens.start[i] - startByte
            let b = tokens.end[i] - startByte
            if a >= 0, b <= body.count, a < b { highlights.append(map[a]..<map[b]) }
        }
        out.append(contentsOf: Array(tail.utf8))
        text = String(decoding: out, as: UTF8.self)
        return Snippet(field: f.name, text: text, highlights: highlights)
    }
}
