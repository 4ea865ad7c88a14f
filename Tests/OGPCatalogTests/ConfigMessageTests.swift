import Foundation
import OGPCatalog
import Testing

/// Configuration errors that misled (issue 11): `sources:` of the wrong type was reported as
/// missing on line 1; a 20 KB line and control characters were echoed to the terminal whole.
@Suite struct ConfigMessageTests {
    func error(_ yaml: String) throws -> ConfigError {
        let path = try TestPaths.write(yaml)
        do {
            _ = try Configuration.load(path: path)
        } catch {
            return error
        }
        Issue.record("expected a configuration error")
        return ConfigError(.invalidValue, "none", file: path)
    }

    @Test(arguments: [
        ("user_agent: t/1\ncontact: https://example.org\nsources:\n  name: a\n  kind: udata\n", "a mapping"),
        ("user_agent: t/1\ncontact: https://example.org\nsources: udata\n", "a single value"),
        ("user_agent: t/1\ncontact: https://example.org\nsources:\n", "nothing"),
    ])
    func sourcesOfTheWrongTypeSaySo(yaml: String, found: String) throws {
        let e = try error(yaml)
        #expect(e.code == .invalidValue)
        #expect(e.line == 3, "\(e)")
        #expect(e.message.contains("must be a list") && e.message.contains(found), "\(e)")
        #expect(!e.description.contains("missing"))
    }

    @Test func aMissingSourcesKeyIsStillMissing() throws {
        let e = try error("user_agent: t/1\n")
        #expect(e.code == .missingKey)
    }

    @Test func aLongLineIsNotEchoedWhole() throws {
        let key = String(repeating: "k", count: 20_000)
        let e = try error("\(key): 1\nsources: []\n")
        #expect(e.description.count < 2_000, "\(e.description.count) characters")
        #expect(e.description.contains("more characters"))
        let broken = try error("sources: [\(String(repeating: "x", count: 20_000))\n")
        #expect(broken.description.count < 4_000, "\(broken.description.count) characters")
    }

    @Test func controlCharactersAreNotEchoed() throws {
        let e = try error("\u{1B}[31mrouge\u{7}: 1\nsources: []\n")
        #expect(
            !e.description.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" },
            "\(e.description.debugDescription)")
        #expect(e.description.contains("\\u{1b}"))
    }

    /// A misspelt key names the key meant, and the whole list of known keys is shown (it was cut
    /// at 240 characters, « … (23 more characters) », hiding the end of a udata source's keys).
    @Test func aMisspeltKeyNamesTheKeyMeant() throws {
        let source = "user_agent: t/1\nsources:\n  - name: a\n    kind: udata\n    url: https://example.org/api/1/datasets/\n"
        let e = try error(source + "    maxitems: 10\n")
        #expect(e.code == .unknownKey && e.line == 6, "\(e)")
        #expect(e.description.contains("did you mean `max_items`?"), "\(e)")
        #expect(!e.description.contains("more characters"), "\(e)")
        #expect(e.description.hasSuffix("timeout, url"), "\(e)")
        let top = try error("useragent: t/1\nsources: []\n")
        #expect(top.description.contains("did you mean `user_agent`?"), "\(top)")
        let kind = try error(source.replacingOccurrences(of: "kind: udata", with: "kind: wordpres"))
        #expect(kind.code == .unknownKind && kind.description.contains("did you mean `wordpress`?"), "\(kind)")
        let far = try error(source + "colour: blue\n")
        #expect(!far.description.contains("did you mean"), "\(far)")
        #expect(far.description.contains("unknown key `colour`; known keys: contact, data_dir"), "\(far)")
    }
}
