/// Decodes HTML character references (`&#8217;`, `&#x2019;`, `&eacute;`, `&amp;`…) in text.
///
/// Covers numeric references and the named entities met in French editorial content
/// (Latin-1 letters, typographic quotes and dashes, spaces). An unknown or malformed
/// reference is left as written, never dropped.
public enum HTMLEntities {
    /// Returns `text` with every recognised character reference replaced by its character.
    public static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            guard ch == "&", let semi = semicolon(in: text, after: i) else {
                out.append(ch)
                i = text.index(after: i)
                continue
            }
            let name = text[text.index(after: i)..<semi]
            if let decoded = character(for: name) {
                out.append(decoded)
                i = text.index(after: semi)
            } else {
                out.append(ch)
                i = text.index(after: i)
            }
        }
        return out
    }

    /// The closing `;` of a reference starting at `start`, within 10 characters.
    private static func semicolon(in text: String, after start: String.Index) -> String.Index? {
        var j = text.index(after: start)
        var n = 0
        while j < text.endIndex, n < 10 {
            let c = text[j]
            if c == ";" { return n > 0 ? j : nil }
            guard c.isLetter || c.isNumber || c == "#" else { return nil }
            j = text.index(after: j)
            n += 1
        }
        return nil
    }

    private static func character(for name: Substring) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value else { return nil }
            // Windows-1252 numeric references (`&#146;`) as browsers read them.
            if let mapped = windows1252[value] { return String(mapped) }
            guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        return named[String(name)]
    }

    private static let windows1252: [UInt32: Character] = [
        128: "€", 130: "‚", 132: "„", 133: "…", 134: "†", 135: "‡", 139: "‹", 145: "‘", 146: "’",
        147: "“", 148: "”", 149: "•", 150: "–", 151: "—", 153: "™", 155: "›", 156: "œ",
    ]

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "shy": "",
        "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”",
        "bdquo": "„", "ndash": "–", "mdash": "—", "hellip": "…", "bull": "•", "middot": "·", "deg": "°",
        "euro": "€", "copy": "©", "reg": "®", "trade": "™", "sect": "§", "para": "¶", "times": "×",
        "agrave": "à", "aacute": "á", "acirc": "â", "auml": "ä", "atilde": "ã", "aring": "å", "aelig": "æ",
        "ccedil": "ç", "egrave": "è", "eacute": "é", "ecirc": "ê", "euml": "ë",
        "igrave": "ì", "iacute": "í", "icirc": "î", "iuml": "ï", "ntilde": "ñ",
        "ograve": "ò", "oacute": "ó", "ocirc": "ô", "ouml": "ö", "otilde": "õ", "oslash": "ø", "oelig": "œ",
        "ugrave": "ù", "uacute": "ú", "ucirc": "û", "uuml": "ü", "yacute": "ý", "yuml": "ÿ", "szlig": "ß",
        "Agrave": "À", "Aacute": "Á", "Acirc": "Â", "Auml": "Ä", "AElig": "Æ", "Ccedil": "Ç",
        "Egrave": "È", "Eacute": "É", "Ecirc": "Ê", "Euml": "Ë", "Icirc": "Î", "Iuml": "Ï",
        "Ocirc": "Ô", "Ouml": "Ö", "OElig": "Œ", "Ugrave": "Ù", "Ucirc": "Û", "Uuml": "Ü", "Yuml": "Ÿ",
    ]
}
