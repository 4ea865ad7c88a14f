import ArgumentParser
import Foundation
import OGPCommandLine
import OGPIndex
import OGPModel

extension SearchCommand {
    /// The keyword filters for the index from `--kind`, `--plan`, `--org`, `--tag` (see
    /// ``SearchFilters``). An unknown kind or plan prints the valid values and exits 64.
    func resolvedFilters(reader: IndexReader, query: String) throws -> [String: [String]] {
        var filters: [String: [String]] = [:]
        if !kind.isEmpty { filters["kind"] = kind.map(\.rawValue) }
        if !plan.isEmpty {
            let aliases = SearchFilters.planAliases(reader: reader)
            var keys: [String] = []
            for p in plan {
                if aliases.isEmpty { keys.append(SearchFilters.foldedKey(p)); continue }
                do { keys += try SearchFilters.plan(p, aliases: aliases) } catch {
                    throw CommandFailure(.usage, error.description)
                }
            }
            filters["plan"] = keys
        }
        if !tag.isEmpty { filters["tag"] = tag.map(SearchFilters.foldedKey) }
        if !org.isEmpty {
            // Organisation names are indexed as written: find the spellings among the matches.
            var probe = SearchRequest(
                query: query, filters: filters, limit: 0, facets: ["org"], includeHidden: includeHidden, snippets: false
            )
            probe.since = since?.day
            let known = ((try? reader.search(probe))?.facets["org"] ?? []).map(\.value)
            filters["org"] = org.flatMap { SearchFilters.matching($0, among: known) }
        }
        return filters
    }

}
