/// Converts the Markdown-and-HTML bodies of Jekyll posts (kramdown flavour) to plain text.
///
/// - kramdown inline attribute lists are removed, malformed ones included: `{:target="_blank"}`,
///   `{:target="-blank"}`, `{:target"_blank"}`, `{:target="_blank}`, `{: .lien-important}`, and
///   `{: .encadre}` glued to text;
/// - links `[text](url)` keep their text, their targets become references; images keep their alt;
/// - headings, block quotes and emphasis markers are dropped, list items become `- ` lines;
/// - raw HTML (`<figure>`, `<iframe>`, `<br>`) and entities go through ``HTMLFragmentText``;
/// - link targets follow the text core's ``LinkList`` policy (relative ones resolved against `baseURL`).
public enum MarkdownText {
    /// Converts `markdown`; relative link targets are resolved against `baseURL` when given.
    public static func convert(_ markdown: String, baseURL: String? = nil) -> ExtractedText {
        var refs = LinkList(base: baseURL)
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
                lines.append(
                    inline(String(text.reversed().drop(while: { $0 == "#" || $0 == " " }).reversed()), &refs, baseURL))
                lines.append("")
                continue
            }
            if trimmed == "---" || trimmed == "***" || trimmed == "___" { lines.append(""); continue }
            lines.append(inline(String(line), &refs, baseURL))
        }
        let html = HTMLFragmentText.convert(lines.joined(separator: "\n"), keepNewlines: true, baseURL: baseURL)
        refs.add(contentsOf: html.references)
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

    /// Inline Markdown: images, links, autolinks, emphasis. Linear in the line's length:
    /// brackets are matched in one pass, link text is read again at most once (`depth`).
    static func inline(_ line: String, _ refs: inout LinkList, _ baseURL: String?, depth: Int = 0) -> String {
        guard line.contains("[") || line.contains("<") else { return removeEmphasis(line) }
        let chars = Array(line)
        var match = [Int](repeating: -1, count: chars.count)
        var stack: [Int] = []
        for (k, c) in chars.enumerated() {
            if c == "[" { stack.append(k) } else if c == "]", let open = stack.popLast() { match[open] = k }
        }
        var nextGT = [Int](repeating: -1, count: chars.count)
        var nextParen = [Int](repeating: -1, count: chars.count)
        var gt = -1, paren = -1
        for k in stride(from: chars.count - 1, through: 0, by: -1) {
            if chars[k] == ">" { gt = k }
            if chars[k] == ")" { paren = k }
            nextGT[k] = gt
            nextParen[k] = paren
        }
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let isImage = c == "!" && i + 1 < chars.count && chars[i + 1] == "["
            let open = isImage ? i + 1 : i
            if c == "[" || isImage, depth < 2, match[open] > open, match[open] + 2 < chars.count,
                chars[match[open] + 1] == "(",
                nextParen[match[open] + 2] >= 0
            {
                let close = match[open]
                let end = nextParen[close + 2]
                let text = String(chars[(open + 1)..<close])
                var target = String(chars[(close + 2)..<end]).trimmingCharacters(in: .whitespaces)
                if let space = target.firstIndex(of: " ") { target = String(target[..<space]) }
                if target.hasPrefix("<"), target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
                if isImage {
                    out += text
                } else {
                    out += inline(text, &refs, baseURL, depth: depth + 1)
                    refs.add(target)
                }
                i = end + 1
                continue
            }
            // Autolinks `<https://…>`: the URL as text and as a reference.
            if c == "<", nextGT[i] > i, nextGT[i] - i <= 2048 {
                let inner = String(chars[(i + 1)..<nextGT[i]])
                if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:"),
                    !inner.contains(" ")
                {
                    out += inner
                    refs.add(inner)
                    i = nextGT[i] + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return removeEmphasis(out)
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
}
