import Foundation

/// A body decoded to text, with the charset used and anything worth a warning on the item.
public struct DecodedText: Sendable, Hashable {
    /// The text.
    public var text: String
    /// The charset actually used (lowercase IANA name, e.g. `utf-8`, `windows-1252`).
    public var charset: String
    /// Problems met (invalid UTF-8 re-read as Windows-1252, unknown charset…).
    public var warnings: [String]

    /// Creates a decoded text.
    public init(text: String, charset: String, warnings: [String] = []) {
        self.text = text
        self.charset = charset
        self.warnings = warnings
    }
}

/// Charset detection and decoding: Content-Type, then BOM, then in-document declaration.
public enum TextDecoding {
    /// Decodes `data`; see `FetchResponse.text()` for the rules.
    public static func decode(_ data: Data, contentType: String?) -> DecodedText {
        let bytes = [UInt8](data)
        var warnings: [String] = []
        if let declared = contentType.flatMap(charsetParameter) {
            return decode(bytes, charset: declared, source: "Content-Type", warnings: &warnings)
        }
        if let (charset, skip) = bom(bytes) {
            return decode(Array(bytes.dropFirst(skip)), charset: charset, source: "BOM", warnings: &warnings)
        }
        if let declared = documentCharset(bytes) {
            return decode(bytes, charset: declared, source: "document", warnings: &warnings)
        }
        return decode(bytes, charset: "utf-8", source: "default", warnings: &warnings)
    }

    private static func decode(
        _ bytes: [UInt8], charset raw: String, source: String, warnings: inout [String]
    ) -> DecodedText {
        let charset = normalise(raw)
        switch charset {
        case "utf-8":
            if let text = String(validating: bytes, as: UTF8.self) {
                return DecodedText(text: text, charset: "utf-8", warnings: warnings)
            }
            warnings.append("invalid UTF-8 (charset from \(source)); decoded as Windows-1252")
            return DecodedText(text: Windows1252.decode(bytes), charset: "windows-1252", warnings: warnings)
        case "windows-1252":
            return DecodedText(text: Windows1252.decode(bytes), charset: charset, warnings: warnings)
        case "utf-16le", "utf-16be", "utf-16":
            let encoding: String.Encoding =
                charset == "utf-16be"
                ? .utf16BigEndian
                : charset == "utf-16le" ? .utf16LittleEndian : .utf16
            if let text = String(data: Data(bytes), encoding: encoding) {
                return DecodedText(text: text, charset: charset, warnings: warnings)
            }
            warnings.append("invalid \(charset); decoded as Windows-1252")
            return DecodedText(text: Windows1252.decode(bytes), charset: "windows-1252", warnings: warnings)
        default:
            warnings.append("unsupported charset \(raw) (from \(source)); decoded as UTF-8")
            return decode(bytes, charset: "utf-8", source: source, warnings: &warnings)
        }
    }

    /// Maps aliases to the names used here (Latin-1 and ASCII are read as Windows-1252, as browsers do).
    static func normalise(_ name: String) -> String {
        let n = name.trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")).lowercased()
        switch n {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "utf-8"
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "windows-1252",
            "cp1252", "x-cp1252", "us-ascii", "ascii", "iso-8859-15", "latin9", "iso8859-15":
            return "windows-1252"
        case "utf-16le", "utf-16be", "utf-16": return n
        default: return n
        }
    }

    /// The `charset` parameter of a Content-Type value.
    static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    private static func bom(_ b: [UInt8]) -> (String, Int)? {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { return ("utf-8", 3) }
        if b.starts(with: [0xFF, 0xFE]) { return ("utf-16le", 2) }
        if b.starts(with: [0xFE, 0xFF]) { return ("utf-16be", 2) }
        return nil
    }

    /// `<meta charset=…>`, `<meta http-equiv… content="…charset=…">` or `<?xml … encoding="…"?>`
    /// in the first 2 KiB.
    static func documentCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        if head.hasPrefix("<?xml"), let end = head.range(of: "?>") {
            let decl = head[..<end.lowerBound]
            if let value = attribute("encoding", in: decl) { return value }
            return "utf-8"
        }
        var search = head[...]
        while let meta = search.range(of: "<meta") {
            let rest = search[meta.upperBound...]
            let tag = rest.prefix { $0 != ">" }
            if let value = attribute("charset", in: tag) { return value }
            if let content = attribute("content", in: tag), let value = charsetParameter(content) {
                return value
            }
            search = rest
        }
        return nil
    }

    private static func attribute(_ name: String, in text: Substring) -> String? {
        guard let range = text.range(of: name + "=") else { return nil }
        var value = text[range.upperBound...]
        if let quote = value.first, quote == "\"" || quote == "'" {
            value = value.dropFirst()
            return String(value.prefix { $0 != quote })
        }
        let token = value.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" && $0 != ";" }
        return token.isEmpty ? nil : String(token)
    }
}
