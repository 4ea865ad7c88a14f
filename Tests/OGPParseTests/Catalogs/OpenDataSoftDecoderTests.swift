import Foundation
import OGPModel
import Testing

@testable import OGPParse

@Suite("OpenDataSoftDecoder")
struct OpenDataSoftDecoderTests {
    /// URLs people copy from a portal's web pages name the portal they are on.
    @Test func portalRootFromWebPages() {
        for url in [
            "https://data.iledefrance.fr", "https://data.iledefrance.fr/", "https://data.iledefrance.fr/explore/",
            "https://data.iledefrance.fr/explore/?sort=modified&refine.theme=Transports",
            "https://data.iledefrance.fr/explore/dataset/bornes-irve/table/", "https://data.iledefrance.fr/pages/accueil/",
            "https://data.iledefrance.fr/api/explore/v2.1/catalog/datasets?limit=20",
        ] {
            #expect(OpenDataSoftDecoder.portalRoot(url) == "https://data.iledefrance.fr", "\(url)")
        }
    }

    @Test func exploreV21() throws {
        let url = "https://documentation-resources.opendatasoft.com/api/explore/v2.1/catalog/datasets?limit=2"
        let page = OpenDataSoftDecoder.decodePage(
            try CatalogFixtures.data("ods-v2.1-datasets.json"),
            context: CatalogFixtures.context("opendatasoft", url: url))
        #expect(page.failure == nil)
        #expect(page.total == 19)
        #expect(page.datasets.count == 2)
        let d = page.datasets[0]
        #expect(d.id.rawValue == "dataset:portal:world-administrative-boundaries-countries-and-territories")
        #expect(d.title == "World Administrative Boundaries - Countries and Territories")
        #expect(d.body?.hasPrefix("This dataset displays level 0 world administrative boundaries.") == true)
        #expect(d.tags == ["United Nation", "ISO-3 code", "Countries", "Territories", "Shape", "Boundaries"])
        #expect(d.themes == ["Administration, Government, Public finances, Citizenship"])
        #expect(d.dataset?.licenseLabel == "Open Government Licence v3.0")
        #expect(d.dates.modified == "2021-06-23T14:59:57Z")
        #expect(d.dataset?.spatial == ["World"])
        #expect(d.extras["dataset_uid"] == "da_6kvv9v")
        #expect(
            d.url
                == "https://documentation-resources.opendatasoft.com/explore/dataset/world-administrative-boundaries-countries-and-territories/"
        )
        let formats = d.dataset?.distributions.compactMap(\.format) ?? []
        #expect(formats == ["csv", "json", "xlsx", "parquet", "geojson", "shp", "kml"])
        #expect(
            d.dataset?.distributions.first?.url
                == "https://documentation-resources.opendatasoft.com/api/explore/v2.1/catalog/datasets/world-administrative-boundaries-countries-and-territories/exports/csv"
        )
        // keyword and licence null on the second dataset.
        #expect(page.datasets[1].tags.isEmpty)
        #expect(page.datasets[1].dataset?.license == nil)
        #expect(CatalogFixtures.organisations(page).first?.title == "World Food Programme (UN agency)")
    }

    @Test func legacyV1() throws {
        let url = "https://etalab-sandbox.opendatasoft.com/api/datasets/1.0/search/?rows=10"
        let page = OpenDataSoftDecoder.decodePage(
            try CatalogFixtures.data("ods-v1-search.json"), context: CatalogFixtures.context("opendatasoft", url: url))
        #expect(page.total == 4)
        #expect(page.datasets.map(\.id.rawValue).first == "dataset:portal:test-b")
        let b = page.datasets[0]
        #expect(b.tags == ["keyword1"])  // a string keyword
        #expect(b.themes == ["Spatial planning, Town planning, Buildings, Equipment, Housing"])
        let dists = b.dataset?.distributions ?? []
        #expect(
            dists.contains {
                $0.url == "https://etalab-sandbox.opendatasoft.com/explore/dataset/test-b/download?format=csv"
            })
        #expect(
            dists.contains {
                $0.url
                    == "https://etalab-sandbox.opendatasoft.com/api/datasets/1.0/test-b/attachments/documentation_pdf/"
                    && $0.type == "documentation"
            })
        #expect(dists.contains { $0.id == "gtfs_zip" })
        let a = try #require(page.datasets.first { $0.title == "test-a" })
        #expect(a.body == "test-a-description")
        #expect(a.tags == ["keyword1", "keyword2"])
        #expect(a.dataset?.license == "fr-lo")
        // No records: no export distributions.
        let c = try #require(page.datasets.first { $0.title == "test-c" })
        #expect(c.dataset?.distributions.isEmpty == true)
    }

    @Test func v20WrappingAndErrors() throws {
        let json =
            #"{"total_count": 1, "datasets": [{"dataset": {"dataset_id": "x", "metas": {"default": {"title": "X", "keyword": "a, b"}}}, "links": []}]}"#
        let ctx = CatalogFixtures.context("opendatasoft", url: "https://data.example.fr/api/v2/catalog/datasets")
        let page = OpenDataSoftDecoder.decodePage(Data(json.utf8), context: ctx)
        #expect(page.datasets.map(\.title) == ["X"])
        #expect(page.datasets.first?.tags == ["a", "b"])
        let error = OpenDataSoftDecoder.decodePage(
            Data(#"{"error_code": "ODSQLError", "message": "bad where"}"#.utf8), context: ctx)
        #expect(error.failure?.code == "error-payload")
    }
}
