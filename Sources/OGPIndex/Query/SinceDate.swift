/// A lower bound on dates, as `since:` in a query or `--since` on the command line give it.
///
/// Accepted forms: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and a full ISO 8601 date-time
/// (`YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh:mm]`, of which only the date counts). A year or month
/// alone keeps its precision: `since:2021` also matches documents dated just `2021`. Years run
/// from 1 to 9999; months and days are checked against the calendar (29 February only in leap
/// years).
///
/// ```swift
/// let since = try SinceDate.parse("2021-06")   // June 2021
/// since.key                                    // 20210600
/// ```
public struct SinceDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// The month (1–12), nil for a year alone.
    public let month: Int?
    /// The day of the month, nil for a year or a year and month.
    public let day: Int?

    /// The accepted forms, as listed in error messages and help texts.
    public static let acceptedForms = "YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 date-time (YYYY-MM-DDThh:mm:ssZ)"

    /// Creates a date; nil when it is not a calendar date between years 1 and 9999.
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let day {
            guard let month, (1...Self.days(inMonth: month, year: year)).contains(day) else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `text` (surrounding spaces ignored).
    /// - Throws: ``SinceDateError``, whose message names the text and lists ``acceptedForms``.
    public static func parse(_ text: String) throws(SinceDateError) -> SinceDate {
        let trimmed = text.trimmingSpaces
        guard let date = parseISO(Array(trimmed.utf8)) else { throw SinceDateError(text: text) }
        return date
    }

    /// The date as the integer `yyyymmdd`, the form the index compares; a missing month or day
    /// is 00, so that `2021` (20210000) sorts before every day of 2021 and matches documents
    /// dated by their year alone.
    public var key: Int32 { Int32(year * 10_000 + (month ?? 0) * 100 + (day ?? 0)) }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as the date is.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var s = pad(year, 4)
        if let month { s += "-" + pad(month, 2) }
        if let day { s += "-" + pad(day, 2) }
        return s
    }

    public static func < (a: SinceDate, b: SinceDate) -> Bool { a.key < b.key }

    // MARK: parsing

    private static func parseISO(_ b: [UInt8]) -> SinceDate? {
        // At most "YYYY-MM-DDThh:mm:ss.fffffffff+hh:mm": a longer text is not a date.
        guard b.count >= 4, b.count <= 40, let year = number(b, 0, 4) else { return nil }
        if b.count == 4 { return SinceDate(year: year) }
        guard b[4] == UInt8(ascii: "-"), b.count >= 7, let month = number(b, 5, 2) else { return nil }
        if b.count == 7 { return SinceDate(year: year, month: month) }
        guard b[7] == UInt8(ascii: "-"), b.count >= 10, let day = number(b, 8, 2) else { return nil }
        guard let date = SinceDate(year: year, month: month, day: day) else { return nil }
        if b.count == 10 { return date }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
            isTime(b[11...])
        else { return nil }
        return date
    }

    /// `hh:mm[:ss[.f…]][Z|±hh:mm|±hhmm]`.
    private static func isTime(_ t: ArraySlice<UInt8>) -> Bool {
        let b = Array(t)
        guard b.count >= 5, let h = number(b, 0, 2), h <= 24, b[2] == UInt8(ascii: ":"),
            let m = number(b, 3, 2), m <= 59
        else { return false }
        var i = 5
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let s = number(b, i + 1, 2), s <= 60 else { return false }
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                let start = i
                while i < b.count, isDigit(b[i]) { i += 1 }
                guard i > start else { return false }
            }
        }
        if i == b.count { return true }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return false }
        let zone = Array(b[(i + 1)...])
        if zone.count == 5 {
            return number(zone, 0, 2) != nil && zone[2] == UInt8(ascii: ":") && number(zone, 3, 2) != nil
        }
        return (zone.count == 4 && number(zone, 0, 4) != nil) || (zone.count == 2 && number(zone, 0, 2) != nil)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// The decimal number in `b[at..<at+width]`, all digits; nil otherwise.
    private static func number(_ b: [UInt8], _ at: Int, _ width: Int) -> Int? {
        guard at >= 0, at + width <= b.count else { return nil }
        var v = 0
        for c in b[at..<(at + width)] {
            guard isDigit(c) else { return nil }
            v = v * 10 + Int(c - 0x30)  // at most 4 digits: cannot overflow
        }
        return v
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A `since` value that is not one of ``SinceDate/acceptedForms``.
public struct SinceDateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text given (shortened in the message when long).
    public let text: String

    public var description: String {
        // Shortened, and without control characters: the text comes from outside.
        let printable = String(
            text.prefix(40).unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        let shown = text.count > 40 ? printable + "…" : printable
        return "invalid date `\(shown)`: expected \(SinceDate.acceptedForms)"
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines (no Foundation needed).
    fileprivate var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
