import Foundation
import Testing

@testable import OGPModel

@Suite("Dataset popularity")
struct DatasetPopularityTests {
    @Test func countsBecomeLevelsOfTen() {
        #expect(DatasetPopularity(followersAndReuses: 0) == nil)
        #expect(DatasetPopularity(followersAndReuses: -3) == nil)
        #expect(DatasetPopularity(followersAndReuses: 1) == .low)
        #expect(DatasetPopularity(followersAndReuses: 9) == .low)
        #expect(DatasetPopularity(followersAndReuses: 10) == .medium)
        #expect(DatasetPopularity(followersAndReuses: 99) == .medium)
        #expect(DatasetPopularity(followersAndReuses: 100) == .high)
        #expect(DatasetPopularity(followersAndReuses: .max) == .high)
        #expect(DatasetPopularity.low < DatasetPopularity.medium && DatasetPopularity.medium < DatasetPopularity.high)
    }

    /// The export writes counts as `12`, `12.0` or nothing; anything else counts 0, and huge or
    /// non-finite values neither trap nor overflow.
    @Test func countsAreReadAsThePortalWritesThem() {
        #expect(DatasetPopularity(followers: "12.0", reuses: "") == .medium)
        #expect(DatasetPopularity(followers: " 3 ", reuses: "7") == .medium)
        #expect(DatasetPopularity(followers: nil, reuses: "4") == .low)
        #expect(DatasetPopularity(followers: "abc", reuses: "NaN") == nil)
        #expect(DatasetPopularity(followers: "inf", reuses: "-5") == nil)
        #expect(DatasetPopularity(followers: "1e300", reuses: "9e18") == .high)
        #expect(DatasetPopularity(followers: "0.5", reuses: nil) == nil)
    }

    /// The priors lift a popular dataset a little and never lower one.
    @Test func priorsAreSmallLiftsInOrder() {
        let p = DatasetPopularity.allCases.map(\.searchPrior)
        #expect(p == p.sorted() && p.allSatisfy { $0 > 1 && $0 < 1.2 })
        #expect(SearchPriors.keywordBoosts["popularity"] == DatasetPopularity.searchPriors)
        #expect(SearchPriors.keywordBoosts["kind"] == RecordKind.searchPriors)
    }

    /// A record with a popularity survives both encoders and the fast reader; one without keeps
    /// exactly the JSON (and so the content hash) it had before the field existed.
    @Test func recordsRoundTripAndRecordsWithoutItAreUnchanged() throws {
        var r = Record(
            id: RecordID(kind: .dataset, namespace: "data.gouv.fr", remoteID: "abc"), kind: .dataset, title: "Base")
        r.dataset = DatasetInfo(remoteID: "abc")
        let without = try RecordCoding.encode(r)
        #expect(!String(decoding: without, as: UTF8.self).contains("popularity"))
        #expect(try RecordCoding.encoder().encode(r) == without)
        r.dataset?.popularity = .high
        let with = try RecordCoding.encode(r)
        #expect(String(decoding: with, as: UTF8.self).contains("\"popularity\":\"high\""))
        // The fast writer gives JSONEncoder's bytes, and the fast reader reads them itself.
        #expect(try RecordCoding.encoder().encode(r) == with)
        #expect(RecordJSONReader.record([UInt8](with)) == r)
        #expect(try JSONDecoder().decode(Record.self, from: with) == r)
        #expect(try RecordCoding.contentHash(r) != RecordCoding.contentHash({ var o = r; o.dataset?.popularity = .low; return o }()))
    }
}
