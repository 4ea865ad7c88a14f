import Foundation
import OGPCommandLine
import Testing

/// Option values as types: what is accepted and what is refused.
@Suite struct ArgumentValueTests {
    @Test func sinceAcceptsTheDocumentedFormsOnly() {
        #expect(SinceArgument.parse("2021") == "2021")
        #expect(SinceArgument.parse("2021-03") == "2021-03")
        #expect(SinceArgument.parse("2021-03-15") == "2021-03-15")
        #expect(SinceArgument.parse("2024-02-29") == "2024-02-29")
        #expect(SinceArgument.parse("2021-03-15T10:00:00Z") == "2021-03-15")
        for bad in [
            "01/01/2021", "yesterday", "2021-13-45", "2021-02-29", "2021-13", "21", "2021-3-1", "", "2021-03-15Tnoon",
        ] {
            #expect(SinceArgument.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func countsAndSecondsRefuseNonsense() {
        #expect(PositiveCount(argument: "-1") == nil)
        #expect(PositiveCount(argument: "0") == nil)
        #expect(PositiveCount(argument: "3")?.value == 3)
        #expect(Seconds(argument: "9223372036854775807") == nil)
        #expect(Seconds(argument: "nan") == nil)
        #expect(Seconds(argument: "1.5")?.value == 1.5)
    }
}
