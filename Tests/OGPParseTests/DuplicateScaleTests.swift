import Foundation
import OGPModel
import Testing

@testable import OGPParse

/// Duplicate detection over many look-alike posts (bodies sharing their first 400 characters):
/// it was quadratic (15,000 such posts still running after 12 minutes, ignoring SIGTERM); now
/// linear, incremental, bounded and cancellable (issue 11).
@Suite("Duplicate detection at scale")
struct DuplicateScaleTests {
    /// `n` WordPress-like posts with the same long opening, distinct titles and dates.
    static func lookAlikes(_ n: Int, undatedEvery: Int = 0) -> [Record] {
        let opening = String(repeating: "Le gouvernement ouvert publie son plan d’action national. ", count: 10)
        return (0..<n).map { i in
            let day = String(format: "20%02d-%02d-%02d", 10 + i % 15, 1 + i % 12, 1 + i % 28)
            return Record(
                id: RecordID(kind: .publication, namespace: "wp", remoteID: "post-\(i)"), kind: .publication,
                title: "Article numéro \(i)", body: opening + "Suite propre à l’article \(i).",
                dates: RecordDates(published: undatedEvery > 0 && i % undatedEvery == 0 ? nil : day + "T10:00:00Z"))
        }
    }

    @Test(.timeLimit(.minutes(2))) func tenThousandLookAlikesFinish() {
        let records = Self.lookAlikes(10_000, undatedEvery: 97)
        let scan = DuplicateDetector.scan(records, limit: 50, isCancelled: { false })
        #expect(!scan.cancelled)
        #expect(scan.findings.count == 50)
        #expect(scan.truncated > 5_000)
        #expect(scan.findings.allSatisfy { $0.reason == .sameBody })
    }

    /// The linear algorithm gives the same findings as comparing every pair (small groups).
    @Test func sameFindingsAsThePairwiseDefinition() {
        var records = Self.lookAlikes(60, undatedEvery: 7)
        records[5].title = records[3].title  // same title: never a finding between them
        let found = Set(DuplicateDetector.findings(in: records).filter { $0.reason == .sameBody }.map(\.record))
        // Pairwise: a record is flagged when some other has another title and is earlier (or
        // either is undated).
        let expected = Set(
            records.filter { r in
                records.contains { o in
                    guard o.id != r.id, o.title != r.title else { return false }
                    guard let mine = r.dates.published, let theirs = o.dates.published else { return true }
                    return theirs < mine
                }
            }.map(\.id))
        #expect(found == expected)
    }

    /// The folding table (issue 11: Foundation's folding was 1.6 ms per post) finds exactly what
    /// Foundation's folding found: titles and bodies that differ only by case, accents, `œ`, or
    /// that go through Foundation (Greek, combining accents).
    @Test func theFoldingTableFindsWhatFoundationFoldingFound() {
        let openings = [
            String(repeating: "Élaboration du Plan d’Action national, cœur du gouvernement ouvert. ", count: 8),
            String(repeating: "ELABORATION DU PLAN D’ACTION NATIONAL, COEUR DU GOUVERNEMENT OUVERT. ", count: 8),
            String(repeating: "Ελληνικά: διαφάνεια και συμμετοχή, e\u{301}te\u{301} ouvert. ", count: 8),
            String(repeating: "Ελληνικά: ΔΙΑΦΆΝΕΙΑ ΚΑΙ ΣΥΜΜΕΤΟΧΉ, ÉTÉ ouvert. ", count: 8),
        ]
        let titles = ["Réunion de l’Œuvre", "reunion de l’oeuvre", "Ἀθῆναι", "ΑΘΗΝΑΙ", "Concertation n°", "CONCERTATION N°"]
        var records: [Record] = []
        for i in 0..<240 {
            records.append(
                Record(
                    id: RecordID(kind: .publication, namespace: "wp", remoteID: "post-\(i)"), kind: .publication,
                    title: titles[i % titles.count] + (i % 5 == 0 ? "" : " \(i / 12)"),
                    body: openings[i % openings.count] + "Suite \(i).",
                    dates: RecordDates(published: i % 11 == 0 ? nil : "2021-0\(1 + i % 9)-1\(i % 10)T10:00:00Z")))
        }
        let table = DuplicateDetector.scan(records, limit: .max, isCancelled: { false })
        let foundation = DuplicateDetector.scan(
            records, limit: .max, isCancelled: { false }, folding: TextFolding.foundationFold)
        #expect(table == foundation)
        #expect(table.findings.contains { $0.reason == .sameTitleAndDate })
        #expect(table.findings.contains { $0.reason == .sameBody })
    }

    /// The fingerprint read scalar by scalar is the one read character by character, bodies with
    /// combining accents, CR LF, no-break spaces and Greek included.
    @Test func fingerprintsScalarByScalarAreFingerprintsByCharacter() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        // Simple pieces first; the last three need characters told apart the slow way.
        let pieces = [
            "Élaboration", " ", "\r\n", "\u{A0}", "\u{202F}", "plan d’action", "ŒUVRE", "  ", "—", "données", "\t", "«",
            "»", "x", "e\u{301}", "Ελλάδα", "a\u{200D}b",
        ]
        var simple = 0
        for i in 0..<400 {
            var body = ""
            for _ in 0..<(40 + next(400)) { body += pieces[next(i % 3 == 0 ? pieces.count : 14)] }
            let record = Record(
                id: RecordID(kind: .publication, namespace: "t", remoteID: "\(i)"), kind: .publication, title: "t",
                body: body)
            if DuplicateDetector.simpleOpening(body, visible: 800) != nil { simple += 1 }
            #expect(
                DuplicateDetector.fingerprint(record)
                    == DuplicateDetector.characterFingerprint(body, folding: TextFolding.foundationFold),
                "\(body.debugDescription)")
        }
        #expect(simple > 50)
    }

    @Test func onlyChangedRecordsAreExamined() {
        let records = Self.lookAlikes(1_000)
        #expect(DuplicateDetector.scan(records, changed: [], isCancelled: { false }).findings.isEmpty)
        let changed = records[500].id
        let scan = DuplicateDetector.scan(records, changed: [changed], limit: .max, isCancelled: { false })
        #expect(!scan.findings.isEmpty)
        #expect(scan.findings.allSatisfy { $0.record == changed || $0.other == changed })
    }

    @Test func cancellationStopsTheScan() {
        let records = Self.lookAlikes(5_000)
        var polls = 0
        let scan = DuplicateDetector.scan(
            records,
            isCancelled: {
                polls += 1
                return polls > 3
            })
        #expect(scan.cancelled)
        #expect(polls == 4)
    }
}

/// udata JSON nested deeper than the limit is named as such, not "not JSON" (issue 11).
@Suite struct UdataDepthTests {
    @Test func deepNestingIsTooDeepNotInvalid() {
        let deep = Data(
            ("{\"id\": " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}").utf8)
        let context = ParseContext(source: "t", sourceKind: "udata", url: "https://example.org/api/1/datasets/x/")
        guard case .failed(let failure) = UdataDecoder.decodeDataset(deep, context: context) else {
            Issue.record("decoded")
            return
        }
        #expect(failure.code == "tooDeep", "\(failure)")
        #expect(failure.reason.contains("nested deeper than"))
        #expect(failure.offset == 106)
        // Brackets inside strings do not count.
        let text = Data(("{\"id\": \"x\", \"title\": \"" + String(repeating: "[", count: 600) + "\"}").utf8)
        if case .failed(let f) = UdataDecoder.decodeDataset(text, context: context) { #expect(f.code != "tooDeep") }
    }
}
