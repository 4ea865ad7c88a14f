import Testing

@testable import OGPParse

@Suite("MarkdownText")
struct MarkdownTextTests {
    @Test func removesMarkdownMarkupAndKeepsParagraphs() {
        let md =
            "### Titre  \nUn **gras** et *italique* et `code`, snake_case_name.\n\n\n\n- un\n* deux\n\n> citation\n\n---\n1. premier"
        let out = DescriptionText.clean(md)
        #expect(
            out.text
                == "Titre\n\nUn gras et italique et code, snake_case_name.\n\n- un\n- deux\n\ncitation\n\n1. premier")
    }

    @Test func linksKeepTheirTextAndAreCollected() {
        let md =
            "Voir [le site](https://example.org/a \"titre\") et ![logo](https://example.org/l.png), <https://auto.link/x> ou https://bare.example/path."
        let out = DescriptionText.clean(md)
        #expect(out.text == "Voir le site et logo, https://auto.link/x ou https://bare.example/path.")
        #expect(
            out.references == [
                "https://example.org/a", "https://example.org/l.png", "https://auto.link/x",
                "https://bare.example/path",
            ])
    }

    @Test func htmlBecomesText() {
        let html =
            "<p>Premier&nbsp;paragraphe &amp; l&#39;autre <a href=\"https://x.fr/\">lien</a>.</p><ul><li>un</li><li>deux</li></ul><script>var x = 1;</script><p>Fin &eacute;t&eacute; &#x2013; 3 &lt; 4</p>"
        let out = DescriptionText.clean(html)
        #expect(out.text == "Premier paragraphe & l'autre lien.\n\n- un\n- deux\n\nFin été – 3 < 4")
        #expect(out.references == ["https://x.fr/"])
    }

    @Test func noBreakSpacesAndTableSeparators() {
        let out = DescriptionText.clean(
            "<p>Liste :<br />\u{A0}\u{A0}\u{A0} Nom\u{202F}:</p>\n\n| a | b |\n|---|:-:|\n| 1 | 2 |")
        #expect(out.text == "Liste :\nNom :\n\n| a | b |\n| 1 | 2 |")
    }

    @Test func crlfAndFencesAndEscapes() {
        let out = DescriptionText.clean(
            "a\\\r\nb\r\n\r\n```\n*code* kept\n```\n2 * 3 \\* 4\n\nId | Nom\n---|---\n1 | x")
        #expect(out.text == "a\nb\n\n*code* kept\n\n2 * 3 * 4\n\nId | Nom\n1 | x")
    }
}
