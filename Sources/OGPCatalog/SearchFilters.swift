import Foundation
import OGPModel
import OGPStore

/// The filters people type to `ogp-search` (`--kind`, `--plan`, `--org`, `--tag`), turned into
/// the index's keyword values: kinds in English or French, plans by period, id or OGP id, all
/// compared without regard to case and accents. An unknown kind or plan is an error listing
/// the valid values.
public enum SearchFilters {
    /// A value that matches nothing known.
    public struct UnknownValue: Error, CustomStringConvertible, Sendable {
        public var option: String
        public var value: String
        public var valid: [String]

        public var description: String {
            "unknown \(option) `\(value)`; valid values: \(valid.joined(separator: ", "))"
        }
    }

    /// Names accepted for each kind (folded: lower case, no accents, `-`/`_`/space alike).
    static let kindNames: [(RecordKind, [String])] = [
        (.actionPlan, ["plan", "actionplan", "action-plan", "plans", "plan-d-action", "plan-daction", "plan-d'action"]),
        (.commitment, ["commitment", "commitments", "engagement", "engagements"]),
        (.publication, ["publication", "publications", "news", "actualite", "actualites", "article", "page", "communique"]),
        (.dataset, ["dataset", "datasets", "jeu-de-donnees", "jeux-de-donnees", "jdd", "donnees"]),
        (.organization, ["organization", "organisation", "organizations", "organisations", "org"]),
    ]

    static func foldName(_ text: String) -> String {
        TextFolding.fold(text).replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
    }

    /// The index's kind value for what a person typed.
    public static func kind(_ text: String) throws(UnknownValue) -> String {
        let f = foldName(text)
        for (kind, names) in kindNames where names.contains(f) || foldName(kind.rawValue) == f {
            return kind.rawValue
        }
        throw UnknownValue(
            option: "--kind", value: text,
            valid: ["plan", "commitment (engagement)", "publication (actualité)", "dataset (jeu-de-données)", "organization (organisation)"])
    }

    /// A plan as `--plan` accepts it: every name that designates it, and its index key.
    public struct PlanAlias: Sendable, Hashable {
        /// The index's plan keyword (`2018-2020-gov`, or the OGP id for plans made from its database).
        public var key: String
        /// Folded names: `2018-2020`, `2018-2020-gov`, `plan-2018-2020-gov`, the record id, `ap_fra02`.
        public var names: [String]
        /// The name shown in the list of valid values.
        public var display: String
    }

    /// The aliases of the plans in the catalogue file at `catalogPath` (none when it is absent or unreadable).
    public static func planAliases(catalogPath: String) -> [PlanAlias] {
        guard FileManager.default.fileExists(atPath: catalogPath), let store = try? SQLiteStore(path: catalogPath) else { return [] }
        return (try? planAliases(store: store)) ?? []
    }

    /// The aliases of the plans in the catalogue.
    public static func planAliases(store: any CatalogStore) throws -> [PlanAlias] {
        var out: [PlanAlias] = []
        try store.forEachRecord(RecordFilter(kinds: [.actionPlan], includeArchived: false)) { plan in
            let keys = RecordDocument.planKeys(plan)
            guard let key = keys.first else { return }
            var names = keys + [RecordDocument.remotePart(plan.id), plan.id.rawValue]
            if let ogp = plan.extras["ogpActionPlanID"] { names.append(ogp) }
            let display = ([key] + (plan.extras["ogpActionPlanID"].map { [$0] } ?? [])).joined(separator: " / ")
            out.append(PlanAlias(key: key, names: names.map(foldName), display: display))
        }
        return out
    }

    /// The index keys of the plan a person typed (a period may name two plans: government and parliament).
    public static func plan(_ text: String, aliases: [PlanAlias]) throws(UnknownValue) -> [String] {
        let f = foldName(text)
        let exact = aliases.filter { $0.names.contains(f) }
        if !exact.isEmpty {
            // `2018-2020` is the period of several plans: the period key selects them all.
            return exact.count > 1 ? [f] : [exact[0].key]
        }
        throw UnknownValue(option: "--plan", value: text, valid: aliases.map(\.display).sorted())
    }

    /// A keyword typed by a person in the index's folded form (tags are indexed folded).
    public static func foldedKey(_ text: String) -> String {
        TextFolding.fold(text)
    }

    /// The values among `known` that `text` designates without regard to case and accents
    /// (`--org`, `--tag`); `text` itself when none does.
    public static func matching(_ text: String, among known: [String]) -> [String] {
        let f = TextFolding.fold(text)
        let found = known.filter { TextFolding.fold($0) == f }
        return found.isEmpty ? [text] : found
    }
}
