import ArgumentParser
import Foundation
import OGPCommandLine
import OGPIndex
import OGPModel

extension SearchCommand {
    /// The keyword filters for the index from `--kind`, `--plan`, `--org`, `--tag` (see
    /// ``SearchFilters``). An unknown kind or plan prints the valid values and exits 64.
    func resolvedFilters(reader: IndexReader) throws -> [String: [String]] {
        var filters: [String: [String]] = [:]
        for (option, values) in [("--org", org), ("--tag", tag), ("--plan", plan)]
        where values.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw CommandFailure(.usage, "\(option) needs a value (an empty one would match nothing)")
        }
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
        // Organisation names are indexed as written: the index finds the spellings a typed name
        // designates (case and accents aside, else as whole words: `insee`, `metz`).
        if !org.isEmpty { filters["org"] = org }
        return filters
    }

}
