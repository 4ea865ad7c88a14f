/// The byte scanner of the text core: removes the markup of an HTML fragment in one linear pass
/// over its UTF-8 bytes and lays the text out with ``HTMLTags``. Used for WordPress content,
/// raw HTML in Markdown (pages) and dataset descriptions alike.
///
/// - Tags go; block elements give paragraph breaks, `<br>` and table rows line breaks, `<li>` a
///   `- ` item, cells a space, `<img>` its `alt` text; comments, scripts, styles and
///   `<noscript>` go with their content.
/// - Character references are decoded (``HTMLEntities``), in text and in attribute values.
/// - `href` of links and `src` of iframes go to the ``LinkList``.
/// - `<http://…>` and `<https://…>` (Markdown autolinks) are kept as their URL.
/// - A quoted attribute value that never closes ends with the tag's first `>`.
/// - A `<` that opens no tag (`a < b`, `<3`, a tag with no `>` before the next `<`, within
///   8 KiB or before the end) is text: nothing is lost to broken markup.
enum HTMLScanner {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Whether line breaks in the text are kept (Markdown, WordPress) or are spaces (HTML).
    enum Newlines { case keep, asSpaces }

    /// The longest tag read; past it, the `<` is text.
    static let maxTagLength = 8192

    static func strip(_ bytes: [UInt8], newlines: Newlines, links: inout LinkList) -> [UInt8] {
        bytes.withUnsafeBufferPointer { strip($0, newlines: newlines, links: &links) }
    }

    static func strip(_ b: Bytes, newlines: Newlines, links: inout LinkList) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        let spaces = newlines == .asSpaces
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c == 60, let next = markup(b, i, out: &out, links: &links) {
                i = next
            } else if c == 38, let next = HTMLEntities.decode(b, at: i, into: &out) {
                i = next
            } else if c == 10, spaces {
                out.append(32)
                i += 1
            } else {
                var j = i + 1
                while j < n, b[j] != 60, b[j] != 38, !(spaces && b[j] == 10) { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                i = j
            }
        }
        return out
    }

    /// Handles the comment, tag or autolink at `i` (a `<`); the index after it, or nil when
    /// the `<` is text.
    private static func markup(_ b: Bytes, _ i: Int, out: inout [UInt8], links: inout LinkList) -> Int? {
        let n = b.count
        if i + 3 < n, b[i + 1] == 33, b[i + 2] == 45, b[i + 3] == 45 {  // <!--
            var j = i + 4
            while j + 2 < n, !(b[j] == 45 && b[j + 1] == 45 && b[j + 2] == 62) { j += 1 }
            return min(n, j + 3)
        }
        if isAutolink(b, i + 1) {  // <https://…>
            var close = i + 1
            while close < n, close - i < maxTagLength, b[close] != 62, b[close] != 60 { close += 1 }
            guard close < n, b[close] == 62 else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[(i + 1)..<close]))
            return close + 1
        }
        var j = i + 1
        let closing = j < n && b[j] == 47
        if closing { j += 1 }
        let nameStart = j
        guard j < n, isLetter(b[j]) else { return nil }
        while j < n, isNameByte(b[j]) { j += 1 }
        var name = [UInt8](UnsafeBufferPointer(rebasing: b[nameStart..<j]))
        for k in name.indices where name[k] >= 65 && name[k] <= 90 { name[k] |= 0x20 }
        let tagName = String(decoding: name, as: UTF8.self)
        let role = HTMLTags.roles[tagName]
        let wanted: String? =
            switch role {
            case .anchor?: "href"
            case .embedded?: "src"
            case .image?: "alt"
            default: nil
            }
        guard let (end, value) = attributes(b, from: j, start: i, wanted: closing ? nil : wanted) else { return nil }
        if role == .hidden, !closing { return skipElement(b, from: end, name: name) }
        if let value {
            let decoded = HTMLEntities.decode(value)
            if role == .image {
                if !decoded.isEmpty { out.append(32); out.append(contentsOf: decoded.utf8); out.append(32) }
            } else {
                links.add(decoded)
            }
        }
        out.append(contentsOf: HTMLTags.layout(role, closing: closing))
        return end
    }

    /// Reads attributes up to the tag's `>` (quoted values may hold `>`); the index after the
    /// `>` and the value of attribute `wanted`. Nil when the tag does not end before a `<`,
    /// the end of input or ``maxTagLength``.
    private static func attributes(_ b: Bytes, from: Int, start: Int, wanted: String?) -> (Int, String?)? {
        let limit = min(b.count, start + maxTagLength)
        let key = wanted.map { Array($0.utf8) }
        var value: String?
        var j = from
        while j < limit {
            let c = b[j]
            if c == 62 { return (j + 1, value) }
            if c == 60 { return nil }
            guard isNameByte(c) else { j += 1; continue }
            let nameStart = j
            while j < limit, isNameByte(b[j]) { j += 1 }
            let matches =
                key.map { k in
                    j - nameStart == k.count && (0..<k.count).allSatisfy { (b[nameStart + $0] | 0x20) == k[$0] }
                } ?? false
            while j < limit, isSpace(b[j]) { j += 1 }
            guard j < limit, b[j] == 61 else { continue }  // `=`
            j += 1
            while j < limit, isSpace(b[j]) { j += 1 }
            guard j < limit else { return nil }
            var valueStart = j, valueEnd = j
            if b[j] == 34 || b[j] == 39 {
                let quote = b[j]
                valueStart = j + 1
                j += 1
                while j < limit, b[j] != quote { j += 1 }
                guard j < limit else {
                    // A quote never closed (`href="https://x/>text`): the tag ends at the first `>`.
                    guard let gt = (valueStart..<limit).first(where: { b[$0] == 62 || b[$0] == 60 }), b[gt] == 62 else {
                        return nil
                    }
                    if matches, value == nil {
                        value = String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<gt]), as: UTF8.self)
                    }
                    return (gt + 1, value)
                }
                valueEnd = j
                j += 1
            } else {
                while j < limit, !isSpace(b[j]), b[j] != 62, b[j] != 60 { j += 1 }
                valueEnd = j
            }
            if matches, value == nil {
                value = String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<valueEnd]), as: UTF8.self)
            }
        }
        return nil
    }

    /// The index after `</name…>` (case-insensitive), or the end of input.
    private static func skipElement(_ b: Bytes, from: Int, name: [UInt8]) -> Int {
        let closer: [UInt8] = [60, 47] + name
        var j = from
        while j + closer.count <= b.count {
            if b[j] == 60, (0..<closer.count).allSatisfy({ (b[j + $0] | 0x20) == (closer[$0] | 0x20) }) {
                var e = j + closer.count
                while e < b.count, b[e] != 62 { e += 1 }
                return min(b.count, e + 1)
            }
            j += 1
        }
        return b.count
    }

    /// `http://` or `https://` (any case) at `i`.
    private static func isAutolink(_ b: Bytes, _ i: Int) -> Bool {
        let http: [UInt8] = [104, 116, 116, 112]
        guard i + 7 <= b.count, (0..<4).allSatisfy({ b[i + $0] | 0x20 == http[$0] }) else { return false }
        var k = i + 4
        if b[k] | 0x20 == 115 { k += 1 }
        return k + 3 <= b.count && b[k] == 58 && b[k + 1] == 47 && b[k + 2] == 47
    }

    @inline(__always) static func isLetter(_ c: UInt8) -> Bool {
        (c | 0x20) >= 97 && (c | 0x20) <= 122
    }

    @inline(__always) static func isNameByte(_ c: UInt8) -> Bool {
        isLetter(c) || (c >= 48 && c <= 57) || c == 45 || c == 58 || c == 95
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 32 || c == 9 || c == 10 || c == 13 || c == 12
    }
}
