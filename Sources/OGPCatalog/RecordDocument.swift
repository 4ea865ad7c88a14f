import OGPIndex
import OGPModel

/// Maps a catalogue record to the document the search index sees: text fields (title, summary
/// with milestones and axes, body), keywords for filters and facets (kind, org, tag, plan, source,
/// year; a dataset's publisher id, for filters only), a date, hidden for drafts and archived records, and what results display.
public enum RecordDocument {
    /// Ranking priors by record kind (``RecordKind/searchPriors``), applied by `ogp-search`.
    public static var kindPriors: [String: Double] { RecordKind.searchPriors }
    /// Every ranking prior `ogp-search` and `ogp-serve` apply, by keyword (``SearchPriors``): the
    /// kind, and a dataset's popularity.
    public static var searchPriors: [String: [String: Double]] { SearchPriors.keywordBoosts }

    /// The version of this mapping, recorded with each commit of the catalogue's index: raise it
    /// whenever ``document(for:)`` makes a different document of a record already indexed (a
    /// field, keyword or stored value added or changed), so that the next `ogp harvest` or
    /// `ogp index` rebuilds an index made by the earlier mapping rather than keep its documents
    /// until each record changes. An index recorded without one was made by version 1.
    /// Version 2: a dataset's `publisher` keyword (its organisation's record id). Version 3: a
    /// dataset's `popularity` keyword (``DatasetPopularity``, a ranking prior; not a facet).
    /// Version 4: the analysis reads dotted acronyms as one word (`R.G.P.D.` as `rgpd`), so a
    /// document holding one has other terms.
    public static let mappingVersion = 4

    public static func document(for record: Record) -> IndexDocument {
        var summary: [String] = []
        if let s = record.summary { summary.append(s) }
        if let c = record.commitment { summary += c.milestones }
        if let p = record.actionPlan { summary += p.axes }
        var title = record.title
        // A record in another language is found by its French title too (the analysis is French).
        if record.language != "fr", let fr = record.translations["fr"]?.title, !fr.isEmpty { title += " · " + fr }
        if let acronym = record.dataset?.acronym ?? record.organization?.acronym, !acronym.isEmpty {
            title += " (\(acronym))"
        }
        var keywords: [String: [String]] = ["kind": [record.kind.rawValue]]
        let orgs = organizations(record)
        if !orgs.isEmpty { keywords["org"] = orgs }
        // The publisher's record id: an organisation's page counts its datasets by it, whatever
        // name each dataset gives it (the catalogue export still names an organisation as it was
        // called years ago). Not a facet.
        if let publisher = record.dataset?.organization { keywords["publisher"] = [publisher.rawValue] }
        if let popularity = record.dataset?.popularity { keywords["popularity"] = [popularity.rawValue] }
        if !record.tags.isEmpty { keywords["tag"] = unique(record.tags.map { TextFolding.fold($0) }) }
        let plans = planKeys(record)
        if !plans.isEmpty { keywords["plan"] = plans }
        keywords["source"] = unique(record.provenance.map(\.source))
        let date = record.dates.published ?? record.dates.modified
        var stored: [String: String] = ["kind": record.kind.rawValue, "title": record.title]
        stored["url"] = record.url ?? record.provenance.first?.url
        stored["date"] = date
        stored["source"] = record.provenance.map(\.source).first
        if record.partial { stored["partial"] = "true" }
        // What a hit says of the record (see `ogp-search --help`).
        if let c = record.commitment {
            stored["plan"] = plans.first
            stored["number"] = c.displayNumber
            stored["status"] = c.status.rawValue
            stored["ogpID"] = c.ogpID
        }
        if record.kind == .actionPlan, let key = plans.first {
            // The names `ogp-search --plan` accepts for this plan, read back from the index.
            var names = plans + [remotePart(record.id), record.id.rawValue]
            if let ogp = record.extras["ogpActionPlanID"] { names.append(ogp); stored["ogpActionPlanID"] = ogp }
            stored["planKey"] = key
            stored["planAliases"] = names.joined(separator: "|")
        }
        if let d = record.dataset {
            stored["organization"] = record.extras["organization"] ?? d.owner ?? d.organization.map(remotePart)
            stored["license"] = d.licenseLabel ?? d.license
            stored["modified"] = record.dates.modified
        }
        return IndexDocument(
            id: record.id.rawValue,
            fields: [
                TextField("title", title),
                TextField("summary", summary.joined(separator: " · ")),
                TextField("body", record.body ?? ""),
            ],
            keywords: keywords, date: date, hidden: record.draft || record.archived != nil, stored: stored)
    }

    /// Organisation names: a dataset's publisher (name, else id), a commitment's institutions.
    static func organizations(_ record: Record) -> [String] {
        var out: [String] = []
        if let name = record.extras["organization"], !name.isEmpty { out.append(name) }
        if let id = record.dataset?.organization, out.isEmpty { out.append(remotePart(id)) }
        if let owner = record.dataset?.owner, out.isEmpty { out.append(owner) }
        if let c = record.commitment { out += c.leadInstitutions + c.supportingInstitutions }
        if record.kind == .organization { out.append(record.title) }
        return unique(out)
    }

    /// Plan keys: `2021-2023` and `2021-2023-gov` for the plans a record belongs to or reports on.
    static func planKeys(_ record: Record) -> [String] {
        var ids: [RecordID] = record.links.filter { $0.relation == .partOf || $0.relation == .reportsOn }.map(\.target)
        if let plan = record.commitment?.plan { ids.append(plan) }
        if record.kind == .actionPlan { ids.append(record.id) }
        var out: [String] = []
        for id in ids where id.kind == .actionPlan {
            var key = remotePart(id)
            if key.hasPrefix("plan-") { key.removeFirst(5) }
            out.append(key)
            let period = key.split(separator: "-").prefix(2).joined(separator: "-")
            if period != key { out.append(period) }
        }
        return unique(out)
    }

    static func remotePart(_ id: RecordID) -> String {
        id.rawValue.split(separator: ":", maxSplits: 2).last.map(String.init) ?? id.rawValue
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
