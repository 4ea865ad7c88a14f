import Foundation
import OGPModel
import Testing

@testable import OGPParse

@Suite("CKANDecoder")
struct CKANDecoderTests {
    static let searchURL = "https://www.datasud.fr/fr/indexer/service/ckan/api/3/action/package_search?rows=1000"

    @Test func datasudPackageSearch() throws {
        let ctx = CatalogFixtures.context("ckan", url: Self.searchURL, source: "datasud")
        let page = CKANDecoder.decodePage(try CatalogFixtures.data("ckan-datasud-package_search.json"), context: ctx)
        #expect(page.failure == nil)
        #expect(page.total == 7)
        #expect(page.datasets.count == 7)
        #expect(page.failures.isEmpty)
        let d = try #require(page.datasets.first)
        #expect(d.id.rawValue == "dataset:datasud:cfa98601-185f-4194-bc0f-119fc23a194b")
        #expect(d.title == "Canispaces - Ville de Gap")
        #expect(d.body?.hasPrefix("Lieux réservés aux déjections canines de la Ville de Gap") == true)
        #expect(d.references == ["https://www.ville-gap.fr/la-proprete-canine/"])
        #expect(d.tags == ["chien", "canispace"])
        #expect(d.themes == ["Environnement et climat", "Équipements, bâtiments et logement"])
        #expect(d.dataset?.license == "lov2")
        #expect(d.dates.published == "2025-07-16T08:11:44Z")
        #expect(d.dates.modified == "2025-07-16")
        #expect(d.url == "https://www.datasud.fr/explorer/fr/jeux-de-donnees/canispaces----ville-de-gap")
        #expect(d.extras["slug"] == "canispaces----ville-de-gap")
        #expect(d.extras["contact_point"] == nil || d.extras["contact_point"] == "voirie@ville-gap.fr")
        let dists = try #require(d.dataset?.distributions)
        #expect(dists.count == 3)
        #expect(dists[0].url == "https://www.datasud.fr/fr/dataset/datasets/4539/resource/6176/download/")
        #expect(dists[0].format == "shapefile (zip)")
        #expect(dists[0].mimeType == "application/zip")
        #expect(dists[0].size == 1955)
        #expect(dists[0].modified == "2025-07-16")
        let orgs = CatalogFixtures.organisations(page)
        #expect(orgs.first?.title == "Communauté d'Agglomération de Gap-Tallard-Durance")
        #expect(d.dataset?.organization == orgs.first?.id)
        #expect(d.links == [RecordLink(.publishedBy, try #require(orgs.first?.id))])
        #expect(d.provenance.first?.parser == "ckan")
    }

    /// A resource whose format is empty gets one from its file extension, when that names a
    /// format; a media type given by the portal is trusted instead.
    @Test func anEmptyFormatIsGuessedFromTheFileName() {
        func format(_ json: String) -> String? {
            guard let v = try? UdataJSON.parse(Data(json.utf8)) else { return nil }
            return CKANDecoder.distribution(v)?.format
        }
        #expect(format(#"{"url":"https://x.fr/dl/air.CSV?download=1","format":""}"#) == "csv")
        #expect(format(#"{"url":"https://x.fr/dl/zones.geojson"}"#) == "geojson")
        #expect(format(#"{"url":"https://x.fr/download.php?id=3","format":""}"#) == nil)
        #expect(format(#"{"url":"https://x.fr/a.csv","format":"","mimetype":"application/zip"}"#) == nil)
        #expect(format(#"{"url":"https://x.fr/a.csv","format":"XLS"}"#) == "xls")
    }

    @Test func dkanVariant() throws {
        let ctx = CatalogFixtures.context(
            "ckan", url: "https://opendata.hautsdefrance.fr/api/3/action/package_show?id=x")
        let page = CKANDecoder.decodePage(try CatalogFixtures.data("dkan-hautsdefrance.json"), context: ctx)
        #expect(page.failure == nil)
        let d = try #require(page.datasets.first)
        #expect(d.title == "Antennes régionales de la Région Hauts-de-France (au 01/10/2019)")
        // French-locale and zone-less dates.
        #expect(d.dates.published == "2019-12-10T09:23:00Z")
        #expect(d.dates.modified == "2019-09-30T22:00:00Z")
        // The licence given as a URL in license_title.
        #expect(d.dataset?.license == "fr-lo")
        #expect(d.body == "Liste et coordonnées des antennes de proximité du conseil régional Hauts-de-France.")
        #expect(d.draft)
        #expect(d.dataset?.frequency == "irregular")
        #expect(d.extras["harvest.remote_id"] == "4b5f8e1b-de37-47cd-9203-37a59f318b09")
        let dists = try #require(d.dataset?.distributions)
        #expect(dists.count == 2)
        #expect(dists[0].size == 42)  // "42 octets"
        #expect(dists[0].modified == "2019-12-19T03:00:00Z")  // "Date changed  jeu, 19/12/2019 - 03:00"
        #expect(d.tags.contains("HAUTS-DE-FRANCE"))
    }

    @Test func brokenPackageFailsAloneAndErrorsFailThePage() throws {
        let ctx = CatalogFixtures.context("ckan", url: Self.searchURL)
        let json =
            #"{"success": true, "result": {"count": 3, "results": [{"id": "a", "title": "A"}, 42, {"title": "no id"}]}}"#
        let page = CKANDecoder.decodePage(Data(json.utf8), context: ctx)
        #expect(page.datasets.map(\.title) == ["A"])
        #expect(page.failures.map(\.code) == ["invalid-entry", "missing-id"])
        let error = CKANDecoder.decodePage(
            Data(#"{"success": false, "error": {"message": "Not found", "__type": "Not Found Error"}}"#.utf8),
            context: ctx)
        #expect(error.failure?.code == "error-payload")
        #expect(
            CKANDecoder.decodePage(Data("<html><body>maintenance</body></html>".utf8), context: ctx).failure?.code
                == "unexpected-html")
        #expect(CKANDecoder.portalRoot(Self.searchURL) == "https://www.datasud.fr/fr/indexer/service/ckan")
    }
}

/// The members CKAN's decoder never reads are checked but not built: the pages are the same
/// as from the JSON read in full, and broken JSON inside them is refused at the same offset.
@Suite("CKANDecoder skipped members")
struct CKANSkippedMembersTests {
    @Test(arguments: ["ckan-datasud-package_search.json", "dkan-hautsdefrance.json"])
    func samePageAsFromTheWholeJSON(_ name: String) throws {
        let data = try CatalogFixtures.data(name)
        let ctx = CatalogFixtures.context("ckan", url: CKANDecoderTests.searchURL, source: "datasud")
        let page = CKANDecoder.decodePage(data, context: ctx)
        #expect(page.failure == nil)
        #expect(!page.items.isEmpty)
        #expect(page == CKANDecoder.decodePage(json: try UdataJSON.parse(data), context: ctx))
    }

    /// The skipped members are gone, everything else is what the whole read gives.
    @Test func skippedMembersAreLeftOutAtAnyDepth() throws {
        let text = #"""
            {"a": 1, "description": {"x": ["y", {"description": "z"}]}, "b": [{"description": "d\u00e9", "c": "\"q\""}],
             "descr\u0069ption": "kept (escaped key)", "type": null}
            """#
        let skipped = try UdataJSON.parse(Data(text.utf8), skipKeys: [Array("description".utf8), Array("type".utf8)])
        let whole = try UdataJSON.parse(Data(text.utf8))
        #expect(whole["description"] != nil)
        #expect(skipped["description"]?.string == "kept (escaped key)")
        #expect(skipped["type"] == nil)
        #expect(skipped["a"] == whole["a"])
        #expect(skipped["b"]?.array?.first?["description"] == nil)
        #expect(skipped["b"]?.array?.first?["c"] == whole["b"]?.array?.first?["c"])
    }

    @Test(arguments: [
        #"{"description": "bad \x control"}"#, "{\"description\": \"tab\tinside\"}", #"{"description": "\u12G4"}"#,
        #"{"description": [1, 2,, 3]}"#, #"{"description": {"k" 1}}"#, #"{"description": "unterminated}"#,
        #"{"description": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
        #"{"description": 01}"#, #"{"description": tru}"#,
    ])
    func brokenJSONInsideASkippedMemberIsRefusedAlike(_ text: String) {
        func failure(_ keys: [[UInt8]]) -> String {
            do {
                _ = try UdataJSON.parse(Data(text.utf8), skipKeys: keys)
                return "parsed"
            } catch {
                return "\(error)"
            }
        }
        let whole = failure([])
        #expect(whole != "parsed")
        #expect(failure([Array("description".utf8)]) == whole)
    }
}
