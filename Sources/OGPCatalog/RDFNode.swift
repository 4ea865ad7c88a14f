import Foundation

/// A node of the RDF graph the DCAT export writes: its identity, its classes and its properties,
/// in the order they are written (the export is deterministic, so the order is part of the output).
///
/// Predicates, classes and datatypes are CURIEs over ``RDFNode/prefixes`` (`dct:title`); every
/// serialisation (JSON-LD, Turtle, RDF/XML) writes the same triples from the same nodes. Values
/// are cleaned once, here: IRIs percent-encode what no serialisation accepts, literals lose the
/// control characters XML 1.0 forbids, so the three files always describe one graph.
struct RDFNode: Sendable {
    enum Identity: Sendable, Hashable {
        /// A resource named by an absolute IRI.
        case iri(String)
        /// A blank node with a document-wide label (`_:catalog`); nested blank nodes have none.
        case label(String)
        /// An anonymous blank node, written inline.
        case anonymous
    }

    var id: Identity
    var types: [String]
    var properties: [(predicate: String, value: RDFTerm)] = []

    init(_ id: Identity, types: [String]) {
        self.id = id
        self.types = types
    }

    init(iri: String, types: [String]) {
        self.init(.iri(iri), types: types)
    }

    /// An anonymous node of class `type`.
    init(anonymous type: String) {
        self.init(.anonymous, types: [type])
    }

    mutating func add(_ predicate: String, _ value: RDFTerm) {
        properties.append((predicate, value))
    }

    /// Adds a plain or language-tagged literal, skipped when empty after cleaning.
    mutating func add(_ predicate: String, text: String?, language: String? = nil) {
        guard let text, let clean = RDFTerm.cleanLiteral(text), !clean.isEmpty else { return }
        properties.append((predicate, .literal(clean, datatype: nil, language: language.flatMap(Self.languageTag))))
    }

    /// Adds an IRI value when `iri` is an absolute IRI.
    mutating func add(_ predicate: String, iri: String?) {
        guard let iri, let clean = RDFTerm.cleanIRI(iri) else { return }
        properties.append((predicate, .iri(clean)))
    }

    /// `tag` when it is a well-formed BCP 47 tag as the three syntaxes accept it (`fr`, `fr-FR`).
    static func languageTag(_ tag: String) -> String? {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count), first.unicodeScalars.allSatisfy(\.isASCIILetter),
            parts.dropFirst().allSatisfy({
                (1...8).contains($0.count) && $0.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit }
            })
        else { return nil }
        return tag
    }

    /// The prefixes every serialisation declares.
    static let prefixes: [(prefix: String, namespace: String)] = [
        ("adms", "http://www.w3.org/ns/adms#"),
        ("dcat", "http://www.w3.org/ns/dcat#"),
        ("dct", "http://purl.org/dc/terms/"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("spdx", "http://spdx.org/rdf/terms#"),
        ("vcard", "http://www.w3.org/2006/vcard/ns#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ]

    /// Hydra, declared by the paged catalogue only (``DCATExporter/page(_:format:catalogIRI:paging:)``).
    static let hydra = (prefix: "hydra", namespace: "http://www.w3.org/ns/hydra/core#")

    /// The full IRI of a CURIE (`xsd:date` → `http://www.w3.org/2001/XMLSchema#date`).
    static func expand(_ curie: String) -> String {
        guard let colon = curie.firstIndex(of: ":") else { return curie }
        let prefix = curie[..<colon]
        guard let ns = (prefixes + [hydra]).first(where: { $0.prefix == prefix })?.namespace else { return curie }
        return ns + curie[curie.index(after: colon)...]
    }
}

/// The value of a property: an IRI, a literal, or a node described in place.
enum RDFTerm: Sendable {
    case iri(String)
    /// A literal with an optional datatype CURIE or language tag (never both).
    case literal(String, datatype: String?, language: String?)
    case node(RDFNode)

    static func typed(_ value: String, _ datatype: String) -> RDFTerm {
        .literal(value, datatype: datatype, language: nil)
    }

    /// `text` without the characters XML 1.0 cannot carry (C0 controls but tab, line feed and
    /// carriage return; U+FFFE, U+FFFF). Nil when nothing is left.
    static func cleanLiteral(_ text: String) -> String? {
        let bad = text.unicodeScalars.contains { isForbidden($0) }
        let clean = bad ? String(String.UnicodeScalarView(text.unicodeScalars.filter { !isForbidden($0) })) : text
        return clean.isEmpty ? nil : clean
    }

    private static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s.value != 9 && s.value != 10 && s.value != 13) || s.value == 0xFFFE || s.value == 0xFFFF
    }

    /// `text` as an absolute IRI: trimmed, with a scheme, and with the characters no
    /// serialisation accepts in an IRI (spaces, `<>"{}|\^` and backquote, controls)
    /// percent-encoded. Nil when it has no scheme (a relative reference would be resolved
    /// against the export's own location, which means nothing).
    static func cleanIRI(_ text: String) -> String? {
        let trimmed = trimmedWhitespace(text)
        guard let colon = trimmed.firstIndex(of: ":"), colon > trimmed.startIndex else { return nil }
        let scheme = trimmed[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCIILetter,
            scheme.unicodeScalars.allSatisfy({
                $0.isASCIILetter || $0.isASCIIDigit || $0 == "+" || $0 == "-" || $0 == "."
            })
        else { return nil }
        guard trimmed.unicodeScalars.contains(where: needsEscape) else { return trimmed }
        var out = ""
        for s in trimmed.unicodeScalars {
            if needsEscape(s) {
                for byte in String(s).utf8 { out += "%" + String(byte, radix: 16, uppercase: true).leftPadded }
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// `text` without leading and trailing white space (Unicode's White_Space, as Foundation's
    /// `.whitespacesAndNewlines`), without bridging to NSString: it ran for every IRI and
    /// description of an export, and the bridge was a quarter of a DCAT export's time.
    static func trimmedWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        guard let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// `text` in double quotes with the escapes JSON and Turtle share (`\"`, `\\`, `\n`, `\r`, `\t`,
    /// `\u00XX` for the other controls, hex digits as each format writes them), the rest as UTF-8.
    /// Byte by byte: every character to escape is ASCII, and UTF-8 never uses an ASCII byte
    /// inside a multi-byte character (a scalar at a time was a quarter of an export's time).
    static func quoted(_ text: String, uppercaseHex: Bool) -> String {
        let digits = uppercaseHex ? upperHex : lowerHex
        let bytes = text.utf8
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 2)
        out.append(0x22)
        for b in bytes {
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
            default: out.append(b)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    private static let lowerHex: [UInt8] = Array("0123456789abcdef".utf8)
    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Whether `text` has anything besides white space.
    static func hasNonWhitespace(_ text: String) -> Bool {
        text.unicodeScalars.contains { !$0.properties.isWhitespace }
    }

    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        s.value <= 0x20 || s.value == 0x7F || s.value == 0xFFFE || s.value == 0xFFFF
            || "<>\"{}|\\^`".unicodeScalars.contains(s)
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { (value >= 65 && value <= 90) || (value >= 97 && value <= 122) }
    fileprivate var isASCIIDigit: Bool { value >= 48 && value <= 57 }
}

extension String {
    /// Two hex digits.
    fileprivate var leftPadded: String { count < 2 ? "0" + self : self }
}
