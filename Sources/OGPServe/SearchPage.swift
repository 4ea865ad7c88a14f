import OGPIndex

/// `/search`: the results as `ogp-search` ranks them, highlighted snippets, facets with counts
/// as links (a link adds or removes the filter), paging.
enum SearchPage {
    /// `publishers`: the names of the organisations a `publisher=` filter names by record id.
    static func render(_ p: SearchParameters, _ results: SearchResults, publishers: [String: String] = [:]) -> HTML {
        let heading: HTML = p.query.isEmpty ? "Recherche" : "Résultats pour « \(p.query) »"
        var body: HTML = "<h1>\(heading)</h1>\n"
        if let fix = results.didYouMean {
            var corrected = p
            corrected.query = fix
            corrected.page = 1
            body +=
                "<p class=\"notice\">Vouliez-vous dire <a href=\"\(Layout.root)/search?\(corrected.queryString())\">\(fix)</a> ?</p>\n"
        }
        if results.nothingSearchable {
            body +=
                "<p class=\"notice\">Ces mots sont trop courants pour être cherchés (articles, prépositions, ponctuation) : ajoutez un mot plus précis.</p>\n"
        }
        let active = activeFilters(p, publishers: publishers)
        if !active.isEmpty { body += "<p class=\"meta\">Filtres : \(active)</p>\n" }
        body +=
            "<div class=\"layout\">\n<aside class=\"facets\" aria-labelledby=\"facettes\"><h2 id=\"facettes\" class=\"visually-hidden\">Affiner</h2>\n"
        body += facets(p, results)
        body += "</aside>\n<section aria-labelledby=\"nb-resultats\">\n"
        let total = results.total
        let first = (p.page - 1) * p.pageSize + 1
        let count: HTML =
            total == 0
            ? "Aucun résultat"
            : "\(results.totalIsLowerBound ? "Au moins " : "")\(total) résultat\(total == 1 ? "" : "s") · \(first)–\(first + results.hits.count - 1)"
        body += "<p id=\"nb-resultats\" role=\"status\">\(count)</p>\n<ol class=\"results\" start=\"\(first)\">\n"
        for hit in results.hits { body += self.hit(hit) }
        body += "</ol>\n"
        body += pages(p, total: total)
        body += "</section>\n</div>\n"
        return Layout.page(title: p.query.isEmpty ? "Recherche" : "\(p.query) – recherche", query: p.query, body: body)
    }

    static func hit(_ h: SearchHit) -> HTML {
        let kind = h.stored["kind"] ?? ""
        let title = h.stored["title"] ?? h.id
        var meta: [HTML] = []
        if let d = Layout.day(h.date) { meta.append("<time datetime=\"\(d)\">\(d)</time>") }
        if let s = h.stored["source"] { meta.append("\(s)") }
        var out: HTML =
            "<li><h2><span class=\"kind\">\(Labels.kind(kind))</span>\(Layout.recordLink(id: h.id, title: title))</h2>\n"
        if let s = h.snippet { out += "<p>\(highlighted(s))</p>\n" }
        if !meta.isEmpty { out += "<p class=\"meta\">\(HTML.join(meta, separator: " · "))</p>\n" }
        return out + "</li>\n"
    }

    /// The snippet's text escaped, each highlight in `<mark>`.
    static func highlighted(_ s: Snippet) -> HTML {
        let bytes = Array(s.text.utf8)
        var out = HTML.empty
        var at = 0
        for r in s.highlights where r.lowerBound >= at && r.upperBound <= bytes.count && r.lowerBound <= r.upperBound {
            out +=
                "\(String(decoding: bytes[at..<r.lowerBound], as: UTF8.self))<mark>\(String(decoding: bytes[r], as: UTF8.self))</mark>"
            at = r.upperBound
        }
        return out + "\(String(decoding: bytes[at...], as: UTF8.self))"
    }

    static func activeFilters(_ p: SearchParameters, publishers: [String: String] = [:]) -> HTML {
        var items: [HTML] = []
        for (key, label) in SearchParameters.filterKinds + [(SearchParameters.publisherKey, "Organisation")] {
            for v in p.filters[key] ?? [] {
                let shown = key == "kind" ? Labels.kind(v) : key == SearchParameters.publisherKey ? publishers[v] ?? v : v
                items.append(
                    "<a href=\"\(Layout.root)/search?\(p.queryString(toggling: (key, v)))\" aria-label=\"Retirer le filtre \(label) : \(shown)\">\(label) : \(shown) ✕</a>"
                )
            }
        }
        return HTML.join(items, separator: " · ")
    }

    static func facets(_ p: SearchParameters, _ results: SearchResults) -> HTML {
        var out = HTML.empty
        for (key, label) in SearchParameters.filterKinds {
            guard let values = results.facets[key], !values.isEmpty else { continue }
            out += "<h2>\(label)</h2>\n<ul>\n"
            let selected = Set(p.filters[key] ?? [])
            for v in values.prefix(12) {
                let shown = key == "kind" ? Labels.kind(v.value) : v.value
                let current: HTML = selected.contains(v.value) ? " aria-current=\"true\"" : ""
                out +=
                    "<li><a href=\"\(Layout.root)/search?\(p.queryString(toggling: (key, v.value)))\"\(current)>\(shown)</a> <span class=\"meta\">(\(v.count))</span></li>\n"
            }
            out += "</ul>\n"
        }
        return out
    }

    static func pages(_ p: SearchParameters, total: Int) -> HTML {
        let last = min(SearchParameters.maxPage, max(1, (total + p.pageSize - 1) / p.pageSize))
        guard last > 1 else { return .empty }
        var items: [HTML] = []
        if p.page > 1 {
            items.append("<li><a href=\"\(Layout.root)/search?\(p.queryString(page: p.page - 1))\" rel=\"prev\">← Précédent</a></li>")
        }
        let window = max(1, p.page - 3)...min(last, p.page + 3)
        for n in window {
            items.append(
                n == p.page
                    ? "<li><span aria-current=\"page\">\(n)</span></li>"
                    : "<li><a href=\"\(Layout.root)/search?\(p.queryString(page: n))\">\(n)</a></li>")
        }
        if p.page < last {
            items.append("<li><a href=\"\(Layout.root)/search?\(p.queryString(page: p.page + 1))\" rel=\"next\">Suivant →</a></li>")
        }
        return "<nav class=\"pages\" aria-label=\"Pages de résultats\"><ul>\(HTML.join(items))</ul></nav>\n"
    }
}
