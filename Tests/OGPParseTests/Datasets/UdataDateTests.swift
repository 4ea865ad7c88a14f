import Foundation
import OGPModel
import Testing

@testable import OGPParse

@Suite("UdataDate")
struct UdataDateTests {
    @Test(arguments: [
        "2019-06-26", "2019-06-26T19:17:42", "2019-06-26T19:17:42.238000", "2019-06-26T19:17:42.238000+00:00",
        "2024-02-29T23:59:59Z", "2023-01-31 08:00:00", "0003-02-05T00:00:00", "2099-12-31", "1900-01-01T00:00:00+0000",
    ])
    func fastPathAgreesWithISODate(text: String) {
        #expect(UdataDate.normalize(text) == ISODate.normalize(text))
        #expect(UdataDate.normalize(text) != nil)
    }

    @Test(arguments: ["2023-02-29", "2019-06-26T19:17:42+02:00", "2019-13-01", "26/06/2019", "2019-06-26T25:00:00"])
    func otherFormsFallBack(text: String) {
        #expect(UdataDate.normalize(text) == nil)
    }

    @Test func trimsAndListsKeepNonASCIIText() {
        #expect(UdataFields.nonEmpty(" café\r\n") == "café")
        #expect(UdataFields.nonEmpty("\télan ") == "élan")
        #expect(UdataFields.nonEmpty(" \n ") == nil)
        #expect(
            UdataFields.list("Nice Côte d'Azur, Nice ,,Toulon-Provence-Méditerranée") == [
                "Nice Côte d'Azur", "Nice", "Toulon-Provence-Méditerranée",
            ])
        #expect(UdataFields.pageURL("https://www.data.gouv.fr/fr/datasets/x/") == "https://www.data.gouv.fr/datasets/x")
        #expect(UdataFields.pageURL("https://www.data.gouv.fr/datasets/x") == "https://www.data.gouv.fr/datasets/x")
        #expect(UdataFields.pageURL("https://example.org/") == "https://example.org")
        #expect(UdataFields.pageURL("https://example.org/frites/") == "https://example.org/frites")
        #expect(UdataFields.bool("True") == true)
        #expect(UdataFields.bool(" FALSE ") == false)
        #expect(UdataFields.bool("2025-01-01") == nil)
    }

    @Test func formatMatchesISODate() {
        for t in [0.0, 1_700_000_000.5, -2_208_988_800, 4_102_444_799] {
            let d = Date(timeIntervalSince1970: t)
            #expect(UdataDate.format(d) == ISODate.string(from: d))
        }
    }

    @Test func plausibilityFollowsTheFetchTime() {
        var warnings: [String] = []
        var extras: [String: String] = [:]
        let bounds = UdataFields.now(DatasetFixtures.context())
        #expect(bounds.latest == "2027-01-16T06:00:00Z")
        #expect(
            UdataFields.date("2027-01-15", key: "k", now: bounds, warnings: &warnings, extras: &extras) == "2027-01-15")
        #expect(UdataFields.date("2027-01-17", key: "k", now: bounds, warnings: &warnings, extras: &extras) == nil)
        #expect(UdataFields.date("1899-12-31", key: "old", now: bounds, warnings: &warnings, extras: &extras) == nil)
        #expect(UdataFields.date("hier", key: "bad", now: bounds, warnings: &warnings, extras: &extras) == nil)
        #expect(extras == ["k": "2027-01-17", "old": "1899-12-31", "bad": "hier"])
        #expect(warnings.last == "unparseable date in bad: hier")
    }
}
