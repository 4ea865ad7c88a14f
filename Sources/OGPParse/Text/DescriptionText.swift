/// Turns a dataset description (markdown, sometimes HTML) into plain text, and collects the
/// hyperlinks it cites. The HTML goes through the text core's byte scanner (``HTMLScanner``),
/// the Markdown through the line pass below. Byte-level and linear, for the catalogue export's 121,074 descriptions
/// (up to ~1.75 MB each).
///
/// Plain text means: tags and markdown markup removed (headings, emphasis, code, quotes,
/// link syntax: a link keeps its text), HTML entities decoded, list items as `- item`,
/// paragraphs separated by one blank line, runs of spaces collapsed, no trailing spaces.
public enum DescriptionText {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Cleans `source`. HTML is handled when the text contains tags.
    public static func clean(_ source: String) -> ExtractedText {
        var links = LinkList()
        var bytes = Array(source.utf8)
        if bytes.contains(UInt8(ascii: "<")) || bytes.contains(UInt8(ascii: "&")) {
            bytes = HTMLScanner.strip(bytes, newlines: .keep, links: &links)
        }
        replaceNoBreakSpaces(&bytes)
        var out = LineWriter(capacity: bytes.count)
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            var inFence = false
            let count = buffer.count
            while start <= count {
                var stop = start
                while stop < count, buffer[stop] != 10, buffer[stop] != 13 { stop += 1 }
                inFence = markdownLine(buffer, start, stop, inFence: inFence, out: &out, links: &links)
                if stop < count, buffer[stop] == 13, stop + 1 < count, buffer[stop + 1] == 10 { stop += 1 }
                start = stop + 1
            }
        }
        return ExtractedText(text: out.finish(), references: links.items)
    }

    /// U+00A0 and U+202F (no-break spaces, written or from `&nbsp;`) become plain spaces, so
    /// they are collapsed and trimmed. In place; the array is left untouched when it has none.
    private static func replaceNoBreakSpaces(_ bytes: inout [UInt8]) {
        let kept = bytes.withUnsafeMutableBufferPointer { b -> Int? in
            let n = b.count
            var read = 0
            while read < n, !isNoBreakSpace(UnsafeBufferPointer(b), read, n) { read += 1 }
            guard read < n else { return nil }
            var write = read
            while read < n {
                if isNoBreakSpace(UnsafeBufferPointer(b), read, n) {
                    read += b[read] == 0xC2 ? 2 : 3
                    b[write] = 32
                } else {
                    b[write] = b[read]
                    read += 1
                }
                write += 1
            }
            return write
        }
        if let kept { bytes.removeSubrange(kept...) }
    }

    @inline(__always) private static func isNoBreakSpace(_ b: Bytes, _ i: Int, _ n: Int) -> Bool {
        (b[i] == 0xC2 && i + 1 < n && b[i + 1] == 0xA0)
            || (b[i] == 0xE2 && i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0xAF)
    }

    /// Processes one line; returns whether a code fence is open after it.
    private static func markdownLine(
        _ b: Bytes, _ from: Int, _ to: Int, inFence: Bool, out: inout LineWriter, links: inout LinkList
    ) -> Bool {
        var i = from
        while i < to, b[i] == 32 || b[i] == 9 { i += 1 }
        if to - i >= 3,
            (b[i] == 96 && b[i + 1] == 96 && b[i + 2] == 96) || (b[i] == 126 && b[i + 1] == 126 && b[i + 2] == 126)
        {
            out.endLine()
            return !inFence
        }
        if inFence {
            out.text(b, i, to)
            out.endLine()
            return true
        }
        if isTableSeparator(b, i, to) { return false }
        var to = to
        while to > i, b[to - 1] == 32 || b[to - 1] == 9 { to -= 1 }
        if to > i, b[to - 1] == 92 { to -= 1 }  // `\` at the end of a line: a hard line break
        if isRule(b, i, to) {
            out.blankLine()
            return false
        }
        while i < to, b[i] == 62 {  // '>' quotes
            i += 1
            while i < to, b[i] == 32 { i += 1 }
        }
        if i < to, b[i] == 35 {  // '#' heading
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
        if i + 1 < to, b[i] == 42 || b[i] == 43 || b[i] == 45, b[i + 1] == 32 || b[i + 1] == 9 {  // bullet
            out.byte(45)
            out.byte(32)
            i += 2
        }
        inline(b, i, to, out: &out, links: &links)
        out.endLine()
        return false
    }

    /// `|---|:--:|` or `---|---`, a table's header separator: dropped.
    private static func isTableSeparator(_ b: Bytes, _ from: Int, _ to: Int) -> Bool {
        guard from < to, b[from] == 124 || b[from] == 45 || b[from] == 58 else { return false }
        var dashes = 0, pipes = 0
        for k in from..<to {
            switch b[k] {
            case 45: dashes += 1
            case 124: pipes += 1
            case 58, 32, 9: break
            default: return false
            }
        }
        return dashes >= 3 && pipes > 0
    }

    /// `---`, `***`, `___`, `===` (three or more, spaces allowed): a rule or a setext underline.
    private static func isRule(_ b: Bytes, _ from: Int, _ to: Int) -> Bool {
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
    private static func inline(_ b: Bytes, _ from: Int, _ to: Int, out: inout LineWriter, links: inout LinkList) {
        var i = from
        while i < to {
            let c = b[i]
            switch c {
            case 92 where i + 1 < to && b[i + 1] < 128 && !isWordByte(b[i + 1]) && b[i + 1] > 32:  // '\' escape
                out.byte(b[i + 1])
                i += 2
            case 33 where i + 1 < to && b[i + 1] == 91, 91:  // '![' or '['
                let open = c == 33 ? i + 1 : i
                if let (textEnd, urlStart, urlEnd, next) = linkParts(b, open, to) {
                    if urlEnd > urlStart { links.add(b, urlStart, urlEnd) }
                    inline(b, open + 1, textEnd, out: &out, links: &links)
                    i = next
                } else {
                    out.byte(c)
                    i += 1
                }
            case 42, 96:  // '*', '`'
                let prevSpace = i == from || b[i - 1] == 32
                let nextSpace = i + 1 >= to || b[i + 1] == 32
                if c == 42, prevSpace, nextSpace { out.byte(c) }
                i += 1
            case 95:  // '_'
                let prevWord = i > from && isWordByte(b[i - 1])
                let nextWord = i + 1 < to && isWordByte(b[i + 1])
                if prevWord && nextWord { out.byte(c) }
                i += 1
            case 104 where to - i > 8 && b[i + 1] == 116 && b[i + 2] == 116 && b[i + 3] == 112:  // "http"
                var j = i
                while j < to, b[j] > 32, b[j] != 41, b[j] != 93, b[j] != 62, b[j] != 34, b[j] != 39, b[j] != 60 {
                    j += 1
                }
                var k = j
                while k > i, b[k - 1] == 46 || b[k - 1] == 44 || b[k - 1] == 59 || b[k - 1] == 58 || b[k - 1] == 33 {
                    k -= 1
                }
                let scheme = b[i + 4] == 58 ? i + 5 : (b[i + 4] == 115 && b[i + 5] == 58 ? i + 6 : -1)
                if scheme > 0, scheme + 1 < k, b[scheme] == 47, b[scheme + 1] == 47 { links.add(b, i, k) }
                out.text(b, i, j)
                i = j
            default:
                if c <= 32 {
                    out.byte(c)
                    i += 1
                } else {
                    var j = i + 1
                    // A run of plain bytes and single spaces between them is copied as is
                    // (collapsing would not change it); it stops before markup or a URL.
                    while j < to {
                        let d = b[j]
                        if isPlain(d), !isHTTP(b, j, to) {
                            j += 1
                        } else if d == 32, j + 1 < to, isPlain(b[j + 1]), !isHTTP(b, j + 1, to) {
                            j += 2
                        } else {
                            break
                        }
                    }
                    out.run(b, i, j)
                    i = j
                }
            }
        }
    }

    @inline(__always) private static func isHTTP(_ b: Bytes, _ i: Int, _ to: Int) -> Bool {
        b[i] == 104 && i + 3 < to && b[i + 1] == 116 && b[i + 2] == 116 && b[i + 3] == 112
    }

    /// Bytes `inline` copies as they are (no markup starts with them, not whitespace; `h` is
    /// checked for `http` by the caller).
    @inline(__always) private static func isPlain(_ c: UInt8) -> Bool {
        c > 32 && c != 92 && c != 33 && c != 91 && c != 42 && c != 96 && c != 95
    }

    /// For `[text](url)` starting at `open` (`[`): end of text, url bounds, index after `)`.
    /// `[text][ref]` gives an empty url.
    private static func linkParts(_ b: Bytes, _ open: Int, _ to: Int) -> (Int, Int, Int, Int)? {
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
            if b[k] == 40, closer == 41 {
                nested += 1
            } else if b[k] == closer {
                if nested == 0 { break }
                nested -= 1
            }
            k += 1
        }
        guard k < to else { return nil }
        if closer == 93 { return (j, k, k, k + 1) }
        var us = j + 2, ue = k
        while us < ue, b[us] == 32 || b[us] == 60 { us += 1 }
        var t = us  // a title after the URL: `(url "title")`
        while t < ue, b[t] != 32, b[t] != 62 { t += 1 }
        ue = t
        return (j, us, ue, k + 1)
    }
}
