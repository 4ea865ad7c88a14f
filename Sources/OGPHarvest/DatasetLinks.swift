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

    /// The plans a tagged dataset belongs to: those whose period (`2018-2020`) it names, else
    /// those whose period contains its publication year, else none.
    static func plans(for dataset: Record, among plans: [Record]) -> [Record] {
        let text = [dataset.title, dataset.summary ?? "", dataset.body ?? ""].joined(separator: " ")
        let named = plans.filter { plan in
            guard let info = plan.actionPlan, let start = info.startYear, let end = info.endYear else { return false }
            return text.contains("\(start)-\(end)") || text.contains("\(start)–\(end)")
                || text.contains("\(start) - \(end)")
        }
        if !named.isEmpty { return named }
        guard let year = (dataset.dates.published ?? dataset.dates.modified).flatMap({ Int($0.prefix(4)) }) else {
            return []
        }
        return plans.filter { plan in
            guard let info = plan.actionPlan, let start = info.startYear, let end = info.endYear else { return false }
            return (start...end).contains(year)
        }
    }
}
