import Foundation
import OGPAnalysis
import Testing

@testable import OGPIndex

/// The snippet extraction as it was before issue 15's rewrite (tokens as an array of strings, a
/// set per window), kept verbatim as the reference the faster one must equal.
enum ReferenceSnippets {
    /// Window length in tokens.
    static let window = 28

    /// The best excerpt of `doc`'s non-title fields (or the title when that's all there is):
    /// the window with the most distinct matched terms, cut at word boundaries.
    static func make(_ doc: IndexDocument, terms: Set<String>) -> Snippet? {
        let fields = doc.fields.filter { $0.name != "title" && !$0.text.isEmpty }
        var best: (score: Int, snippet: Snippet)?
        for f in fields.isEmpty ? doc.fields : fields {
            let tokens = Analyzer.french.tokens(f.text)
            guard !tokens.isEmpty else { continue }
            let matched = tokens.map { terms.contains($0.term) || terms.contains($0.exact) }
            var bestStart = 0
            var bestCount = -1
            for start in tokens.indices where start == 0 || matched[start] {
                let end = min(tokens.count, start + window)
                let distinct = Set((start..<end).filter { matched[$0] }.map { tokens[$0].term }).count
                // More distinct words first; then matches side by side (the query's wording).
                let adjacent = (start..<max(start, end - 1)).filter {
                    matched[$0] && matched[$0 + 1] && tokens[$0 + 1].position == tokens[$0].position + 1
                }.count
                let score = distinct * 100 + adjacent
                if score > bestCount {
                    bestCount = score
                    bestStart = start
                }
            }
            // Start a few words before the first match, for context.
            let from = bestCount > 0 ? max(0, bestStart - 4) : 0
            let to = min(tokens.count, max(from + window, bestStart + window))
            let s = cut(f, tokens: tokens, matched: matched, from: from, to: to)
            if best == nil || bestCount > (best?.score ?? 0) { best = (bestCount, s) }
        }
        return best?.snippet
    }

    private static func cut(_ f: TextField, tokens: [Token], matched: [Bool], from: Int, to: Int) -> Snippet {
        let bytes = Array(f.text.utf8)
        let startByte = from == 0 ? 0 : tokens[from].start
        let endByte = to == tokens.count ? bytes.count : tokens[to - 1].end
        let lead = from > 0 ? "… " : ""
        let tail = to < tokens.count ? " …" : ""
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
        for i in from..<to where matched[i] {
            let a = tokens[i].start - startByte
            let b = tokens[i].end - startByte
            if a >= 0, b <= body.count, a < b { highlights.append(map[a]..<map[b]) }
        }
        out.append(contentsOf: Array(tail.utf8))
        text = String(decoding: out, as: UTF8.self)
        return Snippet(field: f.name, text: text, highlights: highlights)
    }
}

/// The faster snippet extraction gives exactly the reference's snippets, over many documents and
/// queries (stems, exact forms, repeated and adjacent matches, no match, empty fields).
@Suite struct SnippetEquivalenceTests {
    @Test func snippetsEqualTheReferenceExtraction() throws {
        let docs = StoredFieldsTests.corpus(400)
        let dir = Fixture.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try IndexWriter(directory: dir)
        for d in docs { try w.add(d) }
        try w.commit()
        let reader = try IndexReader(directory: dir)
        let queries = [
            "gouvernement ouvert", "données environnementales", "\"plan d’action\"", "participation citoyenne",
            "transparence de l’action publique", "enjeux", "numérique climat", "transition écologique science",
            "zzz inconnu", "gouvernement gouvernements ouverts", "citoyen", "les",
        ]
        var compared = 0
        for q in queries {
            let terms = try reader.plan(SearchRequest(query: q)).highlightTerms
            for d in docs {
                let fast = Snippets.make(d, schema: reader.schema, terms: terms)
                let reference = ReferenceSnippets.make(d, terms: terms)
                #expect(fast == reference, "\(q) / \(d.id)")
                if fast != nil { compared += 1 }
            }
        }
        #expect(compared > 1_000)
    }
}
