import ArgumentParser
import OGPModel

/// A date given on the command line (`ogp-search --since`, `ogp export --changed-since`):
/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a full ISO 8601 date and time. Anything else
/// (`01/01/2021`, `yesterday`, `2021-13-45`) is a usage error (64) that shows these forms.
///
/// The parsing is ``SinceArgument/parse(_:)``, one small function: when OGPIndex has the
/// shared parser of `since:` in queries, this calls it instead.
public struct SinceArgument: ExpressibleByArgument, Sendable, Hashable {
    /// The accepted forms, for messages and help.
    public static let forms = "YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 date and time (2021-03-01T12:00:00Z)"

    /// The first day the date covers, as `YYYY-MM-DD` (`2021` → `2021-01-01`).
    public let day: String
    /// What was typed.
    public let text: String

    public init?(argument: String) {
        guard let day = Self.parse(argument) else { return nil }
        self.day = day
        text = argument
    }

    /// `YYYY-MM-DD` for an accepted form, nil otherwise.
    public static func parse(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for i in range {
                guard bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            return value
        }
        guard bytes.count >= 4, let year = number(0..<4), year >= 1 else { return nil }
        var month = 1, day = 1
        switch bytes.count {
        case 4:
            break
        case 7:
            guard bytes[4] == 0x2D, let m = number(5..<7), (1...12).contains(m) else { return nil }
            month = m
        default:
            guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D, let m = number(5..<7), let d = number(8..<10),
                  (1...12).contains(m), (1...daysIn(month: m, year: year)).contains(d)
            else { return nil }
            // A date and time must be a whole valid ISO 8601 instant.
            if bytes.count > 10, ISODate.parse(text) == nil { return nil }
            month = m
            day = d
        }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// For `@Option(transform:)`: the value, or an error that shows the accepted forms.
    @Sendable public static func transform(_ text: String) throws -> SinceArgument {
        guard let value = SinceArgument(argument: text) else { throw ValidationError("use \(forms)") }
        return value
    }
}
