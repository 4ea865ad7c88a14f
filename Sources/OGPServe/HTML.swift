/// A piece of HTML whose interpolated strings are escaped by construction: `"<p>\(title)</p>"`
/// as an `HTML` escapes `title`; only another `HTML` value is inserted as markup. Every field of a
/// record comes from outside, so nothing reaches a page unescaped by accident.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    public private(set) var markup: String

    /// Markup written by the server itself (a literal).
    public init(stringLiteral value: String) {
        markup = value
    }

    public init(stringInterpolation: Interpolation) {
        markup = stringInterpolation.markup
    }

    /// Markup trusted as is: only for constant strings of this module.
    init(trusted markup: String) {
        self.markup = markup
    }

    /// Nothing.
    static let empty = HTML(trusted: "")

    public var description: String { markup }

    /// No markup at all.
    var isEmpty: Bool { markup.isEmpty }

    /// Concatenates pieces.
    static func join(_ parts: some Sequence<HTML>, separator: HTML = .empty) -> HTML {
        HTML(trusted: parts.map(\.markup).joined(separator: separator.markup))
    }

    static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.markup + rhs.markup) }

    static func += (lhs: inout HTML, rhs: HTML) { lhs.markup += rhs.markup }

    /// Builds interpolated markup.
    public struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text: escaped for element content and quoted attribute values alike.
        public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }

        public mutating func appendInterpolation(_ text: Substring) { markup += HTML.escape(String(text)) }

        public mutating func appendInterpolation(_ number: Int) { markup += String(number) }

        /// Markup: inserted as is.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

        /// Optional markup: nothing when nil.
        public mutating func appendInterpolation(_ html: HTML?) { markup += html?.markup ?? "" }
    }

    /// Escapes `& < > " '` (enough for text and for attribute values in double or single quotes).
    public static func escape(_ text: String) -> String {
        var needs = false
        for b in text.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 {
            needs = true
            break
        }
        guard needs else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
