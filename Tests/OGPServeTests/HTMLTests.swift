import Testing

@testable import OGPServe

/// Escaping by construction, query strings as browsers send them, search parameters and limits.
@Suite struct HTMLTests {
    @Test func interpolatedTextIsEscapedMarkupIsNot() {
        let title = #"<script>alert("x")</script> & 'y'"#
        let inner: HTML = "<em>\(title)</em>"
        let page: HTML = "<p title=\"\(title)\">\(inner)</p>"
        #expect(
            page.markup
                == #"<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"><em>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</em></p>"#
        )
        #expect(HTML.escape("déjà vu") == "déjà vu")
    }

    @Test func onlyWebLinksAreLinks() {
        #expect(
            Layout.externalLink("https://www.data.gouv.fr/x").markup.hasPrefix("<a href=\"https://www.data.gouv.fr/x\"")
        )
        for hostile in [
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "file:///etc/passwd", "https://a b",
            "https://a\u{0}b",
        ] {
            #expect(!Layout.externalLink(hostile).markup.contains("<a "), "\(hostile)")
        }
    }

    @Test func queryStringsDecodeAsBrowsersEncode() throws {
        let qs = try QueryString("q=donn%C3%A9es+environnementales&kind=dataset&kind=commitment&empty=&page=2")
        #expect(qs.first("q") == "données environnementales")
        #expect(qs.all("kind") == ["dataset", "commitment"])
        #expect(qs.first("empty") == nil)
        #expect(throws: ServeError.self) { try QueryString("q=%E9") }
        #expect(QueryString.encode([("q", "a b&c=d/é")]) == "q=a+b%26c%3Dd%2F%C3%A9")
    }

    @Test func searchParametersRoundTripThroughLinks() throws {
        let p = try SearchParameters(QueryString("q=plan+d%E2%80%99action&kind=commitment&org=DITP&sort=date&page=3"))
        #expect(p.query == "plan d’action")
        #expect(p.filters == ["kind": ["commitment"], "org": ["DITP"]])
        #expect(p.page == 3)
        #expect(try SearchParameters(QueryString(p.queryString())) == p)
        // Toggling a facet goes back to page 1; toggling it again removes it.
        let with = try SearchParameters(QueryString(p.queryString(toggling: ("tag", "climat"))))
        #expect(with.filters["tag"] == ["climat"])
        #expect(with.page == 1)
        let without = try SearchParameters(QueryString(with.queryString(toggling: ("kind", "commitment"))))
        #expect(without.filters["kind"] == nil)
        // `since` takes the dates `ogp-search --since` takes (a year, a month, a day), no other.
        #expect(try SearchParameters(QueryString("since=2021-12-31")).since == "2021-12-31")
        #expect(try SearchParameters(QueryString("since=2021")).since == "2021")
        #expect(try SearchParameters(QueryString("since=2021-12")).since == "2021-12")
        #expect(throws: ServeError.self) { try SearchParameters(QueryString("since=2021-13-01")) }
        #expect(throws: ServeError.self) { try SearchParameters(QueryString("since=21-12-2021")) }
        #expect(throws: ServeError.self) { try SearchParameters(QueryString("since=01/12/2024")) }
    }

    @Test func recordIDsSurviveThePath() {
        for id in [
            "commitment:ogp-fr:plan-2021-2023-gov-c5", "dataset:uri:https://example.org/a/b?c=d#e",
            "publication:x:é ü/%",
        ] {
            let encoded = PathSegment.encode(id)
            #expect(!encoded.contains("/"))
            #expect(PathSegment.decode(encoded[...]) == id)
        }
    }
}
