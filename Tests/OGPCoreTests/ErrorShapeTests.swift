import Foundation
import OGPCore
import Testing

/// The one error shape: places read as people expect, Foundation errors name the path and the
/// cause, causes stay typed.
@Suite struct ErrorShapeTests {
    struct Sample: OGPError {
        struct Code: ErrorCode {
            let rawValue: String
            init(rawValue: String) { self.rawValue = rawValue }
            static let broken = Code(rawValue: "broken")
        }
        var code: Code
        var message: String
        var place: ErrorPlace
        var underlying: (any Error & Sendable)?
    }

    @Test func placesLeaveOutWhatIsUnknown() {
        #expect(
            ErrorPlace(source: "s", item: "a.md", location: "file:///x/a.md", line: 3).description
                == "source `s`, item a.md, file:///x/a.md:3")
        #expect(ErrorPlace.at("https://example.org/", offset: 12).description == "https://example.org/, byte 12")
        #expect(ErrorPlace.none.description.isEmpty)
    }

    @Test func foundationErrorsNameThePathAndTheCause() {
        do {
            _ = try Data(contentsOf: URL(fileURLWithPath: "/nonexistent-ogp/report.json"))
            Issue.record("expected an error")
        } catch {
            let text = describeError(error)
            #expect(!text.contains("NSCocoaErrorDomain"), "\(text)")
            #expect(text.contains("/nonexistent-ogp/report.json"), "\(text)")
            #expect(text.lowercased().contains("no such file or directory"), "\(text)")
        }
    }

    @Test func causesStayTyped() {
        let inner = Sample(code: .broken, message: "inner", place: .at("a"), underlying: nil)
        let outer = Sample(code: .broken, message: "outer", place: .at("b"), underlying: inner)
        #expect(outer.causes.count == 2)
        #expect((outer.underlying as? Sample)?.message == "inner")
        #expect(outer.description == "b: outer (a: inner)")
    }

    /// A wrapper at the same place with the same message (a harvest error around the fetch
    /// error of one URL) names the place and the message once, then what is new below.
    @Test func aDescriptionSaysEachPlaceAndMessageOnce() {
        let curl = TextCause("Failed to connect to 127.0.0.1 port 9")
        let fetch = Sample(code: .broken, message: "connection failed", place: .at("http://x/"), underlying: curl)
        let harvest = Sample(code: .broken, message: "connection failed", place: .at("http://x/"), underlying: fetch)
        #expect(harvest.description == "http://x/: connection failed (Failed to connect to 127.0.0.1 port 9)")
        let report = Sample(code: .broken, message: "source failed", place: .at("site"), underlying: harvest)
        #expect(
            report.description
                == "site: source failed (http://x/: connection failed: Failed to connect to 127.0.0.1 port 9)")
    }
}
