import Foundation

/// A Turtle (and N-Triples) parser: `@prefix`/`PREFIX`, `@base`/`BASE`, IRIs, prefixed names,
/// `a`, blank nodes (`_:x`, `[ … ]`), collections (members linked directly, as in the RDF/XML
/// reader), literals (short and long quotes, escapes, language tags, datatypes, numbers,
/// booleans), `;` and `,` lists. Reads a document in memory (Turtle pages are bounded by the
/// fetch size limit); errors carry the line.
struct TurtleParser {
    private let b: [UInt8]
    private var i = 0
    private var line = 1
    private var prefixes: [String: String] = [:]
    private var base: String
    private var blankCounter = 0
    private var depth = 0
    static let maxDepth = 256

    init(_ data: Data, base: String) {
        self.b = Array(data)
        self.base = base
    }

    /// Parses the document, calling `emit` for each triple.
    mutating func parse(emit: (RDFTriple) throws -> Void) throws {
        while true {
            skipSpace()
            guard i < b.count else { return }
            if b[i] == 64 {  // @
                i += 1
                let word = readWord()
                try directive(word.lowercased())
                skipSpace()
                if i < b.count, b[i] == 46 { i += 1 }
                continue
            }
            if let word = peekWord(), ["prefix", "base"].contains(word.lowercased()) {
                i += word.utf8.count
                try directive(word.lowercased())
                continue
            }
            let subject = try term(emit: emit, subject: true)
            skipSpace()
            if i < b.count, b[i] == 46, subjectWasBracket { i += 1; subjectWasBracket = false; continue }
            subjectWasBracket = false
            try predicateObjectList(subject, emit: emit)
            skipSpace()
            try expect(46)
        }
    }

    private var subjectWasBracket = false

    private mutating func directive(_ word: String) throws {
        skipSpace()
        if word == "prefix" {
            let start = i
            while i < b.count, b[i] != 58 { i += 1 }
            let name = String(decoding: b[start..<i], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            try expect(58)
            skipSpace()
            prefixes[name] = try iriRef()
        } else if word == "base" {
            base = try iriRef()
        } else {
            throw error("unknown directive @\(word)")
        }
    }

    private mutating func predicateObjectList(_ subject: RDFTerm, emit: (RDFTriple) throws -> Void) throws {
        while true {
            skipSpace()
            guard i < b.count, b[i] != 46, b[i] != 93 else { return }
            let predicate: String
            if b[i] == 97, i + 1 < b.count, isDelimiter(b[i + 1]) {
                i += 1
                predicate = NS.type
            } else {
                guard case .iri(let p) = try term(emit: emit, subject: false) else {
                    throw error("a predicate must be an IRI")
                }
                predicate = p
            }
            while true {
                skipSpace()
                let object = try term(emit: emit, subject: false, collectionOwner: (subject, predicate))
                if case .blank(let id) = object, id == "\u{0}collection" {
                } else {
                    try emit(RDFTriple(subject: subject, predicate: predicate, object: object))
                }
                skipSpace()
                if i < b.count, b[i] == 44 { i += 1; continue }
                break
            }
            skipSpace()
            guard i < b.count, b[i] == 59 else { return }
            while i < b.count, b[i] == 59 { i += 1; skipSpace() }
        }
    }

    private mutating func term(
        emit: (RDFTriple) throws -> Void, subject: Bool, collectionOwner: (RDFTerm, String)? = nil
    ) throws -> RDFTerm {
        skipSpace()
        guard i < b.count else { throw error("unexpected end of input") }
        switch b[i] {
        case 60: return .iri(try iriRef())
        case 95 where i + 1 < b.count && b[i + 1] == 58:
            i += 2
            return .blank("t" + readName())
        case 91:  // [
            depth += 1
            defer { depth -= 1 }
            guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth)") }
            i += 1
            blankCounter += 1
            let node = RDFTerm.blank("b\(blankCounter)")
            try predicateObjectList(node, emit: emit)
            skipSpace()
            try expect(93)
            if subject { subjectWasBracket = true }
            return node
        case 40:  // ( collection: members linked to the owner directly
            i += 1
            while true {
                skipSpace()
                guard i < b.count else { throw error("unterminated collection") }
                if b[i] == 41 { i += 1; break }
                let member = try term(emit: emit, subject: false)
                if let (s, p) = collectionOwner { try emit(RDFTriple(subject: s, predicate: p, object: member)) }
            }
            return .blank("\u{0}collection")
        case 34, 39: return try literal()
        case 43, 45, 46, 48...57:
            let start = i
            i += 1
            while i < b.count,
                (b[i] >= 48 && b[i] <= 57) || b[i] == 46 || b[i] == 101 || b[i] == 69 || b[i] == 45 || b[i] == 43
            { i += 1 }
            if i > start + 1, b[i - 1] == 46 { i -= 1 }  // a final `.` ends the statement
            return .literal(String(decoding: b[start..<i], as: UTF8.self), language: nil, datatype: NS.xsd + "decimal")
        default:
            let name = readPrefixedName()
            if name == "true" || name == "false" { return .literal(name, language: nil, datatype: NS.xsd + "boolean") }
            guard let colon = name.firstIndex(of: ":") else { throw error("unexpected `\(name.prefix(40))`") }
            let prefix = String(name[..<colon])
            guard let ns = prefixes[prefix] else { throw error("undeclared prefix `\(prefix):`") }
            return .iri(ns + Self.unescapeLocal(String(name[name.index(after: colon)...])))
        }
    }

    private mutating func literal() throws -> RDFTerm {
        let quote = b[i]
        let long = i + 2 < b.count && b[i + 1] == quote && b[i + 2] == quote
        i += long ? 3 : 1
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw error("unterminated string") }
            let c = b[i]
            if c == quote {
                if !long { i += 1; break }
                if i + 2 < b.count, b[i + 1] == quote, b[i + 2] == quote {
                    i += 3
                    while i < b.count, b[i] == quote { out.append(quote); i += 1 }  // `""""` ends with a quote inside
                    break
                }
            }
            if c == 10 {
                if !long { throw error("newline in a short string") }
                line += 1
            }
            if c == 92, i + 1 < b.count {
                i += 1
                switch b[i] {
                case 116: out.append(9)
                case 110: out.append(10)
                case 114: out.append(13)
                case 98: out.append(8)
                case 102: out.append(12)
                case 117, 85:
                    let n = b[i] == 117 ? 4 : 8
                    guard i + n < b.count,
                        let v = UInt32(String(decoding: b[(i + 1)...(i + n)], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(v)
                    else { throw error("invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i += n
                default: out.append(b[i])
                }
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        let text = String(decoding: out, as: UTF8.self)
        if i < b.count, b[i] == 64 {
            i += 1
            let start = i
            while i < b.count, isNameByte(b[i]) || b[i] == 45 { i += 1 }
            return .literal(text, language: String(decoding: b[start..<i], as: UTF8.self).lowercased(), datatype: nil)
        }
        if i + 1 < b.count, b[i] == 94, b[i + 1] == 94 {
            i += 2
            guard case .iri(let dt) = try term(emit: { _ in }, subject: false) else { throw error("invalid datatype") }
            return .literal(text, language: nil, datatype: dt)
        }
        return .literal(text, language: nil, datatype: nil)
    }

    private mutating func iriRef() throws -> String {
        try expect(60)
        let start = i
        while i < b.count, b[i] != 62 {
            if b[i] == 10 { throw error("newline in an IRI") }
            i += 1
        }
        guard i < b.count else { throw error("unterminated IRI") }
        let raw = String(decoding: b[start..<i], as: UTF8.self)
        i += 1
        return RDFXMLParser.resolve(raw, base: base)
    }

    private mutating func readPrefixedName() -> String {
        let start = i
        while i < b.count, isNameByte(b[i]) || b[i] == 58 || b[i] == 45 || b[i] == 46 || b[i] == 92 || b[i] == 37 {
            if b[i] == 92 { i += 1 }
            i += 1
        }
        // A `\` as the last byte skipped past the end (the fuzz target found it: `\\`).
        i = min(i, b.count)
        // A name never ends with `.` (the statement's end).
        while i > start, b[i - 1] == 46 { i -= 1 }
        return String(decoding: b[start..<min(i, b.count)], as: UTF8.self)
    }

    private static func unescapeLocal(_ s: String) -> String {
        s.contains("\\") ? s.replacingOccurrences(of: "\\", with: "") : s
    }

    private mutating func readName() -> String {
        let start = i
        while i < b.count, isNameByte(b[i]) || b[i] == 45 || b[i] == 46 { i += 1 }
        while i > start, b[i - 1] == 46 { i -= 1 }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    private mutating func readWord() -> String {
        let start = i
        while i < b.count, (b[i] >= 97 && b[i] <= 122) || (b[i] >= 65 && b[i] <= 90) { i += 1 }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    private func peekWord() -> String? {
        var j = i
        while j < b.count, (b[j] >= 97 && b[j] <= 122) || (b[j] >= 65 && b[j] <= 90) { j += 1 }
        guard j > i, j < b.count, b[j] == 32 || b[j] == 9 else { return nil }
        return String(decoding: b[i..<j], as: UTF8.self)
    }

    private func isNameByte(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 || c >= 128
    }

    private func isDelimiter(_ c: UInt8) -> Bool {
        c == 32 || c == 9 || c == 10 || c == 13 || c == 60 || c == 91 || c == 34
    }

    private mutating func skipSpace() {
        while i < b.count {
            switch b[i] {
            case 10: line += 1; i += 1
            case 32, 9, 13: i += 1
            case 35: while i < b.count, b[i] != 10 { i += 1 }
            default: return
            }
        }
    }

    private mutating func expect(_ c: UInt8) throws {
        skipSpace()
        guard i < b.count, b[i] == c else {
            throw error("expected `\(Character(Unicode.Scalar(c)))`")
        }
        i += 1
    }

    private func error(_ message: String) -> ParseError {
        ParseError(.unsupported, "Turtle: \(message)", line: line, offset: i)
    }
}
