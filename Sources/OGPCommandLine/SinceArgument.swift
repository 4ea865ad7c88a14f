import ArgumentParser
import OGPIndex
import OGPModel

/// A date given on the command line (`ogp-search --since`, `ogp export --changed-since`):
/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a full ISO 8601 date and time. Anything else
/// (`01/01/2021`, `yesterday`, `2021-13-45`) is a usage error (64) that shows these forms.
///
/// The parsing is OGPIndex's ``SinceDate``, the same as `since:` inside queries.
public struct SinceArgument: ExpressibleByArgument, Sendable, Hashable {
    /// The accepted forms, for messages and help.
    public static let forms = SinceDate.acceptedForms

    /// The date as precise as it was typed: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a year alone also
    /// matches records dated by their year alone).
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
        // The one parser of dates, shared with `since:` inside queries (OGPIndex).
        (try? SinceDate.parse(text))?.description
    }

    /// For `@Option(transform:)`: the value, or an error that shows the accepted forms.
    @Sendable public static func transform(_ text: String) throws -> SinceArgument {
        guard let value = SinceArgument(argument: text) else { throw ValidationError("use \(forms)") }
        return value
    }
}
