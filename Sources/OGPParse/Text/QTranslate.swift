/// Splits qTranslate-X multilingual text into its languages.
///
/// All three marker forms are read: `[:fr]…[:en]…[:]`, `{:fr}…{:en}…{:}` and
/// `<!--:fr-->…<!--:--><!--:en-->…<!--:-->`. Text outside any language block belongs to every
/// language, as in qTranslate. A block cut off by a truncated input ends at the end of input.
public enum QTranslate {
    /// The text per language (`fr`, `en`, …); `[:"": text]` when there are no markers.
    public static func split(_ text: String) -> [String: String] {
        let markers = findMarkers(text)
        guard !markers.isEmpty else { return ["": text] }
        var languages: [String] = []
        for m in markers { if let l = m.language, !languages.contains(l) { languages.append(l) } }
        var result: [String: String] = [:]
        for l in languages { result[l] = "" }
        var current: String? = nil
        var position = text.startIndex
        for m in markers + [Marker(range: text.endIndex..<text.endIndex, language: nil)] {
            let segment = text[position..<m.range.lowerBound]
            if let current {
                result[current, default: ""] += segment
            } else {
                for l in languages { result[l, default: ""] += segment }
            }
            current = m.language
            position = m.range.upperBound
        }
        return result
    }

    /// True when `text` holds at least one qTranslate marker.
    public static func hasMarkers(_ text: String) -> Bool {
        !findMarkers(text).isEmpty
    }

    /// The French text (or the text without markers) and the English one when present.
    public static func frenchAndEnglish(_ text: String) -> (fr: String, en: String?) {
        let parts = split(text)
        let fr = parts["fr"] ?? parts[""] ?? parts.values.first ?? text
        let en = parts["en"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        return (fr, en)
    }

    struct Marker {
        var range: Range<String.Index>
        /// nil for a closing marker (`[:]`, `{:}`, `<!--:-->`).
        var language: String?
    }

    static func findMarkers(_ text: String) -> [Marker] {
        var found: [Marker] = []
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "[" || c == "{" || c == "<", let m = marker(in: text, at: i) {
                found.append(m)
                i = m.range.upperBound
            } else {
                i = text.index(after: i)
            }
        }
        return found
    }

    private static func marker(in text: String, at i: String.Index) -> Marker? {
        let rest = text[i...]
        let (open, close): (String, String)
        switch text[i] {
        case "[": (open, close) = ("[:", "]")
        case "{": (open, close) = ("{:", "}")
        default: (open, close) = ("<!--:", "-->")
        }
        guard rest.hasPrefix(open) else { return nil }
        let afterOpen = text.index(i, offsetBy: open.count)
        var j = afterOpen
        var lang = ""
        while j < text.endIndex, lang.count < 3, text[j].isASCII, text[j].isLetter {
            lang.append(text[j]); j = text.index(after: j)
        }
        guard lang.isEmpty || lang.count == 2, text[j...].hasPrefix(close) else { return nil }
        let end = text.index(j, offsetBy: close.count)
        return Marker(range: i..<end, language: lang.isEmpty ? nil : lang.lowercased())
    }
}
