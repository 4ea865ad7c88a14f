import Foundation
import Testing

@testable import OGPModel

/// The direct reader of stored records gives what `JSONDecoder` gives, or declines.
@Suite struct RecordJSONReaderTests {
    static func reference(_ json: String) throws -> Record {
        try JSONDecoder().decode(Record.self, from: Data(json.utf8))
    }

    /// A dataset with every part the reader handles, strings needing every escape.
    static func dataset() -> Record {
        var r = CanonicalJSONTests.fullRecord()
        r.actionPlan = nil
        r.commitment = nil
        r.kind = .dataset
        r.summary = nil
        r.body = "emoji 🎉 and \u{1} control, \u{FFFF} last BMP"
        r.links = [RecordLink(.publishedBy, r.id), RecordLink(.usesDataset, RecordID(rawValue: "dataset:x:y"))]
        r.provenance[0].sameAs = RecordID(rawValue: "dataset:a:b")
        r.provenance[0].matchedBy = .originLandingPage
        r.tags = ["ogp", "Données ouvertes", ""]
        r.dataset?.distributions.append(Distribution(url: "https://g", size: -3))
        return r
    }

    @Test func readsWhatJSONDecoderReads() throws {
        for record in [
            Self.dataset(), Record(id: RecordID(rawValue: "x:y:z"), kind: .organization, title: ""),
            Record(
                id: RecordID(rawValue: "p:q:r"), kind: .publication, title: "t",
                archived: Archival(reason: "r", at: "a")),
        ] {
            let json = String(decoding: RecordCoding.bytes(record), as: UTF8.self)
            let direct = try #require(RecordJSONReader.record(Array(json.utf8)))
            #expect(direct == record)
            #expect(direct == (try Self.reference(json)))
        }
    }

    @Test func handWrittenJSONWithNullsSpacesAndEscapes() throws {
        let json = """
            { "id" : "dataset:a:b", "kind": "dataset", "title": "\\u00e9t\\u00C9 \\ud83c\\udf89 \\/ \\"q\\"",
              "language": "fr", "translations": {}, "dates": {"published": null}, "tags": [], "themes": [],
              "warnings": [], "references": [], "draft": false, "partial": true, "links": [], "extras": {},
              "provenance": [], "summary": null, "archived": null, "dataset": null, "url": "u" }
            """
        let direct = try #require(RecordJSONReader.record(Array(json.utf8)))
        #expect(direct == (try Self.reference(json)))
        #expect(direct.title == "étÉ 🎉 / \"q\"")
    }

    /// Plans and commitments, unknown keys, missing required keys, a fraction, a lone
    /// surrogate, trailing bytes: the reader declines and `RecordCoding.decode` gives
    /// `JSONDecoder`'s answer (the record or its error).
    @Test func declinesWhatItDoesNotHandle() throws {
        let commitment = String(decoding: RecordCoding.bytes(RecordTests.sampleCommitment()), as: UTF8.self)
        #expect(RecordJSONReader.record(Array(commitment.utf8)) == nil)
        #expect(try RecordCoding.decode(commitment) == RecordTests.sampleCommitment())
        let base = String(decoding: RecordCoding.bytes(Self.dataset()), as: UTF8.self)
        let broken = [
            base.replacingOccurrences(of: "\"draft\":false", with: "\"draft\":false,\"unknown\":1"),
            base.replacingOccurrences(of: "\"draft\":false,", with: ""),
            base.replacingOccurrences(of: "\"size\":12345678901", with: "\"size\":1.5"),
            base.replacingOccurrences(of: "\"language\":\"fr\"", with: "\"language\":\"\\ud800\""),
            base.replacingOccurrences(of: "\"kind\":\"dataset\"", with: "\"kind\":\"nope\""),
            base + " x",
            String(base.dropLast()),
        ]
        for json in broken {
            #expect(json != base)
            #expect(RecordJSONReader.record(Array(json.utf8)) == nil)
            let reference = Result { try Self.reference(json) }
            let decoded = Result { try RecordCoding.decode(json) }
            #expect((try? reference.get()) == (try? decoded.get()))
        }
    }
}
