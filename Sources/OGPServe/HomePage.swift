import OGPModel

/// `/`: a search box, the plans at a glance (commitments by status), the latest changes; and the
/// error page.
enum HomePage {
    static func render(plans: [PlanSummary], recent: [Record], counts: [RecordKind: Int]) -> HTML {
        var body: HTML = """
            <h1>Le gouvernement ouvert en France</h1>
            <p>Plans d’action du Partenariat pour un gouvernement ouvert, leurs engagements, les publications qui en rendent compte et les jeux de données ouverts.</p>
            <form class="search" role="search" action="\(Layout.root)/search" method="get">
            <label for="q-home" class="visually-hidden">Rechercher</label>
            <input id="q-home" name="q" type="search" maxlength="\(SearchParameters.maxQueryLength)" placeholder="ex. : données environnementales">
            <button type="submit">Rechercher</button>
            </form>

            """
        let shown = RecordKind.allCases.compactMap { k -> HTML? in
            guard let n = counts[k], n > 0 else { return nil }
            return "<a href=\"\(Layout.root)/search?kind=\(k.rawValue)\">\(Labels.kind(k.rawValue)) : \(n)</a>"
        }
        body +=
            "<p class=\"meta\">\(shown.isEmpty ? "Le catalogue est vide : lancez une moisson (ogp harvest)." : HTML.join(shown, separator: " · "))</p>\n"
        if !plans.isEmpty {
            body += "<h2>Les plans d’action</h2>\n<ul class=\"plans\">\n"
            for p in plans {
                let statuses = Labels.statusOrder.compactMap { s -> HTML? in
                    guard let n = p.statuses[s], n > 0 else { return nil }
                    return "<li>\(Layout.status(s)) \(n)</li>"
                }
                let years: HTML =
                    p.startYear.map { y -> HTML in "<p class=\"meta\">\(y)–\(p.endYear.map(String.init) ?? "")</p>" }
                    ?? .empty
                body += """
                    <li><h3><a href="\(Layout.root)/plans/\(PathSegment.encode(p.id))">\(p.title)</a></h3>\(years)
                    <p>\(p.commitments) engagement\(p.commitments == 1 ? "" : "s") dans le catalogue</p>
                    <ul class="statuses">\(HTML.join(statuses))</ul></li>

                    """
            }
            body += "</ul>\n"
        }
        if !recent.isEmpty {
            body += "<h2>Dernières modifications</h2>\n<ul>\n"
            for r in recent {
                let day: HTML =
                    Layout.day(r.dates.lastChanged).map { d -> HTML in " <span class=\"meta\">\(d)</span>" } ?? .empty
                body +=
                    "<li><span class=\"kind\">\(Labels.kind(r.kind.rawValue))</span>\(Layout.recordLink(id: r.id.rawValue, title: r.title))\(day)</li>\n"
            }
            body += "</ul>\n"
        }
        return Layout.page(title: "Accueil", body: body)
    }

    static func error(_ e: ServeError) -> HTML {
        Layout.page(
            title: e.title,
            body: """
                <h1>\(e.title)</h1>
                <p>\(e.detail)</p>
                <p><a href="\(Layout.root)/">Retour à l’accueil</a></p>
                """)
    }
}
