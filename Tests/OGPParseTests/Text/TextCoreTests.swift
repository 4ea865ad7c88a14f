import Foundation
import Testing

@testable import OGPParse

/// The one text-cleaning core (issue 10 point 3): one entity table, one tag table, one link
/// policy, one result type, the byte scanner behind pages and dataset descriptions alike.
@Suite("Text core")
struct TextCoreTests {
    @Test func entityTableIsTheFullHTML5Set() {
        #expect(HTMLEntities.named.count == 2_125)
        #expect(HTMLEntities.decode("a&nbsp;b") == "a\u{A0}b")
        #expect(HTMLEntities.decode("&CounterClockwiseContourIntegral; &NotNestedGreaterGreater; &fjlig;") == "∳ ⪢̸ fj")
        #expect(HTMLEntities.decode("&Ecirc;tre &oelig;uvre &iacute;") == "Être œuvre í")
        // Numeric references as browsers read them: Windows-1252 for 128–159, U+FFFD for 0 and beyond Unicode.
        #expect(HTMLEntities.decode("l&#146;&#x2019;&#131;&#0;&#x110000;") == "l’’ƒ\u{FFFD}\u{FFFD}")
        // Unknown, unterminated and overlong references stay as written.
        #expect(HTMLEntities.decode("&foo; &amp &#12345678901; AT&T") == "&foo; &amp &#12345678901; AT&T")
    }

    @Test func pagesAndDescriptionsShareOneScanner() {
        let html = """
            <h2>Titre&nbsp;:</h2><p>Un <b>texte</b> &eacute;crit, <a href="https://x.fr/?a=1&amp;b=2">lien</a> \
            <img src="i.png" alt="une image">.</p><ul><li>un</li><li>deux</li></ul>\
            <table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>\
            <script>var x = "<p>";</script><noscript>rien</noscript><figcaption>Légende</figcaption>fin
            """
        let page = HTMLFragmentText.convert(html, keepNewlines: true)
        let description = DescriptionText.clean(html)
        let expected = "Titre :\n\nUn texte écrit, lien une image .\n\n- un\n- deux\n\na b\n\nc d\n\nLégende\n\nfin"
        #expect(page.text == expected)
        #expect(description.text == expected)
        #expect(page.references == ["https://x.fr/?a=1&b=2"])
        #expect(description.references == page.references)
    }

    @Test func libxmlWalkUsesTheSameTagTable() throws {
        let html =
            "<html><body><div><p>Un <a href='/a'>lien</a></p><ul><li>un</li><li>deux</li></ul><script>x()</script></div></body></html>"
        let doc = try HTMLDocument(bytes: Array(html.utf8), url: "https://ex.fr/p/q")
        let root = try #require(doc.root)
        let text = doc.text(of: root, base: "https://ex.fr/p/q")
        #expect(text.text == "Un lien\n\n- un\n- deux")
        #expect(text.references == ["https://ex.fr/a"])
        #expect(HTMLFragmentText.convert(html).text == text.text)
    }

    @Test func oneLinkPolicy() {
        var links = LinkList(base: "https://ex.fr/dir/page.html")
        links.add(contentsOf: [
            " https://a.fr/x ", "/root", "rel.pdf", "#top", "javascript:void(0)", "data:text/plain,x",
            "tel:+33100000000", "ftp://ftp.ign.fr/f.7z", "mailto:a@b.fr", "https://a.fr/x",
        ])
        #expect(
            links.items == [
                "https://a.fr/x", "https://ex.fr/root", "https://ex.fr/dir/rel.pdf", "ftp://ftp.ign.fr/f.7z",
                "mailto:a@b.fr",
            ])
        var bare = LinkList()
        bare.add(contentsOf: ["/root", "rel.pdf", "HTTPS://A.fr"])
        #expect(bare.items == ["HTTPS://A.fr"])
    }

    @Test func brokenMarkupLosesNoText() {
        #expect(DescriptionText.clean("si a <b alors c").text == "si a <b alors c")
        #expect(HTMLFragmentText.convert("3 <5 et x <y <p>z</p>").text == "3 <5 et x <y\n\nz")
        #expect(
            HTMLFragmentText.convert("<a title=\"a > b\" href=\"https://q.fr\">q</a>").references == ["https://q.fr"])
        // A quote never closed: the tag ends at its first `>` (as the old description stripper read it).
        let unclosed = DescriptionText.clean("<p>un <a href=\"https://q.fr>q</p> deux")
        #expect(unclosed.text == "un q\n\ndeux")
        #expect(unclosed.references == ["https://q.fr"])
        #expect(DescriptionText.clean("voir <https://p.fr/a#b\n> ici").text == "voir https://p.fr/a#b\nici")
        #expect(HTMLFragmentText.convert("<!-- note --><p>texte</p><!-- non fermé").text == "texte")
        #expect(HTMLFragmentText.convert("voir <https://auto.fr/x> ici").text == "voir https://auto.fr/x ici")
    }
}
