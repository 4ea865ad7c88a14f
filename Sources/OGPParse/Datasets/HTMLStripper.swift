/// The HTML half of ``MarkdownText``: removes tags (block tags become line breaks, `<li>` a
/// `- ` item), drops comments, scripts and styles, decodes entities, and collects `href`s;
/// `<http://…>` autolinks become bare URLs (collected by the markdown pass, in order). Anything that is not a tag (`a < b`) is kept as text.
enum HTMLStripper {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    private static let blockTags: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre",
        "section", "article", "header", "footer", "dl", "hr", "figure",
    ]
    private static let lineTags: Set<String> = ["br", "tr", "dt", "dd"]

    private static let entities: [String: UInt32] = [
        "amp": 38, "lt": 60, "gt": 62, "quot": 34, "apos": 39, "nbsp": 32, "eacute": 0xE9, "egrave": 0xE8,
        "ecirc": 0xEA, "euml": 0xEB, "agrave": 0xE0, "acirc": 0xE2, "ccedil": 0xE7, "ocirc": 0xF4,
        "ucirc": 0xFB, "ugrave": 0xF9, "icirc": 0xEE, "iuml": 0xEF, "Eacute": 0xC9, "Egrave": 0xC8,
        "Agrave": 0xC0, "Ccedil": 0xC7, "rsquo": 0x2019, "lsquo": 0x2018, "ldquo": 0x201C, "rdquo": 0x201D,
        "laquo": 0xAB, "raquo": 0xBB, "hellip": 0x2026, "ndash": 0x2013, "mdash": 0x2014, "oelig": 0x153,
        "deg": 0xB0, "euro": 0x20AC, "copy": 0xA9, "reg": 0xAE, "middot": 0xB7, "bull": 0x2022,
    ]

    static func strip(_ bytes: [UInt8], links: inout LinkList) -> [UInt8] {
        bytes.withUnsafeBufferPointer { strip(buffer: $0, links: &links) }
    }

    private static func strip(buffer b: Bytes, links: inout LinkList) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 60, let next = tag(b, i, out: &out, links: &links) {
                i = next
            } else if c == 38, let (scalar, next) = entity(b, i) {
                appendUTF8(scalar, to: &out)
                i = next
            } else {
                var j = i + 1
                while j < n, b[j] != 60, b[j] != 38 { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                i = j
            }
        }
        return out
    }

    /// Handles a tag, comment or autolink at `i` (`<`); nil when it is plain text.
    private static func tag(_ b: Bytes, _ i: Int, out: inout [UInt8], links: inout LinkList) -> Int? {
        let n = b.count
        if i + 3 < n, b[i + 1] == 33, b[i + 2] == 45, b[i + 3] == 45 { // <!--
            var j = i + 4
            while j + 2 < n, !(b[j] == 45 && b[j + 1] == 45 && b[j + 2] == 62) { j += 1 }
            return min(n, j + 3)
        }
        var j = i + 1
        let closing = j < n && b[j] == 47
        if closing { j += 1 }
        let nameStart = j
        while j < n, (b[j] | 0x20) >= 97 && (b[j] | 0x20) <= 122 || (b[j] >= 48 && b[j] <= 57 && j > nameStart) { j += 1 }
        guard j > nameStart else { return nil }
        var close = j
        let limit = min(n, i + 4096)
        while close < limit, b[close] != 62 { close += 1 }
        guard close < limit else { return nil }
        let name = String(decoding: b[nameStart..<j], as: UTF8.self).lowercased()
        if !closing, name == "http" || name == "https", j < n, b[j] == 58 { // <http://…> autolink
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[(i + 1)..<close]))
            return close + 1
        }
        if !closing, name == "script" || name == "style" {
            return skipElement(b, from: close + 1, name: name)
        }
        if !closing, name == "a", let href = attribute("href", in: b, from: j, to: close) {
            links.add(b, href.lowerBound, href.upperBound)
        }
        if name == "li", !closing {
            out.append(contentsOf: [10, 45, 32])
        } else if blockTags.contains(name) {
            out.append(contentsOf: [10, 10])
        } else if lineTags.contains(name) {
            out.append(10)
        } else if name == "td" || name == "th" {
            out.append(32)
        }
        return close + 1
    }

    private static func skipElement(_ b: Bytes, from: Int, name: String) -> Int {
        let closer = Array("</\(name)".utf8)
        var j = from
        while j + closer.count <= b.count {
            var match = true
            for k in 0..<closer.count where (b[j + k] | 0x20) != closer[k] && b[j + k] != closer[k] {
                match = false
                break
            }
            if match {
                var e = j + closer.count
                while e < b.count, b[e] != 62 { e += 1 }
                return min(b.count, e + 1)
            }
            j += 1
        }
        return b.count
    }

    /// The value range of attribute `name` (quoted or not) inside a tag.
    private static func attribute(_ name: String, in b: Bytes, from: Int, to: Int) -> Range<Int>? {
        let key = Array(name.utf8)
        var j = from
        while j + key.count < to {
            var match = b[j - 1] == 32 || b[j - 1] == 9 || b[j - 1] == 10
            for k in 0..<key.count where match && (b[j + k] | 0x20) != key[k] { match = false }
            if match {
                var v = j + key.count
                while v < to, b[v] == 32 { v += 1 }
                guard v < to, b[v] == 61 else { j += 1; continue }
                v += 1
                while v < to, b[v] == 32 { v += 1 }
                guard v < to else { return nil }
                if b[v] == 34 || b[v] == 39 {
                    let q = b[v]
                    var e = v + 1
                    while e < to, b[e] != q { e += 1 }
                    return (v + 1)..<e
                }
                var e = v
                while e < to, b[e] != 32 { e += 1 }
                return v..<e
            }
            j += 1
        }
        return nil
    }

    /// `&name;`, `&#123;`, `&#x1F;` at `i`: the scalar and the index after `;`.
    private static func entity(_ b: Bytes, _ i: Int) -> (UInt32, Int)? {
        var j = i + 1
        let limit = min(b.count, i + 12)
        while j < limit, b[j] != 59 { j += 1 }
        guard j < limit, j > i + 1 else { return nil }
        if b[i + 1] == 35 {
            let hex = i + 2 < j && (b[i + 2] | 0x20) == 120
            let digits = String(decoding: b[(i + (hex ? 3 : 2))..<j], as: UTF8.self)
            guard let v = UInt32(digits, radix: hex ? 16 : 10), v > 0, Unicode.Scalar(v) != nil else { return nil }
            return (v == 0xA0 ? 32 : v, j + 1)
        }
        guard let v = entities[String(decoding: b[(i + 1)..<j], as: UTF8.self)] else { return nil }
        return (v, j + 1)
    }

    private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(v) else { return }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}
