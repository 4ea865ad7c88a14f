import Foundation
import OGPModel
import OGPParse
import Testing

/// Broken inputs give a failed or partial item with a clear reason: never a crash or a hang.
@Suite("Bad inputs")
struct BadInputTests {
    static func jekyllFailure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ItemFailure? {
        jekyllFailure(Data(text.utf8), sourceLocation: sourceLocation)
    }

    static func jekyllFailure(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) -> ItemFailure? {
        let result = JekyllPostDecoder.decode(
            data, path: "_actualites/broken.markdown", context: Fixtures.jekyllContext)
        guard case .failed(let f) = result else {
            Issue.record("not failed: \(result)", sourceLocation: sourceLocation)
            return nil
        }
        #expect(f.item == "_actualites/broken.markdown", sourceLocation: sourceLocation)
        return f
    }

    @Test func brokenYAML() throws {
        let f = try #require(Self.jekyllFailure("---\ntitle: Bon titre\ntags: [a, b\ndate: 2020-01-01\n---\nTexte.\n"))
        #expect(f.code == "invalidYAML")
        #expect(f.reason.hasPrefix("invalid YAML in front matter"))
        #expect((f.line ?? 0) >= 3)
        #expect(f.description.hasPrefix("_actualites/broken.markdown:"))
    }

    @Test func unterminatedFrontMatter() throws {
        let f = try #require(
            Self.jekyllFailure("---\ntitle: Sans fin\ndate: 2020-01-01\n\nLe corps commence sans `---`.\n"))
        #expect(f.code == "frontMatter")
        #expect(f.line == 1)
        #expect(f.reason.contains("never closed"))
    }

    @Test func noFrontMatter() throws {
        let f = try #require(Self.jekyllFailure("Juste du texte.\n"))
        #expect(f.code == "frontMatter")
    }

    @Test(.timeLimit(.minutes(1))) func yamlAliasBomb() throws {
        var yaml = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        yaml += "title: Bombe\n---\nCorps.\n"
        let f = try #require(Self.jekyllFailure(yaml))
        #expect(f.code == "invalidYAML")
        #expect(f.reason.contains("alias bomb"))
        #expect(f.line == 2)
        #expect(throws: ParseError.self) { try PlanCatalog.load(yaml: String(yaml.dropFirst(4).prefix { $0 != "t" })) }
    }

    @Test func invalidUTF8Post() throws {
        var data = Data("---\ntitle: Caf".utf8)
        data.append(contentsOf: [0xC3, 0x28])
        data.append(Data("\n---\nCorps\n".utf8))
        let f = try #require(Self.jekyllFailure(data))
        #expect(f.code == "invalidEncoding")
        #expect(f.offset == 14)
        #expect(f.line == 2)
        let text = TextPageDecoder.decode(data, context: WordPressDecoderTests.context)
        guard case .failed(let g) = text else { Issue.record("text page not failed"); return }
        #expect(g.code == "invalidEncoding" && g.offset == 14)
    }

    @Test func truncatedJSONKeepsEarlierPosts() throws {
        let json =
            #"[{"id":1,"date_gmt":"2020-01-02T10:00:00","link":"https://www.etalab.gouv.fr/un","title":{"rendered":"Un"},"content":{"rendered":"<p>Complet.</p>"}},{"id":2,"title":{"rendered":"Deux"},"content":{"rendered":"<p>Coup"#
        let results = WordPressDecoder.decodePosts(Data(json.utf8), context: WordPressDecoderTests.context, terms: [:])
        #expect(results.count == 2)
        guard case .parsed(_, let first) = results[0], case .parsed(let item, let second) = results[1] else {
            Issue.record("\(results)"); return
        }
        #expect(first.first?.partial == false && first.first?.warnings.isEmpty == true)
        #expect(item == "2")
        let r = try #require(second.first)
        #expect(r.partial)
        #expect(r.body == "Coup")
        #expect(
            r.warnings == [
                "input broke at byte \(json.utf8.count) (in `[1].content.rendered`): the input ends early (truncated): inside a string"
            ])
    }

    @Test func invalidUTF8InJSONIsPartial() throws {
        var data = Data(#"[{"id":5,"title":{"rendered":"Caf"#.utf8)
        data.append(0xE9)
        data.append(Data(#""},"content":{"rendered":"<p>Texte.</p>"}}]"#.utf8))
        let results = WordPressDecoder.decodePosts(data, context: WordPressDecoderTests.context, terms: [:])
        guard case .parsed(_, let records) = try #require(results.first), let r = records.first else {
            Issue.record("\(results)"); return
        }
        #expect(r.partial)
        #expect(r.title == "Caf\u{FFFD}")
        #expect(r.warnings == ["invalid UTF-8 from byte 33: replaced by U+FFFD"])
    }

    @Test func notJSONAtAll() throws {
        for body in [
            "<html><body>502 Bad Gateway</body></html>", "",
            "{\"code\":\"rest_post_invalid_page_number\",\"message\":\"Le numéro de page demandé est plus grand que le nombre de pages disponibles.\"}",
        ] {
            let results = WordPressDecoder.decodePosts(
                Data(body.utf8), context: WordPressDecoderTests.context, terms: [:])
            guard case .failed(let f) = try #require(results.first), results.count == 1 else {
                Issue.record("\(results)"); continue
            }
            #expect(!f.reason.isEmpty)
        }
    }

    @Test(.timeLimit(.minutes(1))) func longLinesOfBracketsStayLinear() throws {
        let line = String(repeating: "[a <b ", count: 30_000)
        let result = JekyllPostDecoder.decode(
            Data("---\ntitle: Crochets\n---\n\(line)\n".utf8), path: "p.md", context: Fixtures.jekyllContext)
        guard case .parsed(_, let records) = result else { Issue.record("not parsed"); return }
        // `<b [a ` never closes before the next `<`: text, kept (the text core loses nothing to
        // broken markup), and each `<` is looked at once.
        #expect(records.first?.body == line.trimmingCharacters(in: .whitespaces))
        let brackets = String(repeating: "[x](", count: 30_000)
        let second = JekyllPostDecoder.decode(
            Data("---\ntitle: Liens\n---\n\(brackets)\n".utf8), path: "p.md", context: Fixtures.jekyllContext)
        guard case .parsed(_, let more) = second else { Issue.record("not parsed"); return }
        #expect(more.first?.body?.hasPrefix("[x]([x](") == true)
    }

    @Test(.timeLimit(.minutes(1))) func deeplyNestedJSON() throws {
        let json = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let results = WordPressDecoder.decodePosts(Data(json.utf8), context: WordPressDecoderTests.context, terms: [:])
        #expect(results.count >= 1)
        #expect(WordPressDecoder.decodeTerms(Data(json.utf8)).isEmpty)
    }
}
