import Foundation
import OGPModel
import OGPParse
import Testing

@Suite("HTML pages")
struct HTMLPageDecoderTests {
    static let context = ParseContext(
        source: "ditp-html", sourceKind: "html", url: "https://www.modernisation.gouv.fr/actualites/pgo")

    static let page = """
        <!DOCTYPE html><html><head><title>PGO | DITP</title>
        <meta property="article:published_time" content="2021-12-17T10:00:00+01:00">
        <meta name="description" content="Le plan d&#8217;action national 2021-2023.">
        <script>var tracking = "ne pas garder";</script><style>.x{}</style></head>
        <body><div id="tarteaucitronRoot">Ce site utilise des cookies</div>
        <header><nav><a href="/menu">Menu principal</a></nav></header>
        <main><h1>Le plan d&#8217;action 2021-2023</h1>
        <p>Le 17 décembre 2021, le 3e plan d’action a été présenté.<br>Six engagements.</p>
        <figure><img src="/a.png" alt=""><figcaption>Photo : la ministre</figcaption></figure>
        <iframe src="https://www.dailymotion.com/embed/video/x1"></iframe>
        <ul><li>Innover <a href="/innover">avec les citoyens</a></li><li>Soutenir les territoires</li></ul>
        <div class="cookie-banner">Accepter les cookies</div></main>
        <footer>Mentions légales</footer></body></html>
        """

    @Test func mainContentWithoutChrome() throws {
        let results = HTMLPageDecoder.decode(Data(Self.page.utf8), context: Self.context, rules: nil)
        guard case .parsed(_, let records) = try #require(results.first), let r = records.first else {
            Issue.record("\(results)"); return
        }
        #expect(r.title == "Le plan d’action 2021-2023")
        #expect(r.dates.published == "2021-12-17T09:00:00Z")
        #expect(r.summary == "Le plan d’action national 2021-2023.")
        let body = try #require(r.body)
        #expect(body.contains("Le 17 décembre 2021, le 3e plan d’action a été présenté.\nSix engagements."))
        #expect(body.contains("- Innover avec les citoyens\n- Soutenir les territoires"))
        #expect(body.contains("Photo : la ministre"))
        for gone in ["Menu principal", "cookies", "tracking", "Mentions légales", "<"] { #expect(!body.contains(gone)) }
        #expect(
            r.references == ["https://www.dailymotion.com/embed/video/x1", "https://www.modernisation.gouv.fr/innover"])
        #expect(r.id.rawValue == "publication:uri:https://www.modernisation.gouv.fr/actualites/pgo")
    }

    /// Sites name themselves in an <h1> of the header or menu (mdBook, many CMS themes): the
    /// title is the page's own heading, else <title>, never the site's name.
    @Test func theTitleIsThePagesHeadingNotTheSites() throws {
        func title(_ html: String) throws -> String? {
            let results = HTMLPageDecoder.decode(Data(html.utf8), context: Self.context, rules: nil)
            guard case .parsed(_, let records) = try #require(results.first) else { return nil }
            return records.first?.title
        }
        // mdBook: the book's name in an <h1> before <main>.
        #expect(
            try title(
                "<html><head><title>Lints - The rustdoc book</title></head><body><div id=menu-bar><h1 class=menu-title>The rustdoc book</h1></div><main><h1 id=lints>Lints</h1><p>Text.</p></main></body></html>"
            ) == "Lints")
        // A logo <h1> in the header and no heading in the content: <title> names the page.
        #expect(
            try title(
                "<html><head><title>Open data | Ville</title></head><body><header><h1>Ville</h1></header><div><p>Text.</p></div></body></html>"
            ) == "Open data | Ville")
        // An <h1> outside header and nav, without <main>.
        #expect(
            try title(
                "<html><head><title>T</title></head><body><nav><h1>Menu</h1></nav><div><h1>Page</h1></div></body></html>"
            ) == "Page")
    }

    @Test func xpathRulesGiveOneRecordPerItem() throws {
        let html = """
            <html><body><div class="liste">
            <article><h2>Premier</h2><span class="d">17/12/2021</span><a href="/a1">lire</a><p>Texte un.</p></article>
            <article><h2>Second</h2><span class="d">1er avril 2022</span><a href="a2">lire</a><p>Texte deux.</p></article>
            </div></body></html>
            """
        let rules = ExtractionRules(
            item: "//article", title: ".//h2", body: ".//p", date: ".//span[@class='d']", link: ".//a/@href")
        let results = HTMLPageDecoder.decode(Data(html.utf8), context: Self.context, rules: rules)
        let records = results.compactMap { if case .parsed(_, let r) = $0 { r.first } else { nil } }
        #expect(records.map(\.title) == ["Premier", "Second"])
        #expect(
            results.map(\.item) == [
                "https://www.modernisation.gouv.fr/a1", "https://www.modernisation.gouv.fr/actualites/a2",
            ])
        let noLinks = HTMLPageDecoder.decode(
            Data(html.utf8), context: Self.context, rules: ExtractionRules(item: "//article"))
        #expect(noLinks.map(\.item) == ["\(Self.context.url)#1", "\(Self.context.url)#2"])
        #expect(Set(noLinks.compactMap { if case .parsed(_, let r) = $0 { r.first?.id } else { nil } }).count == 2)
        #expect(records.map(\.dates.published) == ["2021-12-17", "2022-04-01"])
        #expect(records.map(\.body) == ["Texte un.", "Texte deux."])
        #expect(
            records.map(\.url) == [
                "https://www.modernisation.gouv.fr/a1", "https://www.modernisation.gouv.fr/actualites/a2",
            ])
    }

    @Test func invalidXPathIsAFailedItem() {
        let results = HTMLPageDecoder.decode(
            Data(Self.page.utf8), context: Self.context, rules: ExtractionRules(item: "//[[["))
        guard case .failed(let f) = results.first else { Issue.record("\(results)"); return }
        #expect(f.reason.contains("invalid XPath"))
    }

    @Test(.timeLimit(.minutes(1))) func tenThousandNestedDivs() {
        let html =
            "<html><body>" + String(repeating: "<div>", count: 10_000) + "profond"
            + String(repeating: "</div>", count: 10_000) + "</body></html>"
        let results = HTMLPageDecoder.decode(Data(html.utf8), context: Self.context, rules: nil)
        #expect(results.count == 1)
        // libxml2 either keeps the text or stops at its depth limit: a record or a clear failure.
        guard case .failed(let f) = results.first else { Issue.record("\(results)"); return }
        #expect(f.code == "tooDeep")
        #expect(f.reason.contains("markup nested 250 levels deep"))
        // 200 levels are read normally.
        let ok =
            "<html><body>" + String(repeating: "<div>", count: 200) + "profond"
            + String(repeating: "</div>", count: 200) + "</body></html>"
        guard
            case .parsed(_, let records) = HTMLPageDecoder.decode(Data(ok.utf8), context: Self.context, rules: nil)
                .first
        else {
            Issue.record("200 levels not parsed"); return
        }
        #expect(records.first?.body == "profond")
        #expect(records.first?.partial == false)
    }

    @Test(.timeLimit(.minutes(1))) func deepPartAfterContentGivesAPartialRecord() throws {
        let html =
            "<html><body><main><h1>Titre</h1><p>Avant la profondeur.</p>" + String(repeating: "<div>", count: 10_000)
            + "x"
            + String(repeating: "</div>", count: 10_000) + "</main></body></html>"
        guard
            case .parsed(_, let records) = try #require(
                HTMLPageDecoder.decode(Data(html.utf8), context: Self.context, rules: nil).first),
            let r = records.first
        else { Issue.record("not parsed"); return }
        #expect(r.partial)
        #expect(r.title == "Titre")
        #expect(r.body?.contains("Avant la profondeur.") == true)
        #expect(r.warnings.contains { $0.contains("nested 250 levels deep") })
    }

    @Test func fiftyMegabytePageIsRefused() {
        let data = Data(repeating: UInt8(ascii: "a"), count: 50 * 1024 * 1024)
        let results = HTMLPageDecoder.decode(data, context: Self.context, rules: nil)
        guard case .failed(let f) = results.first else { Issue.record("not failed"); return }
        #expect(f.code == "tooLarge")
        #expect(f.reason.contains("52428800 bytes"))
        let text = TextPageDecoder.decode(data, context: Self.context)
        guard case .failed(let g) = text else { Issue.record("not failed"); return }
        #expect(g.code == "tooLarge")
    }

    @Test func invalidUTF8IsPartial() throws {
        var data = Data("<html><body><main><p>Caf".utf8)
        data.append(contentsOf: [0xE9, 0x20])
        data.append(Data("et plus</p></main></body></html>".utf8))
        let results = HTMLPageDecoder.decode(data, context: Self.context, rules: nil)
        guard case .parsed(_, let records) = try #require(results.first), let r = records.first else {
            Issue.record("\(results)"); return
        }
        #expect(r.partial)
        #expect(r.warnings.first == "invalid UTF-8 from byte 24: replaced by U+FFFD")
        #expect(r.body?.contains("et plus") == true)
    }
}

@Suite("Extraction rules")
struct ExtractionRulesTests {
    @Test func fromOptions() {
        #expect(ExtractionRules(options: [:]) == nil)
        #expect(
            ExtractionRules(options: ["xpath.item": "//article", "title": ".//h2"])
                == ExtractionRules(item: "//article", title: ".//h2"))
    }
}
