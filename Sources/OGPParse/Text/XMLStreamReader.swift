import CLibXML2
import Foundation

/// A forward-only XML reader over libxml2's `xmlTextReader` (the second and last file of ogp
/// that imports `CLibXML2`): a document is read node by node, so a 500 MB catalogue never sits
/// in memory as a tree. No network access, no entity expansion from outside (NONET, no DTD
/// loading), huge text nodes allowed (CDATA descriptions).
final class XMLStreamReader {
    /// What the reader stands on.
    enum Event: Equatable {
        /// A start tag: namespace URI, local name, whether it is empty (`<a/>`), the `xml:lang`
        /// and `xml:base` in scope are read with ``attribute(_:namespace:)``.
        case start(namespace: String, local: String, empty: Bool)
        case end(namespace: String, local: String)
        case text(String)
    }

    /// One attribute of the current element.
    struct Attribute {
        var namespace: String
        var local: String
        var value: String
    }

    private let reader: xmlTextReaderPtr
    /// The URL a file was fetched from: relative IRIs resolve against it, not the file's path.
    private var documentURL: String?
    private var filePath: String?
    /// Kept alive while libxml2 reads from it (in-memory input).
    private let buffer: UnsafeMutableBufferPointer<CChar>?
    /// Strings libxml2 hands out as "deallocated with the reader" (names, namespaces, `xml:lang`,
    /// base URIs: kept in its dictionary, so one address is one text for the reader's life), made
    /// once: a catalogue repeats the same few dozen names millions of times.
    private var interned: [UnsafeRawPointer: String] = [:]
    /// Namespace + local name of elements, by the pair of interned addresses.
    private var expandedNames: [Pair: String] = [:]
    private var bases: [UnsafeRawPointer: String?] = [:]

    private struct Pair: Hashable {
        let namespace: UnsafeRawPointer?
        let local: UnsafeRawPointer?
    }

    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_HUGE.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Reads `bytes` (copied once into a buffer libxml2 reads from).
    init(bytes: Data, url: String) throws(ParseError) {
        _ = XMLStreamReader.initialized
        xmlSetStructuredErrorFunc(nil, { _, _ in })
        let buf = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(1, bytes.count))
        _ = bytes.withUnsafeBytes { raw in raw.copyBytes(to: UnsafeMutableRawBufferPointer(buf)) }
        guard let r = xmlReaderForMemory(buf.baseAddress, Int32(clamping: bytes.count), url, nil, Self.options) else {
            buf.deallocate()
            throw ParseError(.invalidHTML, "libxml2 could not open the XML input")
        }
        reader = r
        buffer = buf
    }

    /// Reads the file at `path` in chunks (never whole).
    init(path: String, url: String) throws(ParseError) {
        _ = XMLStreamReader.initialized
        xmlSetStructuredErrorFunc(nil, { _, _ in })
        guard let r = xmlReaderForFile(path, nil, Self.options) else {
            throw ParseError(.invalidHTML, "libxml2 could not open \(path)")
        }
        reader = r
        buffer = nil
        documentURL = url
        filePath = path
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer?.deallocate()
    }

    /// The next event, nil at the end. Throws on malformed XML with the line where it stopped.
    func next() throws(ParseError) -> Event? {
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return nil }
            if status < 0 {
                let line = Int(xmlTextReaderGetParserLineNumber(reader))
                throw ParseError(.invalidHTML, "malformed XML", line: line > 0 ? line : nil)
            }
            switch xmlTextReaderNodeType(reader) {
            case 1:  // element
                return .start(namespace: namespace, local: localName, empty: xmlTextReaderIsEmptyElement(reader) == 1)
            case 15:  // end element
                return .end(namespace: namespace, local: localName)
            case 3, 4, 13, 14:  // text, CDATA, whitespace, significant whitespace
                return .text(value ?? "")
            default:
                continue
            }
        }
    }

    /// The current line (1-based), for failure reports.
    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// The byte offset of the current node in the input, when known.
    var offset: Int? {
        let o = xmlTextReaderByteConsumed(reader)
        return o >= 0 ? Int(o) : nil
    }

    /// The attributes of the current element (namespace declarations left out).
    func attributes() -> [Attribute] {
        var out: [Attribute] = []
        guard xmlTextReaderHasAttributes(reader) == 1, xmlTextReaderMoveToFirstAttribute(reader) == 1 else {
            return out
        }
        repeat {
            let ns = namespace
            if ns != "http://www.w3.org/2000/xmlns/" {
                let local = localName
                if !(ns.isEmpty && (local == "xmlns" || local.hasPrefix("xmlns:"))) {
                    out.append(Attribute(namespace: ns, local: local, value: value ?? ""))
                }
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        xmlTextReaderMoveToElement(reader)
        return out
    }

    /// The `xml:lang` in scope at the current node.
    var language: String? {
        guard let p = xmlTextReaderConstXmlLang(reader) else { return nil }
        let s = intern(p)
        return s.isEmpty ? nil : s
    }

    /// The base URI in scope (`xml:base` or the document URL).
    var baseURI: String? {
        let pointer = xmlTextReaderConstBaseUri(reader)
        let key = pointer.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)
        if let key, let known = bases[key] { return known }
        let base = pointer.map { String(cString: $0) }
        var result = base
        if let filePath, let documentURL, base == nil || base == filePath || base == "file://" + filePath {
            result = documentURL
        }
        if let key { bases[key] = result }
        return result
    }

    /// The namespace IRI + local name of the current element (`http://www.w3.org/ns/dcat#Dataset`).
    var expandedName: String {
        let ns = xmlTextReaderConstNamespaceUri(reader)
        let local = xmlTextReaderConstLocalName(reader)
        let key = Pair(namespace: ns.map { UnsafeRawPointer($0) }, local: local.map { UnsafeRawPointer($0) })
        if let known = expandedNames[key] { return known }
        let name = namespace + localName
        expandedNames[key] = name
        return name
    }

    private func intern(_ p: UnsafePointer<xmlChar>) -> String {
        let key = UnsafeRawPointer(p)
        if let known = interned[key] { return known }
        let s = String(cString: p)
        interned[key] = s
        return s
    }

    private var namespace: String {
        xmlTextReaderConstNamespaceUri(reader).map { intern($0) } ?? ""
    }

    private var localName: String {
        xmlTextReaderConstLocalName(reader).map { intern($0) } ?? ""
    }

    private var value: String? {
        xmlTextReaderConstValue(reader).map { String(cString: $0) }
    }
}
