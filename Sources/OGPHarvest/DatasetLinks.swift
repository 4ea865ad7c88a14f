import Foundation
import OGPModel

/// Links between commitments, plans, publications and datasets.
///
/// - Explicit: a data.gouv.fr dataset URL or 24-hex id cited in a commitment, plan or publication
///   gives a `usesDataset` link to `dataset:data.gouv.fr:<id>`.
/// - Tagged: a dataset tagged for the OGP (`ogp`, `pgo`, `opengov`, `gouvernement-ouvert`,
///   `open-gov`) is linked from the plans whose period its title or text names (« 2018-2020 »);
///   when it names none, from the plans whose period contains the year it was published; else
///   from none (a tag alone does not say which plan).
enum DatasetLinks {
    static let ogpTags: Set<String> = ["ogp", "pgo", "opengov", "gouvernement-ouvert", "open-gov"]
    static let namespace = "data.gouv.fr"

    /// Adds explicit `usesDataset` links found in the record's references and text.
    static func addExplicitLinks(_ record: Record) -> Record {
        guard [.commitment, .publication, .actionPlan].contains(record.kind) else { return record }
        var r = record
        var targets: [RecordID] = []
        for text in record.references + [record.body ?? ""] {
            for id in datasetIDs(in: text) {
                let target = RecordID(kind: .dataset, namespace: namespace, remoteID: id)
                if !targets.contains(target) { targets.append(target) }
            }
        }
        for target in targets where !r.links.contains(RecordLink(.usesDataset, target)) {
            r.links.append(RecordLink(.usesDataset, target))
        }
        return r
    }

    /// 24-hex dataset ids in data.gouv.fr dataset URLs (`/datasets/<id>`, `/fr/datasets/<id>/`).
    static func datasetIDs(in text: String) -> [String] {
        guard text.contains("data.gouv.fr") else { return [] }
        var ids: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: "/datasets/") {
            let after = rest[range.upperBound...]
            let candidate = after.prefix(24)
            if candidate.count == 24, candidate.allSatisfy(\.isHexDigit),
                after.dropFirst(24).first.map({ !$0.isLetter && !$0.isNumber && $0 != "-" }) ?? true
            {
                ids.append(String(candidate))
            }
            rest = after
        }
        return ids
    }

    /// Whether a dataset is tagged for the OGP.
    static func isTaggedForOGP(_ record: Record) -> Bool {
        record.kind == .dataset && record.tags.contains { ogpTags.contains(TextFolding.fold($0)) }
    }

    /// The plans a tagged dataset belongs to: those whose period (`2018-2020`) its title names,
    /// else those whose period its summary or description names, else those whose period
    /// contains its publication year, else none. The title comes first because descriptions
    /// recount history: the dataset « Plan d'action national 2018-2020 » says its plan followed
    /// the 2015-2017 one, and was linked to both.
    ///
    /// `keywords` are the folded words of the plans of other institutions than the government
    /// (`assemblée nationale`), as in the plans file: such a plan is a candidate only when the
    /// dataset's text names them, and the government's plans are not when it names them in the
    /// part that gave the period — the rule the plan extractor applies to a publication's lines.
    static func plans(for dataset: Record, among plans: [Record], keywords: [RecordID: [String]] = [:]) -> [Record] {
        let title = TextFolding.fold(dataset.title)
        let rest = TextFolding.fold([dataset.summary ?? "", dataset.body ?? ""].joined(separator: " "))
        for text in [title, rest] {
            let named = plans.filter { plan in
                guard let info = plan.actionPlan, let start = info.startYear, let end = info.endYear else {
                    return false
                }
                return text.contains("\(start)-\(end)") || text.contains("\(start)–\(end)")
                    || text.contains("\(start) - \(end)")
            }
            let chosen = institutionFilter(named, text: text, keywords: keywords)
            if !chosen.isEmpty { return chosen }
        }
        guard let year = (dataset.dates.published ?? dataset.dates.modified).flatMap({ Int($0.prefix(4)) }) else {
            return []
        }
        let dated = plans.filter { plan in
            guard let info = plan.actionPlan, let start = info.startYear, let end = info.endYear else { return false }
            return (start...end).contains(year)
        }
        return institutionFilter(dated, text: title + " " + rest, keywords: keywords)
    }

    /// The plans of an institution named in `text` (by its keywords) when some are; else the
    /// plans without keywords (the government's).
    static func institutionFilter(_ plans: [Record], text: String, keywords: [RecordID: [String]]) -> [Record] {
        let ofNamedInstitution = plans.filter { plan in
            keywords[plan.id].map { $0.contains(where: text.contains) } ?? false
        }
        if !ofNamedInstitution.isEmpty { return ofNamedInstitution }
        return plans.filter { (keywords[$0.id] ?? []).isEmpty }
    }
}
