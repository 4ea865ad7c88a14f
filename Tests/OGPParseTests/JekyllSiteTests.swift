import Foundation
import OGPModel
import Testing

@testable import OGPParse

/// Public URLs of Jekyll posts, as Jekyll builds them from `_config.yml` (the settings below
/// follow the shape of numerique.gouv.fr's own: collections with a `permalink` each).
@Suite struct JekyllSiteTests {
    static let config = """
        title: Un site
        url: https://www.example.gouv.fr/
        baseurl: /site
        permalink: pretty
        collections:
          actualites:
            output: true
            permalink: "/actualites/:title/"
          guides:
            output: true
          brouillons:
            output: false
        """

    static func site() throws -> JekyllSite {
        try #require(try JekyllSite.decode(Data(config.utf8)))
    }

    @Test func collectionsPostsAndFrontMatterPermalinks() throws {
        let site = try Self.site()
        #expect(
            site.permalink(
                path: "_actualites/le-plan-avance.markdown", frontMatter: nil, slug: nil, day: "2021-12-17",
                categories: []) == "https://www.example.gouv.fr/site/actualites/le-plan-avance/")
        // A collection with output and no pattern: Jekyll's default, /:collection/:path:output_ext.
        #expect(
            site.permalink(path: "_guides/ouvrir/donnees.md", frontMatter: nil, slug: nil, day: nil, categories: [])
                == "https://www.example.gouv.fr/site/guides/ouvrir/donnees.html")
        // Posts: the site's style (`pretty`), categories slugified, the day as written.
        #expect(
            site.permalink(
                path: "_posts/2024-03-01-un-billet.md", frontMatter: nil, slug: nil, day: "2024-03-01",
                categories: ["Gouvernement Ouvert"])
                == "https://www.example.gouv.fr/site/gouvernement-ouvert/2024/03/01/un-billet/")
        // The front matter's own permalink (with placeholders) and slug win.
        #expect(
            site.permalink(
                path: "_actualites/x.md", frontMatter: "/presse/:year/:slug", slug: "Un Titre", day: "2020-01-05",
                categories: []) == "https://www.example.gouv.fr/site/presse/2020/un-titre")
        // No page: a collection without output, a folder that is no collection, drafts.
        for path in ["_brouillons/a.md", "_inconnu/a.md", "_drafts/a.md", "a.md"] {
            #expect(site.permalink(path: path, frontMatter: nil, slug: nil, day: nil, categories: []) == nil, "\(path)")
        }
    }

    @Test func configurationsWithoutAPublicURL() throws {
        #expect(try JekyllSite.decode(Data("title: x\n".utf8)) == nil)
        #expect(try JekyllSite.decode(Data("url: \"\"\n".utf8)) == nil)
        // A url without its scheme is said, not silently ignored.
        #expect(throws: ParseError.self) { try JekyllSite.decode(Data("url: /relative\n".utf8)) }
        #expect(throws: ParseError.self) { try JekyllSite.decode(Data("url: www.exemple.fr\n".utf8)) }
        #expect(try JekyllSite.decode(Data("- a list\n".utf8)) == nil)
        #expect(throws: ParseError.self) { try JekyllSite.decode(Data("url: [unclosed\n".utf8)) }
        let bomb = "a: &a [x]\n" + (0..<40).map { "b\($0): *a" }.joined(separator: "\n")
        #expect(throws: ParseError.self) { try JekyllSite.decode(Data(bomb.utf8)) }
    }

    /// The decoder uses the site's URL for the record, the `permalink` option before it, and the
    /// site's address to resolve relative links.
    @Test func theDecoderGivesThePublicURL() throws {
        let post = Data("---\ntitle: Le plan\ndate: 2021-12-17 00:30:00 +01:00\n---\nVoir [le texte](/uploads/plan.pdf).\n".utf8)
        let context = ParseContext(source: "site", sourceKind: "jekyll", url: "file:///clone/_actualites/le-plan.md")
        guard case .parsed(_, let records) = JekyllPostDecoder.decode(
            post, path: "_actualites/le-plan.md", context: context, site: try Self.site()), let r = records.first
        else { Issue.record("not parsed"); return }
        #expect(r.url == "https://www.example.gouv.fr/site/actualites/le-plan/")
        // A root-relative link resolves against the host, as a browser resolves it.
        #expect(r.references == ["https://www.example.gouv.fr/uploads/plan.pdf"])
        // Written on the 17th in its own time zone, although that is the 16th in UTC.
        #expect(r.dates.published == "2021-12-16T23:30:00Z")
        var explicit = context
        explicit.options["permalink"] = "https://autre.fr/:collection/:slug/"
        guard case .parsed(_, let others) = JekyllPostDecoder.decode(
            post, path: "_actualites/le-plan.md", context: explicit, site: try Self.site())
        else { Issue.record("not parsed"); return }
        #expect(others.first?.url == "https://autre.fr/actualites/le-plan/")
    }
}
