import ArgumentParser
import Foundation
import OGPCatalog
import OGPIndex

extension SearchCommand {
    /// The keyword filters for the index from `--kind`, `--plan`, `--org`, `--tag` (see
    /// ``SearchFilters``). An unknown kind or plan prints the valid values and exits 64.
    func resolvedFilters(reader: IndexReader, query: String) throws -> [String: [String]] {
        var filters: [String: [String]] = [:]
        do {
            if !kind.isEmpty { filters["kind"] = try kind.map(SearchFilters.kind) }
            if !plan.isEmpty {
                let aliases = try planAliases()
                var keys: [String] = []
                for p in plan { keys += aliases.isEmpty ? [SearchFilters.foldedKey(p)] : try SearchFilters.plan(p, aliases: aliases) }
                filters["plan"] = keys
            }
        } catch let error as SearchFilters.UnknownValue {
            FileHandle.standardError.write(Data("ogp-search: \(error)\n".utf8))
            throw ExitCode(64)
        }
        if !tag.isEmpty { filters["tag"] = tag.map(SearchFilters.foldedKey) }
        if !org.isEmpty {
            // Organisation names are indexed as written: find the spellings among the matches.
            var probe = SearchRequest(query: query, filters: filters, limit: 0, facets: ["org"], includeHidden: includeHidden, snippets: false)
            probe.since = since
            let known = ((try? reader.search(probe))?.facets["org"] ?? []).map(\.value)
            filters["org"] = org.flatMap { SearchFilters.matching($0, among: known) }
        }
        return filters
    }

    /// The plans of the catalogue next to the index (none when searching a bare `--index`).
    private func planAliases() throws -> [SearchFilters.PlanAlias] {
        guard index == nil else { return [] }
        let cfg = config.flatMap { try? Configuration.load(path: $0) }
        return SearchFilters.planAliases(catalogPath: DataDirectory.resolve(override: dataDir, config: cfg).catalogPath)
    }
}
