import Foundation
import Testing

@testable import OGPModel

@Suite("Record model")
struct RecordTests {
    static func sampleCommitment() -> Record {
        let plan = RecordID(kind: .actionPlan, namespace: "plans", remoteID: "fr-2021-2023")
        return Record(
            id: RecordID(kind: .commitment, namespace: "ditp", remoteID: "fr-2021-2023-4"),
            kind: .commitment,
            title: "Accélérer la transition écologique",
            summary: "Données environnementales ouvertes",
            body: "Premier paragraphe.\n\nSecond paragraphe avec l’apostrophe.",
            translations: ["en": Translation(title: "Accelerate the ecological transition")],
            dates: RecordDates(published: "2021-12-15", modified: "2022-01-03T10:00:00Z"),
            tags: ["environnement"], themes: ["transition écologique"],
            url: "https://www.modernisation.gouv.fr/pgo",
            partial: true, warnings: ["truncated at byte 5255"],
            links: [RecordLink(.partOf, plan)],
            references: ["https://www.data.gouv.fr/datasets/620bc18f19e4cfe601d272c4/"],
            extras: ["auteur": "DITP"],
            provenance: [
                Provenance(source: "ditp", sourceKind: "html", url: "file:///x.txt", parser: "text", parserVersion: "1")
            ],
            commitment: CommitmentInfo(
                plan: plan, number: 4, milestones: ["a", "b"], status: .substantial, statusLabel: "substantiel")
        )
    }

    @Test func jsonRoundTripKeepsEveryField() throws {
        let record = Self.sampleCommitment()
        let data = try RecordCoding.encode(record)
        let back = try RecordCoding.decode(data)
        #expect(back == record)
        #expect(try RecordCoding.encode(back) == data)
    }

    @Test func canonicalJSONHasSortedKeys() throws {
        let json = String(decoding: try RecordCoding.encode(Self.sampleCommitment()), as: UTF8.self)
        let body = try #require(json.range(of: "\"body\""))
        let title = try #require(json.range(of: "\"title\":\"Acc"))
        #expect(body.lowerBound < title.lowerBound)
        #expect(json.contains("https://www.data.gouv.fr/datasets/"))
    }

    @Test func contentHashIgnoresBookkeeping() throws {
        var a = Self.sampleCommitment()
        var b = a
        b.dates.lastSeen = "2030-01-01T00:00:00Z"
        b.provenance[0].fetchedAt = "2030-01-01T00:00:00Z"
        #expect(try RecordCoding.contentHash(a) == RecordCoding.contentHash(b))
        a.title += "!"
        #expect(try RecordCoding.contentHash(a) != RecordCoding.contentHash(b))
    }

    @Test func idsAreStableAndURIsAreGlobal() {
        let a = RecordID(kind: .publication, namespace: "etalab", remoteID: "https://Etalab.gouv.fr:443/?p=3370#x")
        let b = RecordID(kind: .publication, namespace: "other", remoteID: "https://etalab.gouv.fr/?p=3370")
        #expect(a == b)
        let c = RecordID(kind: .dataset, namespace: "data.gouv.fr", remoteID: "620bc18f19e4cfe601d272c4")
        #expect(c.rawValue == "dataset:data.gouv.fr:620bc18f19e4cfe601d272c4")
        #expect(c.kind == .dataset)
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test(arguments: [
        ("2016-07-25 16:06:00 +02:00", "2016-07-25T14:06:00Z"),
        ("2021-05-05T10:00:00.123456", "2021-05-05T10:00:00Z"),
        ("2019-03-29", "2019-03-29"),
        ("2020-01-01T00:00:00+0100", "2019-12-31T23:00:00Z"),
    ])
    func datesNormalise(input: String, expected: String) {
        #expect(ISODate.normalize(input) == expected)
    }

    @Test func implausibleDatesAreDetected() throws {
        let d = try #require(ISODate.parse("0003-02-05"))
        #expect(!ISODate.isPlausible(d))
        #expect(ISODate.parse("not a date") == nil)
    }

    @Test func statusLabels() {
        #expect(CommitmentStatus.fromLabel("Complet") == .complete)
        #expect(CommitmentStatus.fromLabel("substantiel") == .substantial)
        #expect(CommitmentStatus.fromLabel("partiels") == .limited)
        #expect(CommitmentStatus.fromLabel("Non commencé") == .notStarted)
        #expect(CommitmentStatus.fromLabel("???") == .unknown)
    }
}

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    /// Every field set, with strings that need escaping.
    static func fullRecord() -> Record {
        var r = RecordTests.sampleCommitment()
        r.title = "Quote \" backslash \\ slash / tab \t nl \n cr \r bell \u{07} del \u{7F} é 中 \u{2028} 🎉"
        r.archived = Archival(reason: "not-on-remote", at: "2026-01-01T00:00:00Z")
        r.dates = RecordDates(
            published: "2021-01-01", modified: "2021-02-01T00:00:00Z", firstSeen: "a", lastSeen: "b", lastChanged: "c")
        r.translations = ["en": Translation(title: "T", summary: "S", body: "B"), "de": Translation(title: "D")]
        r.extras = ["zeta": "1", "Alpha": "2", "alpha": "3", "été": "4"]
        r.provenance = [
            Provenance(
                source: "s", sourceKind: "k", url: "https://x/y", item: "i", fetchedAt: "f", etag: "\"e\"",
                lastModified: "l",
                contentHash: String(repeating: "0", count: 64), parser: "p", parserVersion: "1")
        ]
        r.actionPlan = ActionPlanInfo(
            startYear: 2021, endYear: 2023, announcedCommitments: 6, axes: ["a"],
            statusReports: [StatusReport(counts: [.complete: 1, .limited: 10], date: "2016", source: r.id)])
        r.commitment?.axis = "axe"
        r.commitment?.leadInstitutions = ["DITP"]
        r.dataset = DatasetInfo(
            remoteID: "620bc18f19e4cfe601d272c4", acronym: "PGO", organization: r.id, owner: "o", license: "lov2",
            licenseLabel: "Licence Ouverte", frequency: "annual", temporalStart: "2021-01-01",
            temporalEnd: "2023-12-31",
            spatial: ["fr"], uri: "https://u", archivedAtSource: true, deletedAtSource: false,
            distributions: [
                Distribution(
                    id: "d", title: "t", url: "https://f", format: "csv", mimeType: "text/csv",
                    size: 12_345_678_901, checksum: "sha1:ab", type: "main", modified: "m")
            ])
        r.organization = OrganizationInfo(remoteID: "o", acronym: "A", logo: "https://logo")
        return r
    }

    /// One encoding gives the record's bytes and the same content hash as the stripped copy's,
    /// whichever bookkeeping members are set (first in their object, last, all, none).
    @Test func oneEncodingGivesBytesAndContentHash() throws {
        var records = [Self.fullRecord(), RecordTests.sampleCommitment()]
        records.append(Record(id: RecordID(rawValue: "x:y:z"), kind: .dataset, title: ""))
        var onlyBookkeeping = Self.fullRecord()
        onlyBookkeeping.dates = RecordDates(firstSeen: "a", lastSeen: "b", lastChanged: "c")
        onlyBookkeeping.provenance[0].item = nil
        records.append(onlyBookkeeping)
        var lastOnly = Self.fullRecord()
        lastOnly.dates = RecordDates(published: "2020", lastSeen: "b")
        lastOnly.archived = nil
        records.append(lastOnly)
        var localFile = Self.fullRecord()
        localFile.provenance[0].url = "FILE:///tmp/x.json"
        records.append(localFile)
        for record in records {
            let (bytes, hash) = try RecordCoding.bytesAndContentHash(record)
            #expect(bytes == RecordCoding.bytes(record))
            #expect(hash == (try RecordCoding.contentHash(record)))
        }
        // and the hash still ignores bookkeeping and sees content
        var moved = Self.fullRecord()
        moved.dates.lastSeen = "z"
        moved.provenance[0].etag = nil
        #expect(try RecordCoding.bytesAndContentHash(moved).hash == RecordCoding.bytesAndContentHash(Self.fullRecord()).hash)
        moved.title = "other"
        #expect(try RecordCoding.bytesAndContentHash(moved).hash != RecordCoding.bytesAndContentHash(Self.fullRecord()).hash)
    }

    @Test func sameBytesAsJSONEncoderWithSortedKeys() throws {
        for record in [
            Self.fullRecord(), RecordTests.sampleCommitment(),
            Record(id: RecordID(rawValue: "x:y:z"), kind: .dataset, title: ""),
        ] {
            let fast = try RecordCoding.encode(record)
            let reference = try RecordCoding.encoder().encode(record)
            #expect(String(decoding: fast, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
            #expect(try RecordCoding.decode(fast) == record)
        }
    }

    @Test func sha256OverManyChunkSizes() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = SHA256.hex(data)
        for chunk in [1, 3, 63, 64, 65, 200] {
            var h = SHA256()
            var i = 0
            while i < data.count {
                h.update(data[i..<min(i + chunk, data.count)])
                i += chunk
            }
            #expect(h.hexDigest() == whole)
        }
    }
}

@Suite("XXH64")
struct XXH64Tests {
    func h(_ s: String, seed: UInt64 = 0) -> UInt64 {
        Array(s.utf8).withUnsafeBytes { XXH64.hash($0, seed: seed) }
    }

    @Test func referenceVectors() {
        #expect(h("") == 0xEF46_DB37_51D8_E999)
        #expect(h("a") == 0xD24E_C4F1_A98C_6E5B)
        #expect(h("abc") == 0x44BC_2CF5_AD77_0999)
        #expect(h("Nobody inspects the spammish repetition") == 0xFBCE_A83C_8A37_8BF1)
    }

    @Test func everyLengthAndSeedChangesTheHash() {
        var seen = Set<UInt64>()
        let text = String(repeating: "données environnementales ", count: 4)
        for n in 0...text.utf8.count { seen.insert(h(String(decoding: Array(text.utf8).prefix(n), as: UTF8.self))) }
        #expect(seen.count == text.utf8.count + 1)
        #expect(h("abc", seed: 1) != h("abc"))
        #expect(XXH64.hex128(Array("abc".utf8)).count == 32)
    }
}
