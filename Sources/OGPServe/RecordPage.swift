import OGPModel

/// `/records/{id}`: one record as `ogp show` shows it — a commitment with its plan, ambitions,
/// status history and the records around it; a dataset with its distributions and the
/// commitments it serves; a plan with its commitments. Every link is clickable.
enum RecordPage {
    static func render(_ d: RecordDetails, published: PublishedDatasets? = nil) -> HTML {
        let r = d.record
        var body: HTML = "<p class=\"meta\"><span class=\"kind\">\(Labels.kind(r.kind.rawValue))</span>"
        if let plan = d.plan { body += " de \(Layout.recordLink(id: plan.id, title: plan.title))" }
        body += "</p>\n<h1>\(r.title)</h1>\n"
        if r.archived != nil {
            body += "<p class=\"notice\">Archivé : cet enregistrement n’est plus publié à la source.</p>\n"
        }
        if r.draft {
            body += "<p class=\"notice\">Brouillon : non publié à la source, absent des résultats de recherche.</p>\n"
        }
        if r.partial { body += "<p class=\"notice\">Contenu partiel : la source était incomplète.</p>\n" }
        body += fields(r)
        if let s = r.summary, !s.isEmpty { body += "<p><strong>\(s)</strong></p>\n" }
        if let c = r.commitment, !c.milestones.isEmpty {
            body += "<h2>Ambitions</h2>\n<ol>\(HTML.join(c.milestones.map { "<li>\($0)</li>" }))</ol>\n"
        }
        if let b = r.body, !b.isEmpty { body += "<h2>Description</h2>\n<div class=\"body\">\(b)</div>\n" }
        if let p = r.actionPlan, !p.axes.isEmpty {
            body += "<h2>Axes</h2>\n<ol>\(HTML.join(p.axes.map { "<li>\($0)</li>" }))</ol>\n"
        }
        if !d.commitments.isEmpty {
            body += "<h2>Engagements (\(d.commitments.count))</h2>\n" + commitmentTable(d.commitments)
        }
        if let ds = r.dataset, !ds.distributions.isEmpty { body += distributions(ds.distributions) }
        if !d.links.isEmpty { body += "<h2>Liens</h2>\n" + refList(d.links) }
        if !d.linkedFrom.isEmpty {
            let heading: HTML =
                r.kind == .dataset ? "Engagements et publications qui utilisent ce jeu de données" : "Cité par"
            body += "<h2>\(heading)</h2>\n" + refList(d.linkedFrom)
        }
        if let published {
            let n = published.count
            body +=
                "<h2>Jeux de données</h2>\n<p><a href=\"\(Layout.root)/search?\(published.query)\">\(n) jeu\(n > 1 ? "x" : "") de données publié\(n > 1 ? "s" : "") par cette organisation</a></p>\n"
        }
        if d.history.count > 1 || r.commitment != nil { body += history(d.history, commitment: r.commitment != nil) }
        body += provenance(r)
        return Layout.page(title: r.title, body: body)
    }

    static func fields(_ r: Record) -> HTML {
        var rows: [(String, HTML)] = []
        if let c = r.commitment {
            let label: HTML = c.statusLabel.map { l -> HTML in " <span class=\"meta\">(\(l))</span>" } ?? .empty
            rows.append(("Statut", Layout.status(c.status.rawValue) + label))
            if let n = c.number { rows.append(("Numéro", "\(n)")) }
            if let a = c.axis { rows.append(("Axe", "\(a)")) }
            if !c.leadInstitutions.isEmpty { rows.append(("Pilotes", "\(c.leadInstitutions.joined(separator: ", "))")) }
            if !c.supportingInstitutions.isEmpty {
                rows.append(("Contributeurs", "\(c.supportingInstitutions.joined(separator: ", "))"))
            }
        }
        if let p = r.actionPlan {
            if let s = p.startYear { rows.append(("Période", "\(s)–\(p.endYear.map(String.init) ?? "")")) }
            rows.append(("Institution", p.institution == "parliament" ? "Parlement" : "Gouvernement"))
            if let n = p.announcedCommitments { rows.append(("Engagements annoncés", "\(n)")) }
        }
        if let ds = r.dataset {
            if let org = r.extras["organization"] ?? ds.owner {
                rows.append(
                    ("Producteur", ds.organization.map { Layout.recordLink(id: $0.rawValue, title: org) } ?? "\(org)"))
            }
            if let l = ds.licenseLabel ?? ds.license { rows.append(("Licence", "\(l)")) }
            if let f = ds.frequency { rows.append(("Fréquence", "\(f)")) }
            if let p = ds.popularity {
                let counts = switch p {
                case .low: "1 à 9"
                case .medium: "10 à 99"
                case .high: "100 ou plus"
                }
                rows.append(("Suivi", "\(counts) abonnements et réutilisations sur son portail"))
            }
            if !ds.spatial.isEmpty { rows.append(("Couverture", "\(ds.spatial.joined(separator: ", "))")) }
        }
        if let d = Layout.day(r.dates.published) { rows.append(("Publié le", "<time datetime=\"\(d)\">\(d)</time>")) }
        if let d = Layout.day(r.dates.modified) { rows.append(("Modifié le", "<time datetime=\"\(d)\">\(d)</time>")) }
        if !r.tags.isEmpty {
            rows.append(
                (
                    "Mots-clés",
                    HTML.join(
                        r.tags.prefix(30).map { tag in
                            "<a href=\"\(Layout.root)/search?\(QueryString.encode([("tag", TextFolding.fold(tag))]))\">\(tag)</a>"
                        }, separator: ", ")
                ))
        }
        if let url = r.url { rows.append(("À la source", Layout.externalLink(url))) }
        guard !rows.isEmpty else { return .empty }
        return "<dl class=\"fields\">\(HTML.join(rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }))</dl>\n"
    }

    static func commitmentTable(_ refs: [RecordRef]) -> HTML {
        let rows = refs.map { c -> HTML in
            "<tr><td>\(c.number.map(String.init) ?? "")</td><td>\(Layout.recordLink(id: c.id, title: c.title))</td><td>\(Layout.status(c.status ?? "unknown"))</td></tr>"
        }
        return
            "<table><thead><tr><th scope=\"col\">N°</th><th scope=\"col\">Engagement</th><th scope=\"col\">Statut</th></tr></thead><tbody>\(HTML.join(rows))</tbody></table>\n"
    }

    static func refList(_ refs: [RecordRef]) -> HTML {
        let items = refs.map { ref -> HTML in
            let kind: HTML = ref.kind.map { "<span class=\"kind\">\(Labels.kind($0))</span>" } ?? .empty
            let rel: HTML = "<span class=\"meta\">\(Labels.relation(ref.relation))</span> "
            let status: HTML = ref.status.map { " " + Layout.status($0) } ?? .empty
            let link: HTML =
                ref.title == nil
                ? "\(ref.id) <span class=\"meta\">(absent du catalogue)</span>"
                : Layout.recordLink(id: ref.id, title: ref.title)
            return "<li>\(rel)\(kind)\(link)\(status)</li>"
        }
        return "<ul class=\"links\">\(HTML.join(items))</ul>\n"
    }

    static func distributions(_ ds: [Distribution]) -> HTML {
        let rows = ds.prefix(500).map { x -> HTML in
            "<tr><td>\(Layout.externalLink(x.url, text: x.title ?? x.url))</td><td>\(x.format ?? "")</td><td>\(x.type ?? "")</td><td>\(Layout.day(x.modified) ?? "")</td></tr>"
        }
        return
            "<h2>Ressources (\(ds.count))</h2>\n<table><thead><tr><th scope=\"col\">Fichier</th><th scope=\"col\">Format</th><th scope=\"col\">Type</th><th scope=\"col\">Modifié</th></tr></thead><tbody>\(HTML.join(rows))</tbody></table>\n"
    }

    static func history(_ versions: [VersionRef], commitment: Bool) -> HTML {
        let rows = versions.reversed().map { v -> HTML in
            let status: HTML = commitment ? "<td>\(Layout.status(v.status ?? "unknown"))</td>" : .empty
            return
                "<tr><td>\(v.version)</td><td>\(Layout.day(v.validFrom) ?? "")</td><td>\(Layout.day(v.validTo) ?? "actuelle")</td>\(status)</tr>"
        }
        let statusHead: HTML = commitment ? "<th scope=\"col\">Statut</th>" : .empty
        return
            "<h2>Historique</h2>\n<table><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Depuis</th><th scope=\"col\">Jusqu’au</th>\(statusHead)</tr></thead><tbody>\(HTML.join(rows))</tbody></table>\n"
    }

    static func provenance(_ r: Record) -> HTML {
        guard !r.provenance.isEmpty else { return .empty }
        let items = r.provenance.map { p -> HTML in
            let fetched: HTML =
                Layout.day(p.fetchedAt).map { d -> HTML in " <span class=\"meta\">moissonné le \(d)</span>" } ?? .empty
            return "<li>\(p.source) (\(p.sourceKind)) : \(Layout.externalLink(p.url))\(fetched)</li>"
        }
        return
            "<h2>Provenance</h2>\n<ul>\(HTML.join(items))</ul>\n<p class=\"meta\">Identifiant : <code>\(r.id.rawValue)</code> · <a href=\"\(Layout.root)/api/records/\(PathSegment.encode(r.id.rawValue))\">JSON</a></p>\n"
    }
}

/// An organisation's datasets in the index: their number and the query string of the search
/// that lists them.
struct PublishedDatasets {
    var count: Int
    var query: String
}
