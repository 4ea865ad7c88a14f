import Foundation
import OGPModel
import Testing

@testable import OGPParse

@Suite("UdataDecoder")
struct UdataDecoderTests {
    static let pageURL = "http://127.0.0.1:8089/api/1/datasets/?page=1&page_size=3"

    static func context(_ url: String = pageURL, options: [String: String] = [:]) -> ParseContext {
        DatasetFixtures.context(kind: "udata", url: url, options: options)
    }

    static func detail() throws -> Record {
        let ctx = context("https://www.data.gouv.fr/api/1/datasets/5d13a8b6634f41070a43dff3/")
        let result = UdataDecoder.decodeDataset(try DatasetFixtures.data("udata-dataset-5d13a8b6.json"), context: ctx)
        guard case .parsed(_, let records) = result, let dataset = records.first else {
            throw ParseError(.invalidJSON, "detail fixture did not decode: \(result)")
        }
        return dataset
    }

    @Test func listPageGivesDatasetsOrganisationsAndPagination() throws {
        let page = UdataDecoder.decodePage(try DatasetFixtures.data("udata-page-1.json"), context: Self.context())
        #expect(page.failure == nil)
        #expect(page.nextPage == "http://127.0.0.1:8089/api/1/datasets/?page=2&page_size=3")
        #expect(page.total == 6)
        #expect(page.pageSize == 3)
        #expect(page.page == 1)
        #expect(
            page.items.map(\.item) == [
                "5ff5e6e99724cb8fff59a5be", "6065c5cd9f89bfd828bcbf5c", "613a1108a962ea8114b25369",
            ])
        #expect(page.datasets.count == 3)
        // The fixture's entries lack licence and dates: all worth a detail fetch.
        #expect(page.incomplete == page.items.map(\.item))
        guard case .parsed(_, let records) = page.items[0] else { Issue.record("first entry failed"); return }
        #expect(records.map(\.kind) == [.dataset, .organization])
        let (dataset, org) = (records[0], records[1])
        #expect(dataset.id.rawValue == "dataset:data.gouv.fr:5ff5e6e99724cb8fff59a5be")
        #expect(org.id.rawValue == "organization:data.gouv.fr:54126af3a3a7292a9bbf14d6")
        #expect(dataset.dataset?.organization == org.id)
        #expect(dataset.links == [RecordLink(.publishedBy, org.id)])
        #expect(org.title == "Service d'Information du Gouvernement")
        #expect(org.organization?.acronym == "SIG")
        #expect(dataset.title == "Baromètre des résultats de l’action publique")
        #expect(dataset.tags.contains("barometre"))
        #expect(dataset.dataset?.frequency == "punctual")
        #expect(
            dataset.body?.hasPrefix("Le baromètre des résultats de l'action publique\n\nLe baromètre des résultats")
                == true)
        #expect(dataset.references.contains("https://www.gouvernement.fr/les-actions-du-gouvernement"))
        let dists = try #require(dataset.dataset?.distributions)
        #expect(dists.count == 22)
        let doc = try #require(dists.first)
        #expect(doc.type == "documentation")
        #expect(doc.format == "csv")
        #expect(doc.mimeType == "text/csv")
        #expect(doc.size == 493)
        #expect(doc.checksum == "sha1:5b787ad25b85b994d03b5c536d8ecdecef3da9a1")
        #expect(doc.modified == "2023-01-18T07:51:59Z")
        #expect(doc.url.hasPrefix("https://static.data.gouv.fr/resources/barometre-des-resultats-de-laction-publique/"))
        #expect(dists.contains { $0.type == "main" })
    }

    @Test func lastPageWithABrokenEntry() throws {
        let page = UdataDecoder.decodePage(try DatasetFixtures.data("udata-page-2.json"), context: Self.context())
        #expect(page.nextPage == nil)
        #expect(page.datasets.map { $0.dataset?.remoteID } == ["65271c20a80b3f04010e71ff", "5fbcdc30658eea9e55782183"])
        #expect(page.failures.map(\.code) == ["missing-id"])
        #expect(page.failures.first?.item == Self.pageURL + "#2")
        let lyon = try #require(page.datasets.first)
        #expect(lyon.dataset?.temporalStart == "2024-01-01")
        #expect(lyon.dataset?.temporalEnd == "2024-12-31")
        #expect(lyon.dataset?.distributions.first?.checksum == nil)
        #expect(lyon.dataset?.distributions.first?.size == nil)
        // The dataset's own followers and reuses (0 + 0), not its organisation's (62 followers).
        #expect(lyon.dataset?.popularity == nil)
        #expect(page.datasets.last?.dataset?.popularity == .low)  // 3 followers + 1 reuse
        #expect(page.datasets.last?.extras["metric.followers"] == nil)  // counts kept only when asked
    }

    @Test func detailResponseMapsEveryField() throws {
        let r = try Self.detail()
        let d = try #require(r.dataset)
        #expect(r.id.rawValue == "dataset:data.gouv.fr:5d13a8b6634f41070a43dff3")
        #expect(r.title == "Catalogue des données de data.gouv.fr")
        #expect(d.license == "lov2")
        #expect(d.licenseLabel == "Licence Ouverte / Open Licence version 2.0")
        #expect(d.frequency == "weekly")
        #expect(d.organization?.rawValue == "organization:data.gouv.fr:646b7187b50b2a93b1ae3d45")
        #expect(d.uri == "https://www.data.gouv.fr/api/1/datasets/catalogue-des-donnees-de-data-gouv-fr/")
        #expect(r.url == "https://www.data.gouv.fr/datasets/catalogue-des-donnees-de-data-gouv-fr")
        #expect(r.dates.published == "2019-06-26T19:17:42Z")
        #expect(r.dates.modified == "2025-04-07T06:15:30Z")
        #expect(d.archivedAtSource == false)
        #expect(d.deletedAtSource == false)
        #expect(r.draft == false)
        #expect(r.extras["featured"] == "false")
        #expect(r.extras["slug"] == "catalogue-des-donnees-de-data-gouv-fr")
        #expect(r.body?.contains("- La liste des jeux de données publiés sur data.gouv.fr : pour chaque") == true)
        #expect(r.body?.contains("**") == false)
        #expect(d.distributions.count == 8)
        let first = try #require(d.distributions.first)
        #expect(first.id == "f868cca6-8da1-4369-a78d-47463f19a9a3")
        #expect(first.title == "export-dataset-20250407-054928.csv")
        #expect(first.type == "main")
        #expect(first.size == 176_653_507)
        #expect(first.checksum == "sha1:ac6f302f0f3fe34604fc65c6e24259f6a1874cb7")
        #expect(UdataDecoder.isIncomplete(try DatasetFixtures.data("udata-dataset-5d13a8b6.json")) == false)
    }

    @Test func sameDatasetThroughAPIAndExportMapsAlike() throws {
        let api = try Self.detail()
        let csv = try #require(
            UdataCSVMapperTests.byID(try DatasetFixtures.mapFile("export-slice.csv").records)[
                "5d13a8b6634f41070a43dff3"])
        #expect(api.id == csv.id)
        #expect(api.title == csv.title)
        #expect(api.url == csv.url)
        #expect(api.dates.published == csv.dates.published)
        #expect(api.dataset?.remoteID == csv.dataset?.remoteID)
        #expect(api.dataset?.organization == csv.dataset?.organization)
        #expect(api.links == csv.links)
        #expect(api.dataset?.license == csv.dataset?.license)
        #expect(api.dataset?.licenseLabel == csv.dataset?.licenseLabel)
        #expect(api.dataset?.frequency == csv.dataset?.frequency)
        #expect(api.dataset?.acronym == csv.dataset?.acronym)
        #expect(api.dataset?.temporalStart == csv.dataset?.temporalStart)
        #expect(api.dataset?.archivedAtSource == csv.dataset?.archivedAtSource)
        #expect(api.tags == csv.tags)
        for key in ["slug", "organization"] { #expect(api.extras[key] == csv.extras[key]) }
        // The two snapshots are nine months apart: the last modification date and the
        // `featured` flag changed in between (a real difference, not a mapping one).
        #expect(api.dates.modified != csv.dates.modified)
        #expect(api.extras["featured"] == "false" && csv.extras["featured"] == "true")
        // Page entries of the list fixture are in the export too, under the same ids.
        let page = UdataDecoder.decodePage(try DatasetFixtures.data("udata-page-2.json"), context: Self.context())
        let csvIDs = Set(try DatasetFixtures.mapFile("export-slice.csv").records.map(\.id))
        #expect(page.datasets.allSatisfy { csvIDs.contains($0.id) })
    }

    @Test(arguments: [
        ("{\"message\": \"Not Found\", \"status\": 404}", "error-payload"),
        ("<!DOCTYPE html><html><body>Maintenance</body></html>", "unexpected-html"),
        ("{\"data\": [", "invalidJSON"),
        ("", "empty-response"),
        ("{\"hello\": 1}", "unexpected-shape"),
    ])
    func unreadablePagesAreOneFailure(body: String, code: String) {
        let page = UdataDecoder.decodePage(Data(body.utf8), context: Self.context())
        #expect(page.items.isEmpty)
        #expect(page.failure?.code == code)
        #expect(page.failure?.item == Self.pageURL)
        guard case .failed(let f) = UdataDecoder.decodeDataset(Data(body.utf8), context: Self.context()) else {
            Issue.record("detail should fail"); return
        }
        #expect(f.code == code)
    }

    @Test func firstContactPointIsKeptForTheDCATExport() throws {
        let json = """
            {"data": [{"id": "cccccccccccccccccccccccc", "title": "T", "description": "d", "resources": [],
              "contact_points": [{"name": "Service open data", "email": "opendata@example.fr", "contact_form": " "},
                                 {"name": "Autre", "email": "autre@example.fr"}]}], "next_page": null}
            """
        let r = try #require(UdataDecoder.decodePage(Data(json.utf8), context: Self.context()).datasets.first)
        #expect(r.extras["contact_point.name"] == "Service open data")
        #expect(r.extras["contact_point.email"] == "opendata@example.fr")
        #expect(r.extras["contact_point.url"] == nil)
    }

    @Test func resourcesGivenAsALinkMakeTheEntryIncomplete() throws {
        let json = """
            {"data": [{"id": "bbbbbbbbbbbbbbbbbbbbbbbb", "title": "T", "license": "lov2", "description": "d",
              "created_at": "2024-01-01T00:00:00+00:00", "last_modified": "2024-01-02T00:00:00+00:00",
              "resources": {"rel": "subsection", "href": "https://www.data.gouv.fr/api/2/datasets/b/resources/", "total": 40},
              "organization": "646b7187b50b2a93b1ae3d45"}], "next_page": null}
            """
        let page = UdataDecoder.decodePage(Data(json.utf8), context: Self.context())
        #expect(page.incomplete == ["bbbbbbbbbbbbbbbbbbbbbbbb"])
        let r = try #require(page.datasets.first)
        #expect(r.dataset?.distributions.isEmpty == true)
        // An organisation given as a bare id: a link, no organisation record.
        #expect(r.dataset?.organization?.rawValue == "organization:data.gouv.fr:646b7187b50b2a93b1ae3d45")
        guard case .parsed(_, let records) = page.items[0] else { Issue.record("entry failed"); return }
        #expect(records.count == 1)
    }

    @Test func flagsOwnerPrivateAndNamespace() throws {
        let json = """
            {"data": [{"id": "aaaaaaaaaaaaaaaaaaaaaaaa", "title": "T", "private": true, "archived": "2024-05-01T00:00:00+00:00",
              "deleted": "2024-06-01T00:00:00+00:00", "organization": null, "resources": [{"title": "no url"}],
              "owner": {"id": "u1", "slug": "jeanne-dupont", "first_name": "Jeanne", "last_name": "Dupont"},
              "created_at": "1850-01-01T00:00:00+00:00", "license": "ODC-ODbL", "description": "", "last_modified": "2024-01-01"}],
             "next_page": null, "total": 1}
            """
        let page = UdataDecoder.decodePage(
            Data(json.utf8), context: Self.context(options: ["namespace": "example.org"]))
        let r = try #require(page.datasets.first)
        #expect(r.id.rawValue == "dataset:example.org:aaaaaaaaaaaaaaaaaaaaaaaa")
        #expect(r.draft)
        #expect(r.dataset?.archivedAtSource == true)
        #expect(r.dataset?.deletedAtSource == true)
        #expect(r.dataset?.owner == "jeanne-dupont")
        #expect(r.extras["owner.name"] == "Jeanne Dupont")
        #expect(r.extras["owner_id"] == "u1")
        #expect(r.dataset?.organization == nil)
        #expect(r.links.isEmpty)
        #expect(r.dataset?.license == "odc-odbl")
        #expect(r.dataset?.licenseLabel == "Open Data Commons Open Database License (ODbL)")
        #expect(r.dates.published == nil)
        #expect(r.extras["created_at"] == "1850-01-01T00:00:00+00:00")
        #expect(r.warnings.contains("resource 1 has no url"))
        #expect(r.body == nil)
        #expect(page.incomplete.isEmpty)
        #expect(
            UdataDecoder.detailURL(remoteID: "abc", context: Self.context())
                == "http://127.0.0.1:8089/api/1/datasets/abc/")
    }

    /// Issue 12: the record's link is the dataset's human page, never the API's JSON.
    @Test func linkIsTheHumanPageNeverTheAPIURL() throws {
        // The payload's `page` wins (language segment dropped, as in the export).
        #expect(try Self.detail().url == "https://www.data.gouv.fr/datasets/catalogue-des-donnees-de-data-gouv-fr")
        // Entries without `page`: derived from the API's host and the slug, not the listing URL.
        let page = UdataDecoder.decodePage(try DatasetFixtures.data("udata-page-1.json"), context: Self.context())
        #expect(
            page.datasets.first?.url == "http://127.0.0.1:8089/datasets/barometre-des-resultats-de-laction-publique")
        for dataset in page.datasets { #expect(dataset.url?.contains("/api/") == false) }
        // `page` given as an API URL (some udata versions), or only `uri`.
        let entry =
            #"{"id": "5d13a8b6634f41070a43dff3", "title": "t", "page": "https://www.data.gouv.fr/api/1/datasets/catalogue/", "#
            + #""uri": "https://www.data.gouv.fr/api/1/datasets/catalogue/"}"#
        let ctx = Self.context("https://www.data.gouv.fr/api/1/datasets/5d13a8b6634f41070a43dff3/")
        guard case .parsed(_, let records) = UdataDecoder.decodeDataset(Data(entry.utf8), context: ctx) else {
            Issue.record("entry did not decode"); return
        }
        #expect(records.first?.url == "https://www.data.gouv.fr/datasets/catalogue")
        // Only `uri`, in a listing read from a file (a capture, a mirror): the page comes from
        // `uri`, which was read only after the page had been derived without it.
        let onlyURI = #"{"id": "5d13a8b6634f41070a43dff3", "title": "t", "slug": "catalogue", "#
            + #""uri": "https://www.data.gouv.fr/api/1/datasets/catalogue/"}"#
        guard
            case .parsed(_, let fromFile) = UdataDecoder.decodeDataset(
                Data(onlyURI.utf8), context: Self.context("file:///srv/captures/datasets.json"))
        else {
            Issue.record("entry did not decode"); return
        }
        #expect(fromFile.first?.url == "https://www.data.gouv.fr/datasets/catalogue")
    }

    /// The API v2 gives a dataset's resources as a link: the record says they were not read
    /// (before, it had no distributions and no word about it).
    @Test func resourcesGivenAsALinkAreAWarning() throws {
        let entry = #"{"id": "5d13a8b6634f41070a43dff3", "title": "t", "resources": "#
            + #"{"rel": "subsection", "href": "https://www.data.gouv.fr/api/2/datasets/5d13a8b6634f41070a43dff3/resources/", "#
            + #""type": "GET", "total": 3}}"#
        guard case .parsed(_, let records) = UdataDecoder.decodeDataset(Data(entry.utf8), context: Self.context())
        else {
            Issue.record("entry did not decode"); return
        }
        let dataset = try #require(records.first { $0.kind == .dataset })
        #expect(dataset.dataset?.distributions.isEmpty == true)
        #expect(dataset.warnings.contains { $0.hasPrefix("3 resources given as a link") }, "\(dataset.warnings)")
    }

    /// A dataset's detail read as a list page (a source whose URL names one dataset): a page of
    /// one, the same record as the detail decoder gives. Before: "no `data` list in the response".
    @Test func aDetailIsAPageOfOne() throws {
        let ctx = Self.context("https://www.data.gouv.fr/api/1/datasets/5d13a8b6634f41070a43dff3/")
        let page = UdataDecoder.decodePage(try DatasetFixtures.data("udata-dataset-5d13a8b6.json"), context: ctx)
        #expect(page.failure == nil)
        #expect(page.datasets.count == 1)
        #expect(page.datasets.first == (try Self.detail()))
        #expect(page.nextPage == nil)
        // An error payload is still one.
        let error = UdataDecoder.decodePage(Data(#"{"message": "Not Found", "status": 404}"#.utf8), context: ctx)
        #expect(error.failure != nil)
    }
}
