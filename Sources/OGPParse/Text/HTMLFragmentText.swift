/// Text and hyperlinks extracted from markup.
public struct ExtractedText: Sendable, Hashable {
    /// Plain text, normalised by ``TextNormalizer``.
    public var text: String
    /// Link targets (`href` of links, `src` of iframes), in document order, without duplicates.
    public var references: [String]

    /// Text and references as given.
    public init(text: String, references: [String]) {
        self.text = text
        self.references = references
    }
}

/// A tolerant, linear converter of HTML fragments (a WordPress `content.rendered`, raw HTML
/// inside Markdown) to text. It never fails: unclosed tags, lone closing tags (opening tags
/// stripped at the source) and stray `<` are read as well as can be.
///
/// Block elements give paragraph breaks, `<li>` list items, `<br>` line breaks; `<figure>` keeps
/// its caption, `<iframe>` and `<a>` give references; scripts, styles and comments are dropped.
public enum HTMLFragmentText {
    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure",
        "figcaption", "table", "tr", "ul", "ol", "pre", "hr", "header", "footer", "main", "aside", "dl", "dd", "dt",
    ]

    /// Converts `html`. With `keepNewlines`, line breaks in the text are kept (Markdown input);
    /// otherwise they are spaces, as in HTML.
    public static func convert(_ html: String, keepNewlines: Bool = false) -> ExtractedText {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var refs = ReferenceList()
        let chars = Array(html.unicodeScalars)
        var i = 0
        var textStart = 0
        func flushText(_ end: Int) {
            guard end > textStart else { return }
            var s = String(String.UnicodeScalarView(chars[textStart..<end]))
            if !keepNewlines { s = s.replacingOccurrences(of: "\n", with: " ") }
            out += HTMLEntities.decode(s)
        }
        while i < chars.count {
            guard chars[i] == "<" else { i += 1; continue }
            flushText(i)
            if startsWith(chars, i, "<!--") {
                i = find(chars, from: i + 4, "-->").map { $0 + 3 } ?? chars.count
                textStart = i
                continue
            }
            guard let tag = Tag.parse(chars, at: i) else {
                // A `<` that opens no tag: keep it as text.
                out += "<"
                i += 1
                textStart = i
                continue
            }
            i = tag.end
            textStart = i
            if !tag.closing, tag.name == "script" || tag.name == "style" || tag.name == "noscript" {
                i = find(chars, from: i, "</\(tag.name)", caseInsensitive: true) ?? chars.count
                i = find(chars, from: i, ">").map { $0 + 1 } ?? chars.count
                textStart = i
                continue
            }
            switch tag.name {
            case "br": out += "\n"
            case "li": out += tag.closing ? "\n" : "\n- "
            case "td", "th": out += " "
            case "a": if !tag.closing, let href = tag.attributes["href"] { refs.add(HTMLEntities.decode(href)) }
            case "iframe", "embed":
                if !tag.closing, let src = tag.attributes["src"] { refs.add(HTMLEntities.decode(src)) }
            case "img":
                if let alt = tag.attributes["alt"], !alt.isEmpty { out += " " + HTMLEntities.decode(alt) + " " }
            default:
                if blockTags.contains(tag.name) { out += "\n\n" }
            }
        }
        flushText(chars.count)
        return ExtractedText(text: TextNormalizer.normalize(out), references: refs.items)
    }

    static func startsWith(_ chars: [Unicode.Scalar], _ at: Int, _ prefix: String) -> Bool {
        var j = at
        for p in prefix.unicodeScalars {
            guard j < chars.count, chars[j] == p else { return false }
            j += 1
        }
        return true
    }

    static func find(_ chars: [Unicode.Scalar], from: Int, _ needle: String, caseInsensitive: Bool = false) -> Int? {
        let n = Array((caseInsensitive ? needle.lowercased() : needle).unicodeScalars)
        guard !n.isEmpty, chars.count >= n.count else { return nil }
        var i = from
        while i + n.count <= chars.count {
            var k = 0
            while k < n.count {
                var c = chars[i + k]
                if caseInsensitive, c.value >= 65, c.value <= 90, let lower = Unicode.Scalar(c.value + 32) { c = lower }
                if c != n[k] { break }
                k += 1
            }
            if k == n.count { return i }
            i += 1
        }
        return nil
    }
}

/// Link targets in document order, without duplicates.
struct ReferenceList {
    private(set) var items: [String] = []
    private var seen: Set<String> = []

    mutating func add(_ url: String) {
        let u = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !u.isEmpty, !u.hasPrefix("#"), !u.lowercased().hasPrefix("javascript:"), !seen.contains(u) else { return }
        seen.insert(u)
        items.append(u)
    }

    mutating func add(contentsOf urls: [String]) {
        for u in urls { add(u) }
    }
}

/// One HTML tag read by ``HTMLFragmentText``: its lowercased name, whether it closes, its
/// attributes, and the index just past its `>`.
struct Tag {
    var name: String
    var closing: Bool
    var attributes: [String: String]
    var end: Int

    /// Reads a tag at `start` (a `<`). Nil when what follows is not a tag (`< 5`, `<<`).
    static func parse(_ chars: [Unicode.Scalar], at start: Int) -> Tag? {
        var i = start + 1
        var closing = false
        if i < chars.count, chars[i] == "/" { closing = true; i += 1 }
        var name = ""
        while i < chars.count, isNameChar(chars[i]) {
            name.unicodeScalars.append(chars[i])
            i += 1
        }
        guard !name.isEmpty, let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return nil }
        var attributes: [String: String] = [:]
        // Attributes, up to the closing `>` (bounded: a tag longer than 8 KiB ends there).
        let limit = min(chars.count, i + 8192)
        while i < limit {
            let c = chars[i]
            if c == ">" { return Tag(name: name.lowercased(), closing: closing, attributes: attributes, end: i + 1) }
            if c == "<" { break }
            guard isNameChar(c) else { i += 1; continue }
            var key = ""
            while i < limit, isNameChar(chars[i]) { key.unicodeScalars.append(chars[i]); i += 1 }
            while i < limit, chars[i] == " " { i += 1 }
            guard i < limit, chars[i] == "=" else { attributes[key.lowercased()] = ""; continue }
            i += 1
            while i < limit, chars[i] == " " { i += 1 }
            var value = ""
            if i < limit, chars[i] == "\"" || chars[i] == "'" {
                let quote = chars[i]
                i += 1
                while i < limit, chars[i] != quote { value.unicodeScalars.append(chars[i]); i += 1 }
                i += 1
            } else {
                while i < limit, chars[i] != " ", chars[i] != ">" { value.unicodeScalars.append(chars[i]); i += 1 }
            }
            attributes[key.lowercased()] = value
        }
        // Unterminated tag: end it where it broke off.
        return Tag(name: name.lowercased(), closing: closing, attributes: attributes, end: min(i, chars.count))
    }

    static func isNameChar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || (c.value >= 48 && c.value <= 57) || c == "-" || c == ":" || c == "_"
    }
}
