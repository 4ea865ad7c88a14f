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

    struct JSONSnippet: Encodable {
        var field: String
        var text: String
        var highlights: [[Int]]
    }

    struct JSONHit: Encodable {
        var rank: Int
        var id: String
        var score: Double
        var kind: String?
        var title: String?
        var date: String?
        var source: String?
        var url: String?
        var plan: String?
        var number: String?
        var status: String?
        var ogpID: String?
        var organization: String?
        var license: String?
        var modified: String?
        var snippet: JSONSnippet?

        enum CodingKeys: String, CodingKey {
            case rank, id, score, kind, title, date, source, url, plan, number, status, ogpID, organization, license,
                modified, snippet
        }

        // Every key is always present (null when absent): a stable shape.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rank, forKey: .rank)
            try c.encode(id, forKey: .id)
            try c.encode(score, forKey: .score)
            try c.encode(kind, forKey: .kind)
            try c.encode(title, forKey: .title)
            try c.encode(date, forKey: .date)
            try c.encode(source, forKey: .source)
            try c.encode(url, forKey: .url)
            try c.encode(plan, forKey: .plan)
            try c.encode(number, forKey: .number)
            try c.encode(status, forKey: .status)
            try c.encode(ogpID, forKey: .ogpID)
            try c.encode(organization, forKey: .organization)
            try c.encode(license, forKey: .license)
            try c.encode(modified, forKey: .modified)
            try c.encode(snippet, forKey: .snippet)
        }
    }

    struct JSONResults: Encodable {
        var query: String
        var total: Int
        var didYouMean: String?
        var hits: [JSONHit]
        var facets: [String: [FacetValue]]

        enum CodingKeys: String, CodingKey { case query, total, didYouMean, hits, facets }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(query, forKey: .query)
            try c.encode(total, forKey: .total)
            try c.encode(didYouMean, forKey: .didYouMean)
            try c.encode(hits, forKey: .hits)
            try c.encode(facets, forKey: .facets)
        }
    }

    static func printJSON(query: String, _ r: SearchResults) throws {
        let hits = r.hits.enumerated().map { i, h in
            JSONHit(
                rank: i + 1, id: h.id, score: (h.score * 1000).rounded() / 1000, kind: h.stored["kind"],
                title: h.stored["title"], date: h.date, source: h.stored["source"], url: h.stored["url"],
                plan: h.stored["plan"], number: h.stored["number"], status: h.stored["status"],
                ogpID: h.stored["ogpID"],
                organization: h.stored["organization"], license: h.stored["license"], modified: h.stored["modified"],
                snippet: h.snippet.map { s in
                    JSONSnippet(
                        field: s.field, text: s.text, highlights: s.highlights.map { [$0.lowerBound, $0.upperBound] })
                })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(
            JSONResults(query: query, total: r.total, didYouMean: r.didYouMean, hits: hits, facets: r.facets))
        Console.out(data + Data("\n".utf8))
    }
}
