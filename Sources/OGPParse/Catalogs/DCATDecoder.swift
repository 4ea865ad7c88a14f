import Foundation
import OGPModel

/// Decodes DCAT catalogues into dataset and organisation records: RDF/XML (streamed with
/// libxml2's reader), Turtle / N-Triples, JSON-LD (expanded or compacted, no remote context
/// fetched) and DCAT-US `data.json`; hydra paging (`hydra:next`/`hydra:nextPage`, current and
/// old namespace) and `hydra:totalItems`. Pure: takes bytes or a file, never fetches.
///
/// Results are handed to `emit` one dataset at a time, so a caller can store them while a
/// large catalogue is still being read. A document that breaks midway gives the datasets read
/// before the break and a page failure naming the line.
public enum DCATDecoder {
    static let parser = "dcat"

    /// Serialisations ogp reads.
    public enum Format: String, Sendable, CaseIterable {
        case rdfXML = "rdf-xml", turtle, jsonLD = "json-ld", dcatUS = "dcat-us"
    }

    /// Above this size an RDF/XML document is assembled eagerly (datasets built and dropped as
    /// soon as complete) rather than at its end.
    public static let streamingThreshold = 8 << 20

    /// The format from the Content-Type, the URL's extension, then the first bytes.
    public static func detect(contentType: String?, url: String, head: Data) -> Format {
        let type = (contentType ?? "").lowercased()
        if type.contains("turtle") || type.contains("n-triples") || type.contains("text/n3") { return .turtle }
        if type.contains("rdf+xml") || type.contains("/xml") { return .rdfXML }
        let path = url.split(separator: "?").first.map { $0.lowercased() } ?? ""
        if path.hasSuffix(".ttl") || path.hasSuffix(".nt") { return .turtle }
        if path.hasSuffix(".rdf") || path.hasSuffix(".xml") { return .rdfXML }
        let text = String(decoding: head.prefix(4096), as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            return text.contains("project-open-data") || (text.contains("\"dataset\"") && !text.contains("\"@"))
                ? .dcatUS : .jsonLD
        }
        if trimmed.hasPrefix("<?xml") || trimmed.hasPrefix("<rdf") || trimmed.hasPrefix("<!--") { return .rdfXML }
        if trimmed.hasPrefix("<"), let second = trimmed.dropFirst().first, second.isLetter, !trimmed.hasPrefix("<http")
        {
            return .rdfXML
        }
        return .turtle
    }

    /// Decodes a whole document in memory and collects its items.
    public static func decodePage(_ data: Data, contentType: String? = nil, context: ParseContext) -> CatalogPage {
        var items: [ItemResult] = []
        var page = (try? decode(data, contentType: contentType, context: context) { items.append($0) }) ?? CatalogPage()
        page.items = items
        return page
    }

    /// Decodes `data`, handing each dataset's result to `emit`. The returned page has no items
    /// (they went to `emit`), only the paging information and a failure if the document broke.
    /// Throws only what `emit` throws (a store error of the caller): decoding problems are values.
    public static func decode(
        _ data: Data, contentType: String? = nil, context: ParseContext, emit: (ItemResult) throws -> Void
    ) throws -> CatalogPage {
        let format = detect(contentType: contentType, url: context.url, head: data.prefix(4096))
        switch format {
        case .dcatUS:
            return try DCATUSDecoder.decode(data, context: context, emit: emit)
        case .rdfXML:
            let reader: XMLStreamReader
            do {
                reader = try XMLStreamReader(bytes: data, url: context.url)
            } catch {
                return CatalogPage(failure: error.failure(item: context.url, url: context.url))
            }
            return try decodeXML(reader, eager: data.count > streamingThreshold, context: context, emit: emit)
        case .turtle, .jsonLD:
            var assembler = DCATAssembler(eager: false)
            var failure: ItemFailure?
            do {
                if format == .turtle {
                    var parser = TurtleParser(data, base: context.url)
                    try parser.parse { assembler.add($0) }
                } else {
                    var reader = JSONLDReader()
                    try reader.read(data, base: context.url) { assembler.add($0) }
                }
            } catch let error as ParseError {
                failure = error.failure(item: context.url, url: context.url)
            } catch {
                failure = ItemFailure(item: context.url, url: context.url, code: "invalid-rdf", reason: "\(error)")
            }
            try assembler.finish(context: context, emit: emit)
            return CatalogPage(total: assembler.totalItems(), nextPage: assembler.nextPage(), failure: failure)
        }
    }

    /// Decodes an RDF/XML file without reading it whole; above ``streamingThreshold`` bytes its
    /// datasets are also built and dropped as soon as complete (eager), so memory stays bounded.
    public static func decodeFile(
        path: String, context: ParseContext, eager: Bool? = nil, emit: (ItemResult) throws -> Void
    ) throws -> CatalogPage {
        let reader: XMLStreamReader
        do {
            reader = try XMLStreamReader(path: path, url: context.url)
        } catch {
            return CatalogPage(failure: error.failure(item: context.url, url: context.url))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return try decodeXML(reader, eager: eager ?? (size > streamingThreshold), context: context, emit: emit)
    }

    private static func decodeXML(
        _ reader: XMLStreamReader, eager: Bool, context: ParseContext, emit: (ItemResult) throws -> Void
    ) throws -> CatalogPage {
        var assembler = DCATAssembler(eager: eager)
        var parser = RDFXMLParser()
        var failure: ItemFailure?
        // Errors from `emit` are the caller's and pass through; parse errors become the page's failure.
        var emitError: (any Error)?
        do {
            try parser.parse(reader) { event in
                switch event {
                case .triple(let t): assembler.add(t)
                case .nodeStart(let s): assembler.nodeStart(s)
                case .nodeEnd(let s, _):
                    do { try assembler.nodeEnd(s, context: context, emit: emit) } catch {
                        emitError = error; throw error
                    }
                }
            }
        } catch let error as ParseError where emitError == nil {
            failure = error.failure(item: context.url, url: context.url)
            failure?.offset = reader.offset
        } catch {
            if emitError == nil {
                failure = ItemFailure(item: context.url, url: context.url, code: "invalid-rdf", reason: "\(error)")
            }
        }
        if let emitError { throw emitError }
        try assembler.finish(context: context, emit: emit)
        return CatalogPage(total: assembler.totalItems(), nextPage: assembler.nextPage(), failure: failure)
    }
}
