/// Normalises extracted text: one space between words, trimmed lines, list items as `- `
/// (nested ones as `  - `), paragraphs separated by one blank line.
///
/// Used by every page decoder so that Markdown, HTML and plain-text captures give text of the
/// same shape: Word-pasted bullets (`•`, `o`, `–` followed by a tab), non-breaking and em
/// spaces, and lone `-` lines (headings lost in a scrape) are all handled here.
public enum TextNormalizer {
    /// Returns the normalised text.
    public static func normalize(_ raw: String) -> String {
        var lines: [String] = []
        var blank = true
        for rawLine in raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = normalizeLine(String(rawLine))
            if line.isEmpty || line == "-" {
                if !blank { lines.append("") }
                blank = true
                continue
            }
            lines.append(line)
            blank = false
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Normalises one line: spaces, bullets, indentation of nested list items.
    static func normalizeLine(_ line: String) -> String {
        var indent = 0
        var start = line.startIndex
        while start < line.endIndex, isSpace(line[start]) {
            indent += line[start] == "\t" ? 4 : 1
            start = line.index(after: start)
        }
        var rest = Substring(line[start...])
        var bulletLevel: Int? = nil
        if let first = rest.first {
            let next = rest.dropFirst().first
            let followedBySpace = next.map(isSpace) ?? false
            if (first == "•" || first == "–" || first == "*" || first == "-" || first == "+" || first == "▪") && followedBySpace {
                bulletLevel = indent > 0 ? 1 : 0
                rest = rest.dropFirst()
            } else if (first == "o" || first == "◦") && next == "\t" {
                bulletLevel = 1
                rest = rest.dropFirst()
            }
        }
        let text = collapse(rest)
        guard let level = bulletLevel else { return text }
        if text.isEmpty { return "" }
        return String(repeating: "  ", count: level) + "- " + text
    }

    static func isSpace(_ c: Character) -> Bool {
        c == " " || c == "\t" || c == "\u{00A0}" || c == "\u{2002}" || c == "\u{2003}" || c == "\u{2009}"
            || c == "\u{202F}" || c == "\u{200B}" || c == "\u{FEFF}" || c == "\u{000B}" || c == "\u{000C}"
    }

    /// Collapses runs of spaces (of every kind) to one ASCII space and trims.
    static func collapse(_ s: Substring) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pending = false
        for c in s {
            if c == "\u{200B}" || c == "\u{FEFF}" || c == "\u{00AD}" { continue }
            if isSpace(c) || c == "\n" {
                pending = !out.isEmpty
            } else {
                if pending { out.append(" "); pending = false }
                out.append(c)
            }
        }
        return out
    }
}
