import Yams

/// A Jekyll file split into its YAML front matter (composed by Yams, every scalar kept as text)
/// and its body.
struct FrontMatter {
    /// Largest front matter read, in bytes, and most aliases allowed: real posts have none;
    /// more is a "billion laughs" expansion bomb, refused before Yams sees it.
    static let maxBytes = 256 * 1024
    static let maxAliases = 32

    var fields: [(key: String, value: Node)]
    var body: String
    /// 1-based line of the first body line in the file.
    var bodyLine: Int

    /// Splits and composes `text`. Throws a ``ParseError`` with the file's line.
    static func parse(_ text: String) throws(ParseError) -> FrontMatter {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            throw ParseError(.frontMatter, "no front matter: the file does not start with a `---` line", line: 1)
        }
        var close: Int?
        for (n, line) in lines.enumerated().dropFirst() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t == "---" || t == "..." { close = n; break }
        }
        guard let close else {
            throw ParseError(.frontMatter, "front matter opened on line 1 is never closed by a `---` line", line: 1)
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        guard yaml.utf8.count <= maxBytes else {
            throw ParseError(.tooLarge, "front matter is larger than \(maxBytes) bytes", line: 2)
        }
        let aliases = countAliases(yaml)
        guard aliases <= maxAliases else {
            throw ParseError(
                .invalidYAML,
                "front matter holds \(aliases) YAML aliases (more than \(maxAliases)): refused as a possible alias bomb",
                line: 2)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ParseError(
                .invalidYAML, "invalid YAML in front matter", line: yamlLine(error).map { $0 + 1 }, cause: "\(error)")
        } catch {
            throw ParseError(.invalidYAML, "invalid YAML in front matter", line: 2, cause: "\(error)")
        }
        var fields: [(String, Node)] = []
        if let node {
            guard case .mapping(let mapping) = node else {
                throw ParseError(.invalidYAML, "front matter is not a mapping of keys to values", line: 2)
            }
            for (k, v) in mapping { fields.append((k.string ?? "", v)) }
        }
        let body = lines[(close + 1)...].joined(separator: "\n")
        return FrontMatter(fields: fields, body: body, bodyLine: close + 2)
    }

    /// The value of `key`, when present.
    func value(_ key: String) -> Node? {
        fields.first { $0.key == key }?.value
    }

    /// Counts the `*name` aliases that name an `&name` anchor of the text (outside quotes or
    /// not: an over-estimate is safe). Markdown emphasis (`*texte*`, `**gras**`) names no anchor.
    static func countAliases(_ yaml: String) -> Int {
        let anchors = Set(names(after: "&", in: yaml))
        guard !anchors.isEmpty else { return 0 }
        return names(after: "*", in: yaml).filter(anchors.contains).count
    }

    /// Names following `sigil` at a token start (after a space, `[`, `{`, `,`, `:`, `-` or a newline).
    static func names(after sigil: Character, in yaml: String) -> [String] {
        var found: [String] = []
        var previous: Character = "\n"
        var current: String? = nil
        for c in yaml {
            if var name = current {
                if c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." {
                    name.append(c)
                    current = name
                } else {
                    if !name.isEmpty { found.append(name) }
                    current = nil
                }
            } else if c == sigil, " \n\t[{,:-".contains(previous) {
                current = ""
            }
            previous = c
        }
        if let name = current, !name.isEmpty { found.append(name) }
        return found
    }

    static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }
}

extension Node {
    /// A scalar's text, a sequence's items as text, a mapping as `key: value` lines; bounded.
    func text(depth: Int = 0) -> String {
        guard depth < 8 else { return "" }
        switch self {
        case .scalar(let s): return s.string
        case .sequence(let seq): return seq.prefix(1000).map { $0.text(depth: depth + 1) }.joined(separator: "\n")
        case .mapping(let map):
            return map.prefix(1000).map { "\($0.key.text(depth: depth + 1)): \($0.value.text(depth: depth + 1))" }
                .joined(separator: "; ")
        case .alias: return ""
        }
    }

    /// A list of strings: a sequence's scalar items, or a single scalar (`tags: Etalab`).
    var strings: [String] {
        switch self {
        case .scalar(let s): return s.string.isEmpty ? [] : [s.string]
        case .sequence(let seq): return seq.prefix(1000).compactMap { $0.scalar?.string }.filter { !$0.isEmpty }
        default: return []
        }
    }
}
