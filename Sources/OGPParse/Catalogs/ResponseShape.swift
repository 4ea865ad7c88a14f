import Foundation

/// What a response looks like, from its first and last bytes: the kind of source that answers
/// that way. A source configured with the wrong `kind` (a data.gouv.fr API URL under `kind: ckan`)
/// fails with the decoder's words — "no `result.results` list" — which say what is missing, not
/// what is there; the harvest adds "this looks like a udata API page (kind: udata)".
public enum ResponseShape: String, Sendable, CaseIterable {
    case udata
    case ckan
    case opendatasoft
    case wordpress
    case dcat
    case html

    /// The source kind that reads such responses (`kind:` in the configuration), nil for HTML.
    public var kindName: String? { self == .html ? nil : rawValue }

    /// A phrase for messages.
    public var description: String {
        switch self {
        case .udata: "a udata API page, as data.gouv.fr answers"
        case .ckan: "a CKAN API response"
        case .opendatasoft: "an OpenDataSoft catalogue response"
        case .wordpress: "a WordPress REST API list"
        case .dcat: "a DCAT catalogue"
        case .html: "an HTML page"
        }
    }

    /// Bytes read at each end of a response: enough for the markers, whatever the size.
    static let window = 8_192

    /// The shape of `body`, when its markers say one; nil when nothing is recognised.
    public static func sniff(_ body: Data) -> ResponseShape? {
        let head = String(decoding: body.prefix(window), as: UTF8.self)
        let tail = body.count > window ? String(decoding: body.suffix(2_048), as: UTF8.self) : ""
        let start = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard let first = start.first else { return nil }
        let text = head + tail
        func has(_ s: String) -> Bool { text.contains(s) }
        switch first {
        case "<":
            let lower = start.prefix(1_024).lowercased()
            if has("<rdf:RDF") || has("http://www.w3.org/ns/dcat#") { return .dcat }
            if lower.contains("<html") || lower.contains("<!doctype html") { return .html }
            return nil
        case "@":
            return start.hasPrefix("@prefix") || start.hasPrefix("@base") ? .dcat : nil
        case "{", "[":
            if has("\"@context\"") && (has("dcat") || has("Dataset")) { return .dcat }
            if has("\"@id\"") && has("http://www.w3.org/ns/dcat#") { return .dcat }  // expanded JSON-LD
            if has("\"help\"") && has("\"success\"") { return .ckan }
            if has("\"total_count\"") || has("\"nhits\"") || has("\"datasetid\"") { return .opendatasoft }
            if has("\"next_page\"") && has("\"page_size\"") { return .udata }
            if has("/api/1/datasets/") && has("\"resources\"") { return .udata }
            if has("\"conformsTo\"") && has("\"dataset\"") { return .dcat }  // DCAT-US data.json
            if first == "[" && has("\"rendered\"") { return .wordpress }
            return nil
        default:
            return nil
        }
    }

    /// " — this looks like …" for a failure message, when `body` looks like another kind of
    /// source than `kind`; empty otherwise.
    public static func hint(_ body: Data, configuredKind kind: String) -> String {
        guard let shape = sniff(body), shape.kindName != kind else { return "" }
        guard let name = shape.kindName else { return " (this looks like \(shape.description))" }
        return " (this looks like \(shape.description): is the source's kind `\(name)`?)"
    }
}
