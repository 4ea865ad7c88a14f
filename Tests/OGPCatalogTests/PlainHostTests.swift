import Foundation
import Testing

@testable import OGPCatalog

/// `DatasetOrigin.host(of:)` reads plain URLs without Foundation: whatever it reads that way
/// must be what `URLComponents` gives, on real-looking URLs and on random ones.
@Suite struct PlainHostTests {
    /// The host as `URLComponents` alone gives it (the function before the fast path).
    static func reference(_ url: String) -> String? {
        guard let h = URLComponents(string: url.trimmingCharacters(in: .whitespaces))?.host?.lowercased(), !h.isEmpty
        else { return nil }
        return h.hasPrefix("www.") ? String(h.dropFirst(4)) : h
    }

    static let samples = [
        "https://www.data.gouv.fr/fr/datasets/abc/", "http://Example.ORG", "https://a.b-c.fr?x=1#frag",
        "https://ckan.example.org/dataset/1f0e-22", "https://example.org/a b", "https://user@example.org/",
        "https://example.org:8080/x", "https://[::1]/x", "https://ex%41mple.org/", "https://example.org/%zz",
        "https://example.org/#a#b", " https://example.org/ ", "mailto:someone@example.org", "urn:uuid:1234",
        "https://", "https:///path", "ftp://host/ä", "https://hôte.fr/", "//example.org/x", "https://example.org\\x",
        "HTTPS://WWW.EXAMPLE.ORG/P?Q=1&r=(2)*;,!$'~_-.:@/", "1http://example.org", "https://example.org/{x}",
        "https://-.-/", "https://example.org?", "https://example.org#", "https:example.org",
    ]

    @Test func samplesMatchURLComponents() {
        for url in Self.samples {
            #expect(DatasetOrigin.host(of: url) == Self.reference(url), "\(url)")
        }
        #expect(DatasetOrigin.plainHost("https://www.data.gouv.fr/fr/") == "www.data.gouv.fr")
        #expect(DatasetOrigin.plainHost("https://example.org:8080/") == nil)
    }

    @Test func randomURLsMatchURLComponents() {
        let pieces = [
            "https://", "http://", "HTTP://", "a", "Z", "0", ".", "-", "/", "?", "#", "%", "%41", ":", "@", "[", "]",
            " ", "é", "_", "~", "=", "&", "\\", "{", "|", "\"", "www.", "example", ".fr", ":80",
        ]
        var rng = SystemRandomNumberGenerator()
        var plain = 0
        for _ in 0..<20_000 {
            var url = Bool.random(using: &rng) ? "https://" : ""
            for _ in 0..<Int.random(in: 1...12, using: &rng) { url += pieces.randomElement(using: &rng) ?? "" }
            if DatasetOrigin.plainHost(url) != nil { plain += 1 }
            #expect(DatasetOrigin.host(of: url) == Self.reference(url), "\(url)")
        }
        #expect(plain > 100)
    }
}
