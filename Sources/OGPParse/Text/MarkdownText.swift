/// Converts the Markdown-and-HTML bodies of Jekyll posts (kramdown flavour) to plain text.
///
/// - kramdown inline attribute lists are removed, malformed ones included: `{:target="_blank"}`,
///   `{:target="-blank"}`, `{:target"_blank"}`, `{:target="_blank}`, `{: .lien-important}`, and
///   `{: .encadre}` glued to text;
/// - links `[text](url)` keep their text, their targets become references; images keep their alt;
/// - headings, block quotes and emphasis markers are dropped, list items become `- ` lines;
/// - raw HTML (`<figure>`, `<iframe>`, `<br>`) and entities go through ``HTMLFragmentText``.
public enum MarkdownText {
    /// Converts `markdown`; relative link targets are resolved against `baseURL` when given.
    public static func convert(_ markdown: String, baseURL: String? = nil) -> ExtractedText {
        var refs = ReferenceList()
        var lines: [String] = []
        for raw in removeIALs(markdown).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(raw)
            // Block quotes: `>` prefixes, repeated.
            var quoted = false
            while let first = line.drop(while: { $0 == " " }).first, first == ">" {
                line = line.drop(while: { $0 == " " }).dropFirst()
                quoted = true
            }
            if quoted, line.first == " " { line = line.dropFirst() }
            // ATX headings: a paragraph of their own.
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix("#") {
                let text = trimmed.drop(while: { $0 == "#" }).drop(while: { $0 == " " })
                lines.append("")
                lines.append(inline(String(text.reversed().drop(while: { $0 == "#" || $0 == " " }).reversed()), &refs, baseURL))
                lines.append("")
                continue
            }
            if trimmed == "---" || trimmed == "***" || trimmed == "___" { lines.append(""); continue }
            lines.append(inline(String(line), &refs, baseURL))
        }
        let html = HTMLFragmentText.convert(lines.joined(separator: "\n"), keepNewlines: true)
        refs.add(contentsOf: html.references.map { resolve($0, baseURL) })
        return ExtractedText(text: html.text, references: refs.items)
    }

    /// Removes kramdown attribute lists `{:…}`; an unterminated one runs to the end of its line.
    public static func removeIALs(_ s: String) -> String {
        guard s.contains("{:") else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "{", s.index(after: i) < s.endIndex, s[s.index(after: i)] == ":" {
                var j = s.index(i, offsetBy: 2)
                while j < s.endIndex, s[j] != "}", s[j] != "\n" { j = s.index(after: j) }
                i = j < s.endIndex && s[j] == "}" ? s.index(after: j) : j
                continue
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }

    /// Inline Markdown: images, links, emphasis.
    static func inline(_ line: String, _ refs: inout ReferenceList, _ baseURL: String?) -> String {
        var out = ""
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            let isImage = c == "!" && line.index(after: i) < line.endIndex && line[line.index(after: i)] == "["
            if c == "[" || isImage, let link = parseLink(line, at: isImage ? line.index(after: i) : i) {
                if isImage {
                    out += link.text
                } else {
                    out += inline(link.text, &refs, baseURL)
                    refs.add(resolve(link.target, baseURL))
                }
                i = link.end
                continue
            }
            // Autolinks `<https://…>`: the URL as text and as a reference.
            if c == "<", let end = line[i...].firstIndex(of: ">") {
                let inner = line[line.index(after: i)..<end]
                if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:"), !inner.contains(" ") {
                    out += inner
                    refs.add(String(inner))
                    i = line.index(after: end)
                    continue
                }
            }
            out.append(c)
            i = line.index(after: i)
        }
        return removeEmphasis(out)
    }

    /// `[text](target "title")` at `start` (a `[`).
    static func parseLink(_ s: String, at start: String.Index) -> (text: String, target: String, end: String.Index)? {
        var depth = 0
        var j = start
        var close: String.Index?
        while j < s.endIndex {
            if s[j] == "[" { depth += 1 }
            if s[j] == "]" { depth -= 1; if depth == 0 { close = j; break } }
            j = s.index(after: j)
        }
        guard let close, s.index(after: close) < s.endIndex, s[s.index(after: close)] == "(" else { return nil }
        let targetStart = s.index(close, offsetBy: 2)
        guard let paren = s[targetStart...].firstIndex(of: ")") else { return nil }
        var target = String(s[targetStart..<paren]).trimmingCharacters(in: .whitespaces)
        if let space = target.firstIndex(of: " ") { target = String(target[..<space]) }
        if target.hasPrefix("<"), target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
        return (String(s[s.index(after: start)..<close]), target, s.index(after: paren))
    }

    /// Drops `**`, `__` and single `*` used as emphasis (touching a word on one side only).
    static func removeEmphasis(_ s: String) -> String {
        let noStrong = s.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        guard noStrong.contains("*") else { return noStrong }
        let chars = Array(noStrong)
        var out = ""
        for (k, c) in chars.enumerated() {
            if c == "*" {
                let before = k > 0 ? chars[k - 1] : " "
                let after = k + 1 < chars.count ? chars[k + 1] : " "
                if !(before.isWhitespace && after.isWhitespace) { continue }
            }
            out.append(c)
        }
        return out
    }

    static func resolve(_ target: String, _ baseURL: String?) -> String {
        guard let baseURL, target.hasPrefix("/"), !target.hasPrefix("//") else { return target }
        var base = Substring(baseURL)
        if let scheme = base.range(of: "://") {
            let hostEnd = base[scheme.upperBound...].firstIndex(of: "/") ?? base.endIndex
            base = base[..<hostEnd]
        }
        return String(base) + target
    }
}
