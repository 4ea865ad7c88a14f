/// Turns a dataset description (markdown, sometimes HTML) into plain text, and collects the
/// hyperlinks it cites. Byte-level and linear, for the catalogue export's 121,074 descriptions
/// (up to ~1.75 MB each).
///
/// Plain text means: tags and markdown markup removed (headings, emphasis, code, quotes,
/// link syntax: a link keeps its text), HTML entities decoded, list items as `- item`,
/// paragraphs separated by one blank line, runs of spaces collapsed, no trailing spaces.
public enum DescriptionText {
    /// The text and the links (document order, without duplicates) of a description.
    public struct Cleaned: Sendable, Hashable {
        public var text: String
        public var links: [String]
    }

    /// Cleans `source`. HTML is handled when the text contains tags.
    public static func clean(_ source: String) -> Cleaned {
        var links = LinkList()
        var bytes = Array(source.utf8)
        if bytes.contains(UInt8(ascii: "<")) || bytes.contains(UInt8(ascii: "&")) {
            bytes = HTMLStripper.strip(bytes, links: &links)
        }
        var out = LineWriter(capacity: bytes.count)
        var start = 0
        var inFence = false
        let count = bytes.count
        while start <= count {
            var stop = start
            while stop < count, bytes[stop] != 10, bytes[stop] != 13 { stop += 1 }
            inFence = markdownLine(bytes, start, stop, inFence: inFence, out: &out, links: &links)
            if stop < count, bytes[stop] == 13, stop + 1 < count, bytes[stop + 1] == 10 { stop += 1 }
            start = stop + 1
        }
        return Cleaned(text: out.finish(), links: links.items)
    }

    /// Processes one line; returns whether a code fence is open after it.
    private static func markdownLine(
        _ b: [UInt8], _ from: Int, _ to: Int, inFence: Bool, out: inout LineWriter, links: inout LinkList
    ) -> Bool {
        var i = from
        while i < to, b[i] == 32 || b[i] == 9 { i += 1 }
        if to - i >= 3, (b[i] == 96 && b[i + 1] == 96 && b[i + 2] == 96) || (b[i] == 126 && b[i + 1] == 126 && b[i + 2] == 126) {
            out.endLine()
            return !inFence
        }
        if inFence {
            out.text(b, i, to)
            out.endLine()
            return true
        }
        if isRule(b, i, to) {
            out.blankLine()
            return false
        }
        while i < to, b[i] == 62 { // '>' quotes
            i += 1
            while i < to, b[i] == 32 { i += 1 }
        }
        if i < to, b[i] == 35 { // '#' heading
            var j = i
            while j < to, b[j] == 35 { j += 1 }
            if j - i <= 6, j == to || b[j] == 32 {
                i = j
                while i < to, b[i] == 32 { i += 1 }
                out.blankLine()
                inline(b, i, to, out: &out, links: &links)
                out.blankLine()
                return false
            }
        }
        if i + 1 < to, b[i] == 42 || b[i] == 43 || b[i] == 45, b[i + 1] == 32 || b[i + 1] == 9 { // bullet
            out.byte(45)
            out.byte(32)
            i += 2
        }
        inline(b, i, to, out: &out, links: &links)
        out.endLine()
        return false
    }

    /// `---`, `***`, `___`, `===` (three or more, spaces allowed): a rule or a setext underline.
    private static func isRule(_ b: [UInt8], _ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        let c = b[from]
        guard c == 45 || c == 42 || c == 95 || c == 61 else { return false }
        var n = 0
        for k in from..<to {
            if b[k] == c { n += 1 } else if b[k] != 32 { return false }
        }
        return n >= 3
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        c >= 0x80 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }

    /// Inline markup: links and images, emphasis, code, escapes; bare URLs are collected.
    private static func inline(_ b: [UInt8], _ from: Int, _ to: Int, out: inout LineWriter, links: inout LinkList) {
        var i = from
        while i < to {
            let c = b[i]
            switch c {
            case 92 where i + 1 < to && b[i + 1] < 128 && !isWordByte(b[i + 1]) && b[i + 1] > 32: // '\' escape
                out.byte(b[i + 1])
                i += 2
            case 33 where i + 1 < to && b[i + 1] == 91, 91: // '![' or '['
                let open = c == 33 ? i + 1 : i
                if let (textEnd, urlStart, urlEnd, next) = linkParts(b, open, to) {
                    if urlEnd > urlStart { links.add(b, urlStart, urlEnd) }
                    inline(b, open + 1, textEnd, out: &out, links: &links)
                    i = next
                } else {
                    out.byte(c)
                    i += 1
                }
            case 42, 96: // '*', '`'
                let prevSpace = i == from || b[i - 1] == 32
                let nextSpace = i + 1 >= to || b[i + 1] == 32
                if c == 42, prevSpace, nextSpace { out.byte(c) }
                i += 1
            case 95: // '_'
                let prevWord = i > from && isWordByte(b[i - 1])
                let nextWord = i + 1 < to && isWordByte(b[i + 1])
                if prevWord && nextWord { out.byte(c) }
                i += 1
            case 104 where to - i > 8 && b[i + 1] == 116 && b[i + 2] == 116 && b[i + 3] == 112: // "http"
                var j = i
                while j < to, b[j] > 32, b[j] != 41, b[j] != 93, b[j] != 62, b[j] != 34, b[j] != 39, b[j] != 60 { j += 1 }
                var k = j
                while k > i, b[k - 1] == 46 || b[k - 1] == 44 || b[k - 1] == 59 || b[k - 1] == 58 || b[k - 1] == 33 { k -= 1 }
                let scheme = b[i + 4] == 58 ? i + 5 : (b[i + 4] == 115 && b[i + 5] == 58 ? i + 6 : -1)
                if scheme > 0, scheme + 1 < k, b[scheme] == 47, b[scheme + 1] == 47 { links.add(b, i, k) }
                out.text(b, i, j)
                i = j
            default:
                out.byte(c)
                i += 1
            }
        }
    }

    /// For `[text](url)` starting at `open` (`[`): end of text, url bounds, index after `)`.
    /// `[text][ref]` gives an empty url.
    private static func linkParts(_ b: [UInt8], _ open: Int, _ to: Int) -> (Int, Int, Int, Int)? {
        var depth = 0
        var j = open
        while j < to {
            if b[j] == 91 { depth += 1 } else if b[j] == 93 { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        guard j < to, j + 1 < to else { return nil }
        let closer: UInt8
        switch b[j + 1] {
        case 40: closer = 41
        case 91: closer = 93
        default: return nil
        }
        var k = j + 2
        var nested = 0
        while k < to {
            if b[k] == 40, closer == 41 { nested += 1 } else if b[k] == closer {
                if nested == 0 { break }
                nested -= 1
            }
            k += 1
        }
        guard k < to else { return nil }
        if closer == 93 { return (j, k, k, k + 1) }
        var us = j + 2, ue = k
        while us < ue, b[us] == 32 || b[us] == 60 { us += 1 }
        var t = us // a title after the URL: `(url "title")`
        while t < ue, b[t] != 32, b[t] != 62 { t += 1 }
        ue = t
        return (j, us, ue, k + 1)
    }
}
