import CLibXML2
import Foundation

/// A parsed HTML document (libxml2's HTML parser, tolerant of broken markup). With
/// ``XMLStreamReader`` (libxml2's streaming reader, for large XML), the only files of ogp that
/// import `CLibXML2`: no libxml2 type leaves them except inside the opaque ``Node``.
///
/// Parsing uses `htmlReadMemory` with RECOVER | NOERROR | NOWARNING | NONET (no network access,
/// no output). Tree walks are iterative (parent and sibling pointers), so a deeply nested page
/// cannot overflow the stack; every walk is bounded by ``maxNodes``.
final class HTMLDocument {
    /// A node of the document. Valid while its document lives.
    struct Node {
        fileprivate let ptr: xmlNodePtr
    }

    /// Most nodes visited by one walk.
    static let maxNodes = 5_000_000

    private let doc: htmlDocPtr

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses `bytes` (UTF-8 unless the page declares otherwise). Throws when libxml2 gives no document.
    init(bytes: [UInt8], url: String) throws(ParseError) {
        _ = HTMLDocument.initialized
        xmlSetStructuredErrorFunc(nil, { _, _ in })
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let parsed: htmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    htmlReadMemory($0, Int32(buf.count), url, "UTF-8", options)
                }
            }
        }
        guard let parsed else { throw ParseError(.invalidHTML, "libxml2 could not read the page as HTML") }
        doc = parsed
    }

    deinit {
        xmlFreeDoc(doc)
    }

    /// The root element.
    var root: Node? {
        xmlDocGetRootElement(doc).map(Node.init)
    }

    /// The nodes selected by `xpath`, evaluated at `context` (the document when nil).
    func select(_ xpath: String, at context: Node? = nil) throws(ParseError) -> [Node] {
        guard let ctx = xmlXPathNewContext(doc) else { throw ParseError(.invalidHTML, "no XPath context") }
        defer { xmlXPathFreeContext(ctx) }
        if let context { ctx.pointee.node = context.ptr }
        guard let obj = xmlXPathEvalExpression(xpath, ctx) else {
            throw ParseError(.unsupported, "invalid XPath expression `\(xpath)`")
        }
        defer { xmlXPathFreeObject(obj) }
        guard obj.pointee.type == XPATH_NODESET, let set = obj.pointee.nodesetval, let tab = set.pointee.nodeTab else {
            return []
        }
        return (0..<Int(set.pointee.nodeNr)).compactMap { tab[$0].map(Node.init) }
    }

    /// The lowercased element name.
    func name(_ node: Node) -> String {
        node.ptr.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
    }

    /// The value of attribute `attribute` of an element.
    func attribute(_ attribute: String, of node: Node) -> String? {
        var attr = node.ptr.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, String(cString: n).lowercased() == attribute {
                var value = ""
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { value += String(cString: content) }
                    child = c.pointee.next
                }
                return value
            }
            attr = a.pointee.next
        }
        return nil
    }

    /// The text of `node` (an element, a text or an attribute node), laid out in paragraphs and
    /// list items by the text core's tag table (``HTMLTags``), with its links (``LinkList``,
    /// relative ones resolved against `base`). Elements for which `skip` is true, and scripts,
    /// styles and `<noscript>`, are left out with their content.
    func text(of node: Node, base: String? = nil, skip: (Node) -> Bool = { _ in false }) -> ExtractedText {
        let type = node.ptr.pointee.type
        if type == XML_ATTRIBUTE_NODE || type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
            return ExtractedText(text: TextNormalizer.normalize(rawText(node)), references: [])
        }
        var out = ""
        var refs = LinkList(base: base)
        var current: xmlNodePtr? = node.ptr
        var visited = 0
        while let n = current, visited < HTMLDocument.maxNodes {
            visited += 1
            var descend = false
            switch n.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let c = n.pointee.content { out += String(cString: c).replacingOccurrences(of: "\n", with: " ") }
            case XML_ELEMENT_NODE:
                let element = Node(ptr: n)
                let role = HTMLTags.roles[name(element)]
                if n != node.ptr, skip(element) || role == .hidden { break }
                switch role {
                case .anchor?: if let h = attribute("href", of: element) { refs.add(h) }
                case .embedded?: if let s = attribute("src", of: element) { refs.add(s) }
                case .image?: if let alt = attribute("alt", of: element), !alt.isEmpty { out += " \(alt) " }
                default: out += String(decoding: HTMLTags.layout(role, closing: false), as: UTF8.self)
                }
                descend = n.pointee.children != nil
            default:
                break
            }
            if descend {
                current = n.pointee.children
                continue
            }
            // Next sibling, or climb until an ancestor has one (never above `node`).
            var m: xmlNodePtr? = n
            current = nil
            while let up = m, up != node.ptr {
                if let next = up.pointee.next { current = next; break }
                m = up.pointee.parent
                if let p = m, p.pointee.type == XML_ELEMENT_NODE {
                    out += String(
                        decoding: HTMLTags.layout(HTMLTags.roles[name(Node(ptr: p))], closing: true), as: UTF8.self)
                }
            }
        }
        return ExtractedText(text: TextNormalizer.normalize(out), references: refs.items)
    }

    /// The depth of the element tree (iterative, bounded by ``maxNodes``).
    func depth() -> Int {
        guard let root = xmlDocGetRootElement(doc) else { return 0 }
        var deepest = 0
        var depth = 1
        var current: xmlNodePtr? = root
        var visited = 0
        while let n = current, visited < HTMLDocument.maxNodes {
            visited += 1
            deepest = max(deepest, depth)
            if let child = n.pointee.children {
                current = child
                depth += 1
                continue
            }
            var m: xmlNodePtr? = n
            current = nil
            while let up = m, up != root {
                if let next = up.pointee.next { current = next; break }
                m = up.pointee.parent
                depth -= 1
            }
        }
        return deepest
    }

    /// The concatenated content of a text or attribute node.
    private func rawText(_ node: Node) -> String {
        if let c = node.ptr.pointee.content { return String(cString: c) }
        var value = ""
        var child = node.ptr.pointee.children
        while let c = child {
            if let content = c.pointee.content { value += String(cString: content) }
            child = c.pointee.next
        }
        return value
    }
}
