import Foundation
import Testing

@testable import OGPParse

/// What a response looks like, on the real captures of each kind of portal (fixtures whose
/// origins are in each folder's SOURCES.md): a source configured with the wrong kind is told
/// which kind answers that way.
@Suite struct ResponseShapeTests {
    static let wordpressPosts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OGPHarvestTests/Fixtures/wordpress/posts.json")

    @Test func eachPortalsCaptureIsRecognised() throws {
        let expected: [(String, ResponseShape)] = [
            ("ckan-datasud-package_search.json", .ckan),
            ("ods-v1-search.json", .opendatasoft),
            ("ods-v2.1-datasets.json", .opendatasoft),
            ("udata--paged-collection-1.jsonld", .dcat),
            ("datagouv-catalog.rdf.xml", .dcat),
            ("ckanext-dcat--dataset_deri.ttl", .dcat),
            ("ods-capatlantique-dcat.rdf.xml", .dcat),
        ]
        for (name, shape) in expected {
            #expect(ResponseShape.sniff(try CatalogFixtures.data(name)) == shape, "\(name)")
        }
        #expect(ResponseShape.sniff(try DatasetFixtures.data("udata-page-1.json")) == .udata)
        #expect(ResponseShape.sniff(try DatasetFixtures.data("udata-dataset-5d13a8b6.json")) == .udata)
        #expect(ResponseShape.sniff(try Data(contentsOf: Self.wordpressPosts)) == .wordpress)
        #expect(ResponseShape.sniff(Data("\u{FEFF}  <!DOCTYPE html><html lang=fr>".utf8)) == .html)
        #expect(ResponseShape.sniff(Data("{\"a\": 1}".utf8)) == nil)
        #expect(ResponseShape.sniff(Data()) == nil)
        #expect(ResponseShape.sniff(Data([0xFF, 0xFE, 0x00])) == nil)
    }

    @Test func theHintNamesTheOtherKindOnly() throws {
        let udata = try DatasetFixtures.data("udata-page-1.json")
        #expect(ResponseShape.hint(udata, configuredKind: "ckan").contains("is the source's kind `udata`?"))
        #expect(ResponseShape.hint(udata, configuredKind: "udata") == "")
        #expect(ResponseShape.hint(Data("<html><body>".utf8), configuredKind: "ckan") == " (this looks like an HTML page)")
    }

    /// A bare JSON list of objects with ids is DKAN's answer, and a udata list page may be one;
    /// a WordPress posts list (a real one) is too, and gave one junk dataset per post.
    @Test func aWordPressListIsNoPageOfDatasets() throws {
        let posts = try CatalogFixtures.data("wordpress-frontity-posts.json")
        #expect(ResponseShape.sniff(posts) == .wordpress)
        let ckan = CKANDecoder.decodePage(
            posts, context: CatalogFixtures.context("ckan", url: "file:///saved/posts.json", source: "s"))
        #expect(ckan.datasets.isEmpty)
        #expect(ckan.failure?.code == "unexpected-shape")
        let udata = UdataDecoder.decodePage(
            posts, context: DatasetFixtures.context(kind: "udata", url: "file:///saved/posts.json"))
        #expect(udata.items.isEmpty)
        #expect(udata.failure?.code == "unexpected-shape")
        // DKAN's bare list is still read.
        let dkan = CKANDecoder.decodePage(
            try CatalogFixtures.data("dkan-hautsdefrance.json"),
            context: CatalogFixtures.context("ckan", url: "file:///saved/dkan.json", source: "s"))
        #expect(dkan.failure == nil)
        #expect(!dkan.datasets.isEmpty)
    }
}
