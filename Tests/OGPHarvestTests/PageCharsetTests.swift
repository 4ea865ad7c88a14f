import Foundation
import OGPModel
import OGPTestServer
import Testing

@testable import OGPHarvest

/// HTML pages in ISO-8859-1 or Windows-1252, as many older ministry and agency pages still are.
/// They were read as UTF-8 whatever they declared: « état » came out as « �tat ».
@Suite struct PageCharsetTests {
    /// « Le plan d'action 2018-2020 : état des lieux » and a paragraph, in Latin-1 bytes.
    static func latin1Page(meta: Bool) -> [UInt8] {
        let head = meta ? #"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">"# : ""
        let html = """
            <!DOCTYPE html><html lang="fr"><head>\(head)<title>Minist\u{E8}re</title></head><body>\
            <main><h1>\u{C9}tat des lieux du plan d\u{2019}action</h1>\
            <p>Les engagements de la France sont d\u{E9}taill\u{E9}s ici, \u{E0} l\u{2019}\u{E9}t\u{E9}.</p></main></body></html>
            """
        // U+2019 is not in Latin-1: Windows-1252 has it at 0x92, as such pages do.
        return html.unicodeScalars.map { $0.value == 0x2019 ? 0x92 : UInt8(truncatingIfNeeded: $0.value) }
    }

    @Test func theDeclaredCharsetIsHonouredAndValidUTF8IsKept() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        server.route(
            "/entete.html",
            TestResponse(
                headers: [("Content-Type", "text/html; charset=ISO-8859-1")], body: Self.latin1Page(meta: false)))
        server.route(
            "/meta.html", TestResponse(headers: [("Content-Type", "text/html")], body: Self.latin1Page(meta: true)))
        // Declared Latin-1 but written in UTF-8 (a server default left as it was): the bytes win.
        let utf8 = "<html><body><main><h1>Été 2021</h1><p>Données ouvertes et café.</p></main></body></html>"
        server.route(
            "/mal-declaree.html",
            TestResponse(headers: [("Content-Type", "text/html; charset=iso-8859-1")], body: Array(utf8.utf8)))
        try workspace.writeConfig([
            Workspace.source(
                "ministere", kind: "html", url: server.url("/entete.html"),
                extra: ["urls: [\"\(server.url("/meta.html"))\", \"\(server.url("/mal-declaree.html"))\"]"])
        ])
        let report = try await workspace.harvest()
        #expect(try #require(report.source("ministere")).items.added == 3)
        let pages = try workspace.records().filter { $0.kind == .publication }
        #expect(pages.count == 3)
        for page in pages {
            let text = page.title + " " + (page.body ?? "")
            #expect(!text.contains("\u{FFFD}"), "\(page.url ?? ""): \(text)")
        }
        for path in ["/entete.html", "/meta.html"] {
            let page = try #require(pages.first { $0.url == server.url(path) })
            #expect(page.title == "État des lieux du plan d’action", "\(path)")
            #expect(page.body?.contains("détaillés ici, à l’été.") == true, "\(path): \(page.body ?? "")")
        }
        let kept = try #require(pages.first { $0.url == server.url("/mal-declaree.html") })
        #expect(kept.title == "Été 2021")
        #expect(kept.body?.contains("Données ouvertes et café.") == true)
    }

    @Test func invalidUTF8WithoutDeclarationIsReadAsWindows1252WithAWarning() {
        let (data, warnings) = PageAdapter.utf8HTML(Data(Self.latin1Page(meta: false)), contentType: "text/html")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("<h1>État des lieux du plan d’action</h1>"))
        #expect(warnings.contains { $0.contains("Windows-1252") }, "\(warnings)")
        let (same, none) = PageAdapter.utf8HTML(Data("<p>déjà</p>".utf8), contentType: "text/html; charset=latin1")
        #expect(String(decoding: same, as: UTF8.self) == "<p>déjà</p>")
        #expect(none.isEmpty)
    }
}
