import Foundation
import OGPModel
import Testing

@testable import OGPParse

@Suite("UdataCSVMapper")
struct UdataCSVMapperTests {
    static let sliceIDs = [
        "6969b802770f993ed4817ef3", "69690a4401da6ee13ec30948", "6968f5ea70a25ff3fdb226b4", "6965fdaf8833e077687a8005",
        "695bd5e7b82108e30c5d77a3", "694093c27c6224c8bab2dc50", "66469fe8558e6fffb74c46b1", "65271c20a80b3f04010e71ff",
        "620bc18f19e4cfe601d272c4", "6065c5cd9f89bfd828bcbf5c", "5fbcdc30658eea9e55782183", "5d13a8b6634f41070a43dff3",
        "5b1e37a188ee3849c6b7df9b", "5e166f7c06e3e76950ce8d52",
    ]

    static func byID(_ records: [Record]) -> [String: Record] {
        Dictionary(records.map { ($0.dataset?.remoteID ?? $0.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func realSliceGivesEveryGoodRowAndOneFailureForTheBrokenOne() throws {
        let (records, failures) = try DatasetFixtures.mapFile("export-slice.csv")
        #expect(records.map { $0.dataset?.remoteID } == Self.sliceIDs)
        #expect(failures.count == 1)
        let failure = try #require(failures.first)
        #expect(failure.code == "stray-quote")
        let line = try #require(failure.line)
        #expect(line > 1)
        #expect(failure.item.hasSuffix(":\(line)"))
        // The rows after the broken one still come out, with their own ids.
        #expect(records.contains { $0.dataset?.remoteID == "694093c27c6224c8bab2dc50" })
        #expect(records.allSatisfy { $0.id.rawValue == "dataset:data.gouv.fr:\($0.dataset?.remoteID ?? "")" })
    }

    @Test func mapsTheOGPCommitmentsDataset() throws {
        let r = try #require(
            Self.byID(try DatasetFixtures.mapFile("export-slice.csv").records)["620bc18f19e4cfe601d272c4"])
        #expect(r.kind == .dataset)
        #expect(r.id == RecordID(kind: .dataset, namespace: "data.gouv.fr", remoteID: "620bc18f19e4cfe601d272c4"))
        #expect(r.title.hasPrefix("Liste des engagements du plan d'action Partenariat pour un Gouvernement Ouvert"))
        let d = try #require(r.dataset)
        #expect(d.acronym == "OGP")
        #expect(
            d.organization
                == RecordID(kind: .organization, namespace: "data.gouv.fr", remoteID: "5e32dee6634f411679399abb"))
        #expect(
            r.links == [
                RecordLink(.publishedBy, RecordID(rawValue: "organization:data.gouv.fr:5e32dee6634f411679399abb"))
            ])
        #expect(d.license == "notspecified")
        #expect(d.licenseLabel == "License Not Specified")
        #expect(d.frequency == "punctual")
        #expect(d.temporalStart == "2021-01-01")
        #expect(d.temporalEnd == "2023-12-31")
        #expect(d.spatial == ["France"])
        #expect(r.extras["spatial.granularity"] == "country")
        #expect(r.extras["featured"] == "true")
        #expect(r.extras["organization"] == "Direction Interministérielle de la Transformation Publique")
        #expect(r.tags == ["opengov"])
        #expect(r.dates.published == "2022-02-15T16:06:55Z")
        #expect(r.dates.modified == "2022-02-15T16:41:40Z")
        #expect(
            r.url
                == "https://www.data.gouv.fr/datasets/liste-des-engagements-du-plan-daction-partenariat-pour-un-gouvernement-ouvert-open-government-partnership"
        )
        #expect(d.archivedAtSource == false)
        #expect(r.body?.hasPrefix("Le Partenariat pour un gouvernement ouvert") == true)
        #expect(r.warnings.isEmpty)
        #expect(r.extras.keys.allSatisfy { !$0.hasPrefix("metric.") && $0 != "quality_score" })
        #expect(r.provenance.first?.item == "620bc18f19e4cfe601d272c4")
        #expect(r.provenance.first?.parser == "udata-csv")
    }

    @Test func archivedDateAndImplausibleDates() throws {
        let records = Self.byID(try DatasetFixtures.mapFile("export-slice.csv").records)
        let lyon = try #require(records["65271c20a80b3f04010e71ff"])
        #expect(lyon.dataset?.archivedAtSource == true)
        #expect(lyon.extras["archived"] == "2025-10-10T00:00:00Z")
        let odd = try #require(records["5e166f7c06e3e76950ce8d52"])
        #expect(odd.dates.published == nil)
        #expect(odd.extras["created_at"] == "0003-02-05T00:00:00")
        #expect(odd.warnings.contains("implausible date in created_at: 0003-02-05T00:00:00"))
        #expect(odd.dates.modified != nil)
    }

    @Test func quirkyDescriptionsBecomePlainText() throws {
        let records = Self.byID(try DatasetFixtures.mapFile("export-slice.csv").records)
        let crlf = try #require(records["694093c27c6224c8bab2dc50"]?.body)
        #expect(!crlf.contains("\r"))
        let long = try #require(records["66469fe8558e6fffb74c46b1"]?.body)
        // 41 KB of markdown, mostly an inline base64 image: the image goes, the text stays.
        #expect(!long.contains("base64"))
        #expect(long.hasSuffix("produites sur le territoire de l’agglomération chartraine."))
        let html = try #require(records["6965fdaf8833e077687a8005"]?.body)
        #expect(!html.contains("<p>"))
        #expect(!html.contains("</"))
        let semi = try #require(records["6968f5ea70a25ff3fdb226b4"]?.body)
        #expect(semi.contains(";"))
        for r in records.values {
            #expect(!(r.body ?? "").contains("**"))
            #expect(!(r.body ?? "").contains("\n\n\n"))
        }
        let owner = try #require(records["69690a4401da6ee13ec30948"])
        #expect(owner.dataset?.owner != nil)
        #expect(owner.extras["owner_id"] != nil)
        #expect(records["695bd5e7b82108e30c5d77a3"]?.dataset?.spatial.count ?? 0 > 1)
        #expect(records["6969b802770f993ed4817ef3"]?.extras["harvest.backend"] == "DCAT")
    }

    @Test func reorderedHeaderWithExtraColumnMapsTheSame() throws {
        let normal = try DatasetFixtures.mapFile("export-slice.csv").records
        let (reordered, failures) = try DatasetFixtures.mapFile("export-slice-reordered.csv")
        #expect(failures.isEmpty)
        #expect(reordered.count == normal.count)
        for (a, b) in zip(normal, reordered) {
            #expect(a.id == b.id)
            #expect(a.title == b.title)
            #expect(a.body == b.body)
            #expect(a.dataset == b.dataset)
            #expect(a.dates == b.dates)
            #expect(a.tags == b.tags)
            #expect(b.extras["new_column"] == "valeur en plus")
            var extras = b.extras
            extras["new_column"] = nil
            #expect(extras == a.extras)
        }
    }

    @Test func metricsAreKeptRawOnlyWhenAsked() throws {
        let records = Self.byID(try DatasetFixtures.mapFile("export-slice.csv", options: ["metrics": "keep"]).records)
        let r = try #require(records["5d13a8b6634f41070a43dff3"])
        #expect(r.extras["metric.reuses_by_months"]?.hasPrefix("{'2024-11': 0,") == true)
        #expect(r.extras["metric.views"] == "303470")
        #expect(r.extras["quality_score"] == "0.67")
    }

    /// Followers + reuses become a level whether or not the metrics are kept (the counts change
    /// with every export; the level seldom does).
    @Test func followersAndReusesGiveThePopularityLevel() throws {
        for options in [[:], ["metrics": "keep"]] {
            let records = Self.byID(try DatasetFixtures.mapFile("export-slice.csv", options: options).records)
            #expect(records["5d13a8b6634f41070a43dff3"]?.dataset?.popularity == .medium)  // 18 + 6
            #expect(records["5fbcdc30658eea9e55782183"]?.dataset?.popularity == .low)  // 1 + 1
            #expect(records["695bd5e7b82108e30c5d77a3"]?.dataset?.popularity == .low)  // 0 + 2
            let unused = try #require(records["6969b802770f993ed4817ef3"])
            #expect(unused.dataset?.popularity == nil)  // 0 + 0
            #expect(records.values.filter { $0.dataset?.popularity != nil }.count == 5)
            #expect(options.isEmpty == (records["5d13a8b6634f41070a43dff3"]?.extras["metric.followers"] == nil))
        }
    }

    @Test func parallelBatchMappingGivesTheSameResultsInOrder() throws {
        let reader = try CSVReader(path: DatasetFixtures.path("export-slice.csv"))
        guard case .row(let header)? = reader.next() else { Issue.record("no header"); return }
        let mapper = try UdataCSVMapper(header: header.fields)
        let rows = DatasetFixtures.rows(Array(reader))
        let ctx = DatasetFixtures.context()
        let sequential = rows.map { mapper.map($0, context: ctx) }
        #expect(mapper.map(rows, context: ctx, parallelism: 3) == sequential)
        #expect(mapper.map(rows, context: ctx, parallelism: 1) == sequential)
        #expect(mapper.map([], context: ctx, parallelism: 2).isEmpty)
    }

    @Test func descriptionOfTwoMegabytesIsReadAndCleaned() throws {
        let paragraph = "Un paragraphe **important** ; avec \"\"guillemets\"\"\r\nsur deux lignes.\n\n"
        let description = String(repeating: paragraph, count: 2_000_000 / paragraph.utf8.count + 1)
        let text =
            "\"id\";\"title\";\"description\"\r\n\"big\";\"Grand\";\"\(description)\"\r\n\"next\";\"Suivant\";\"\"\r\n"
        let reader = CSVReader(data: Data(text.utf8), options: CSVOptions(bufferSize: 64 * 1024))
        guard case .row(let header)? = reader.next() else { Issue.record("no header"); return }
        let mapper = try UdataCSVMapper(header: header.fields)
        let results = DatasetFixtures.rows(Array(reader)).map { mapper.map($0, context: DatasetFixtures.context()) }
        #expect(results.map(\.item) == ["big", "next"])
        guard case .parsed(_, let records) = results[0], let body = records.first?.body else {
            Issue.record("no body"); return
        }
        #expect(body.utf8.count > 1_500_000)
        #expect(body.hasPrefix("Un paragraphe important ; avec \"guillemets\"\nsur deux lignes.\n\nUn paragraphe"))
        #expect(!body.contains("**"))
    }

    @Test func missingIDColumnIsAClearError() {
        #expect(throws: ParseError.self) { try UdataCSVMapper(header: ["title", "slug"]) }
    }

    @Test func wrongFieldCountAndEmptyIDAreFailedItems() throws {
        let mapper = try UdataCSVMapper(header: ["title", "id", "license"])
        let ctx = DatasetFixtures.context()
        let short = mapper.map(CSVRow(fields: ["a", "b"], line: 7, offset: 99), context: ctx)
        guard case .failed(let f) = short else { Issue.record("expected a failure"); return }
        #expect(f.code == "field-count")
        #expect(f.line == 7)
        #expect(f.offset == 99)
        guard case .failed(let g) = mapper.map(CSVRow(fields: ["a", " ", "x"], line: 8, offset: 120), context: ctx)
        else {
            Issue.record("expected a failure"); return
        }
        #expect(g.code == "missing-id")
        guard
            case .parsed(let id, let records) = mapper.map(
                CSVRow(fields: ["", "abc", "Licence Ouverte / Open Licence"], line: 9, offset: 140), context: ctx
            )
        else { Issue.record("expected a record"); return }
        #expect(id == "abc")
        #expect(records.first?.title == "abc")
        #expect(records.first?.warnings == ["missing title"])
        #expect(records.first?.dataset?.license == "fr-lo")
    }

    @Test func namespaceAndOrganisationRecordsAreOptions() throws {
        let mapper = try UdataCSVMapper(header: ["id", "title", "organization", "organization_id"])
        let ctx = DatasetFixtures.context(options: ["namespace": "demo.data.gouv.fr", "organizations": "true"])
        guard
            case .parsed(_, let records) = mapper.map(
                CSVRow(fields: ["abc", "T", "Org", "o1"], line: 2, offset: 10), context: ctx
            )
        else { Issue.record("expected records"); return }
        #expect(records.map(\.id.rawValue) == ["dataset:demo.data.gouv.fr:abc", "organization:demo.data.gouv.fr:o1"])
        #expect(records.last?.title == "Org")
    }
}
