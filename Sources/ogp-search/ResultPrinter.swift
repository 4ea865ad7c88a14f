import Foundation
import OGPCommandLine
import OGPIndex

/// Prints results for people (text) or programs (JSON).
enum ResultPrinter {
    static func printText(_ r: SearchResults, bold: Bool) {
        let (on, off) = bold ? ("\u{1B}[1m", "\u{1B}[0m") : ("", "")
        var out = ""
        if let fix = r.didYouMean { out += "Did you mean: \(fix)\n" }
        out += "\(r.total) result\(r.total == 1 ? "" : "s")\n"
        if r.nothingSearchable {
            out += "The query has only very common words or punctuation, which are not indexed: nothing to search.\n"
        }
        for (i, h) in r.hits.enumerated() {
            let kind = h.stored["kind"].map { "[\($0)] " } ?? ""
            let title = h.stored["title"] ?? h.id
            let meta = describe(h).joined(separator: " · ")
            out += "\n\(i + 1). \(kind)\(on)\(title)\(off)" + (meta.isEmpty ? "" : "  (\(meta))") + "\n"
            if let s = h.snippet { out += "   " + s.rendered(open: on, close: off) + "\n" }
            if let url = h.stored["url"] { out += "   \(url)\n" }
            out += "   id: \(h.id)\n"
        }
        for kind in ["kind", "org", "tag", "plan", "year"] {
            guard let values = r.facets[kind], !values.isEmpty else { continue }
            out += "\n\(kind): " + values.prefix(10).map { "\($0.value) (\($0.count))" }.joined(separator: ", ") + "\n"
        }
        Console.out(out)
    }

    /// What a hit says of its record: a commitment's plan, number and status; a dataset's
    /// organisation, licence and last modification; every record's date and source.
    static func describe(_ h: SearchHit) -> [String] {
        let s = h.stored
        var parts: [String] = []
        if let plan = s["plan"] { parts.append("plan \(plan)") }
        if let n = s["number"] { parts.append("n° \(n)") }
        if let status = s["status"] { parts.append(status) }
        if let org = s["organization"] { parts.append(org) }
        if let l = s["license"] { parts.append(l) }
        if let m = s["modified"] { parts.append("modified \(m.prefix(10))") }
        if s["modified"] == nil, let d = h.date { parts.append(String(d.prefix(10))) }
        if let source = s["source"] { parts.append(source) }
        return parts
    }

    /// The results as ``SearchResultsJSON`` (the shape `/api/search` serves too), indented.
    static func printJSON(query: String, _ r: SearchResults) {
        Console.out(Data(SearchResultsJSON(query: query, results: r).encoded(pretty: true) + [0x0A]))
    }
}
