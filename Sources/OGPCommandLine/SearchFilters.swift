import Foundation
import OGPIndex
import OGPModel

/// The filters people type to `ogp-search` (`--plan`, `--org`, `--tag`; kinds are
/// ``RecordKind/init(name:)``), turned into the index's keyword values, compared without regard
/// to case and accents. The plans are read from the index itself (each plan's document stores
/// the names it answers to), so `ogp-search` needs no catalogue. An unknown plan is an error
/// listing the valid values.
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

    /// A plan as `--plan` accepts it: every name that designates it, and its index key.
    public struct PlanAlias: Sendable, Hashable {
        /// The index's plan keyword (`2018-2020-gov`, or the OGP id for plans made from its database).
        public var key: String
        /// Folded names: `2018-2020`, `2018-2020-gov`, `plan-2018-2020-gov`, the record id, `ap_fra02`.
        public var names: [String]
        /// The name shown in the list of valid values.
        public var display: String

        public init(key: String, names: [String], display: String) {
            self.key = key
            self.names = names.map(SearchFilters.foldName)
            self.display = display
        }
    }

    static func foldName(_ text: String) -> String {
        TextFolding.fold(text).replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
    }

    /// The plans of the index: the `planKey` and `planAliases` (`|`-separated) its plan documents store.
    public static func planAliases(reader: IndexReader) -> [PlanAlias] {
        let request = SearchRequest(
            query: "", filters: ["kind": [RecordKind.actionPlan.rawValue]], limit: 10_000, includeHidden: true,
            snippets: false)
        guard let hits = try? reader.search(request).hits else { return [] }
        return hits.compactMap { hit in
            guard let key = hit.stored["planKey"] else { return nil }
            let names = (hit.stored["planAliases"] ?? "").split(separator: "|").map(String.init)
            let ogp = hit.stored["ogpActionPlanID"]
            return PlanAlias(
                key: key, names: [key] + names, display: ([key] + (ogp.map { [$0] } ?? [])).joined(separator: " / "))
        }
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

    /// Every name of the plans → the index key it designates (a period that names several plans
    /// designates its period key), for `plan:` in a query (``OGPIndex/SearchRequest/keywordAliases``).
    public static func planAliasTable(_ aliases: [PlanAlias]) -> [String: String] {
        var table: [String: String] = [:]
        for name in Set(aliases.flatMap(\.names)) {
            if let keys = try? plan(name, aliases: aliases), keys.count == 1 { table[name] = keys[0] }
        }
        return table
    }

    /// A keyword typed by a person in the index's folded form (tags are indexed folded).
    public static func foldedKey(_ text: String) -> String {
        TextFolding.fold(text)
    }
}
