import Foundation

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
        for rawLine in raw.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        {
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
            if (first == "•" || first == "–" || first == "*" || first == "-" || first == "+" || first == "▪")
                && followedBySpace
            {
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

/// Decodes input bytes as UTF-8, reporting where invalid input starts.
enum UTF8Check {
    /// The text, or the byte offset of the first invalid sequence. A UTF-8 byte order mark is dropped.
    static func decode(_ data: Data) -> Result<String, ParseError> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let s = String(validating: bytes, as: UTF8.self) { return .success(s) }
        let offset = firstInvalidOffset(bytes)
        let line = bytes[..<min(offset, bytes.count)].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        return .failure(ParseError(.invalidEncoding, "input is not valid UTF-8", line: line, offset: offset))
    }

    /// The offset of the first byte that does not start or continue a valid sequence.
    static func firstInvalidOffset(_ b: [UInt8]) -> Int {
        var i = 0
        while i < b.count {
            let c = b[i]
            let n: Int
            if c < 0x80 {
                i += 1; continue
            } else if c >= 0xC2, c <= 0xDF {
                n = 1
            } else if c >= 0xE0, c <= 0xEF {
                n = 2
            } else if c >= 0xF0, c <= 0xF4 {
                n = 3
            } else {
                return i
            }
            guard i + n < b.count else { return i }
            for k in 1...n where b[i + k] & 0xC0 != 0x80 { return i }
            if let s = String(validating: b[i...(i + n)], as: UTF8.self), !s.isEmpty { i += n + 1 } else { return i }
        }
        return b.count
    }
}
