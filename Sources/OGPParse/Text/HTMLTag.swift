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
