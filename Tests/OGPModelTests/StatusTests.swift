import Foundation
import Testing

@testable import OGPModel

@Suite("Commitment statuses")
struct StatusTests {
    static func ogpCommitment() -> Record {
        var info = CommitmentInfo(
            plan: RecordID(rawValue: "actionPlan:ogp-fr:plan-2015-2017-gov"), number: nil, numberLabel: "1.1",
            ogpID: "FR0001",
            leadInstitutions: ["Ministry of the Interior"],
            assessments: [
                StatusAssessment(status: .substantial, label: "Substantial", assessor: .irmProgress, date: "2017"),
                StatusAssessment(
                    status: .complete, label: "Complete", assessor: .irmEndOfTerm, date: "2018",
                    url: "https://opengovpartnership.org/members/france/commitments/fr0001"),
            ],
            irm: IRMAssessment(
                specificity: AssessedValue(label: "High", score: "3"), relevance: ["access-to-information"],
                potentialForResults: AssessedValue(noData: .noData), progressReportYear: "2017"))
        info.applyLatestAssessment()
        return Record(
            id: RecordID(kind: .commitment, namespace: "ogp", remoteID: "FR0001"), kind: .commitment,
            title: "Open Regional and Local Authorities' Data", language: "en", commitment: info)
    }

    @Test func newFieldsEncodeLikeJSONEncoderAndRoundTrip() throws {
        let record = Self.ogpCommitment()
        let fast = try RecordCoding.encode(record)
        let reference = try RecordCoding.encoder().encode(record)
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
        #expect(try RecordCoding.decode(fast) == record)
        #expect(String(decoding: fast, as: UTF8.self).contains("\"noData\":\"no-data\""))
    }

    @Test func recordsWithoutTheNewFieldsKeepTheirBytes() throws {
        // The JSON of a commitment written before the new fields existed: it must decode and
        // re-encode to the same bytes (the demo's reproducible export stays the same).
        let old =
            #"{"body":null,"commitment":{"axis":"A","leadInstitutions":[],"milestones":["m"],"number":4,"plan":"actionPlan:ogp-fr:plan-2021-2023-gov","status":"unknown","supportingInstitutions":[]},"dates":{},"draft":false,"extras":{},"id":"commitment:ogp-fr:plan-2021-2023-gov-c4","kind":"commitment","language":"fr","links":[],"partial":false,"provenance":[],"references":[],"tags":[],"themes":[],"title":"T","translations":{},"warnings":[]}"#
        let record = try RecordCoding.decode(Data(old.utf8))
        #expect(record.commitment?.assessments == [])
        let expected = old.replacingOccurrences(of: #""body":null,"#, with: "")
        #expect(String(decoding: try RecordCoding.encode(record), as: UTF8.self) == expected)
    }

    @Test func currentStatusIsTheLatestAssessment() {
        let record = Self.ogpCommitment()
        #expect(record.commitment?.status == .complete)
        #expect(record.commitment?.statusLabel == "Complete")
        // Same period: the end-of-term report comes after the progress report whatever the order.
        let a = StatusAssessment(status: .limited, label: "Limited", assessor: .irmEndOfTerm)
        let b = StatusAssessment(status: .substantial, label: "Substantial", assessor: .irmProgress)
        #expect(StatusAssessment.latest([a, b]) == a)
        #expect(StatusAssessment.latest([]) == nil)
    }

    @Test func labelsMapToTheScale() {
        #expect(CommitmentStatus.fromLabel("Withdrawn") == .withdrawn)
        #expect(CommitmentStatus.fromLabel("Not Started") == .notStarted)
        #expect(CommitmentStatus.fromLabel("Substantial") == .substantial)
        #expect(CommitmentStatus.fromLabel("Complete") == .complete)
        #expect(CommitmentStatus.fromLabel("Limited") == .limited)
        #expect(CommitmentStatus.fromLabel("Unclear") == .unknown)
        #expect(NoDataReason.placeholder("NR") == .notReviewed)
        #expect(NoDataReason.placeholder(" ND ") == .noData)
        #expect(NoDataReason.placeholder("Unclear") == .unclear)
        #expect(NoDataReason.placeholder("Limited") == nil)
        #expect(NoDataReason.placeholder("\tn/a\u{00A0}") == .notApplicable)
        #expect(NoDataReason.placeholder("  unclear  ") == .unclear)
        #expect(NoDataReason.placeholder("Unclearly") == nil)
        #expect(NoDataReason.placeholder("NA " + String(repeating: "long description ", count: 50)) == nil)
        #expect(NoDataReason.placeholder("   ") == nil)
    }

    @Test func statusChangesBetweenVersionsAreDatedEvents() {
        var v1 = Self.ogpCommitment()
        v1.commitment?.assessments.removeLast()
        v1.commitment?.applyLatestAssessment()
        var v2 = v1
        v2.title += " (retitled)"
        let v3 = Self.ogpCommitment()
        let events = StatusChange.events([
            ("2026-01-01T00:00:00Z", v1), ("2026-02-01T00:00:00Z", v2), ("2026-03-01T00:00:00Z", v3),
        ])
        #expect(events.count == 2)
        #expect(events[0].from == nil && events[0].to == .substantial)
        #expect(events[1].from == .substantial && events[1].to == .complete)
        #expect(events[1].at == "2026-03-01T00:00:00Z")
        #expect(events[1].assessor == .irmEndOfTerm)
        // A commitment first known without status: its first assessment is the first event.
        var unknown = v1
        unknown.commitment = CommitmentInfo()
        let later = StatusChange.events([("2026-01-01T00:00:00Z", unknown), ("2026-02-01T00:00:00Z", v1)])
        #expect(
            later == [
                StatusChange(
                    from: .unknown, to: .substantial, label: "Substantial", at: "2026-02-01T00:00:00Z",
                    assessor: .irmProgress)
            ])
    }
}
