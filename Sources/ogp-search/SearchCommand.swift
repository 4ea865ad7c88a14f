import ArgumentParser
import Foundation
import OGPCatalog
import OGPIndex

/// `ogp-search`: query the catalogue's search index, or run a batch of queries for evaluation.
@main
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ogp-search",
        abstract: "Search the ogp catalogue (French full-text search with filters and facets).",
        discussion: """
            Query syntax: words; "exact phrase"; -word or NOT word; a OR b; a AND b;
            title:word; kind:, org:, tag:, plan:, year: filters; since:YYYY-MM-DD.
            Examples:
              ogp-search "données environnementales"
              ogp-search --kind commitment --facets "transparence"
              ogp-search --json "plan d'action" | jq .
              ogp-search --index DIR --batch queries.tsv --latency lat.tsv > run.trec

            --json prints {"query", "total", "didYouMean", "hits": [{"rank", "id", "score", "kind",
            "title", "date", "source", "url", "snippet": {"field", "text", "highlights": [[start, end]]}}],
            "facets": {"kind": [{"value", "count"}]}}; highlight offsets are UTF-8 byte offsets in the text.
            Exit codes: 0 ok; 64 usage error; 66 no index; 65 corrupt index; 74 I/O error.
            """
    )

    @Argument(help: "The query.")
    var query: [String] = []

    @Option(name: .long, help: "The data directory (default: the config's data_dir, else $XDG_DATA_HOME/ogp or ~/.local/share/ogp).")
    var dataDir: String?

    @Option(name: .long, help: "The configuration file (YAML), for its data_dir.")
    var config: String?

    @Option(name: .long, help: "Search this index directory instead of <data-dir>/index.")
    var index: String?

    @Option(name: .long, help: "Only this kind (repeatable): plan, commitment, publication, dataset…")
    var kind: [String] = []

    @Option(name: .long, help: "Only this organisation (repeatable).")
    var org: [String] = []

    @Option(name: .long, help: "Only this tag (repeatable).")
    var tag: [String] = []

    @Option(name: .long, help: "Only this action plan (repeatable).")
    var plan: [String] = []

    @Option(name: .long, help: "Only documents dated on or after this date (YYYY-MM-DD).")
    var since: String?

    @Option(name: .long, help: "Number of results (batch: run depth, default 100).")
    var limit: Int?

    @Option(name: .long, help: "Order: relevance or date.")
    var sort: String = "relevance"

    @Flag(name: .long, help: "Show counts by kind, organisation, tag, plan and year.")
    var facets = false

    @Flag(name: .long, help: "Include drafts and archived records.")
    var includeHidden = false

    @Flag(name: .long, help: "Print JSON (the stable shape above).")
    var json = false

    @Option(name: .long, help: "Run the queries of a TSV file (qid<TAB>text) and print a TREC run.")
    var batch: String?

    @Option(name: .long, help: "With --batch: write each query's in-process time (qid<TAB>micros) to this file.")
    var latency: String?

    @Option(name: .long, help: "With --latency: wall (elapsed) or cpu (thread CPU time, robust on a loaded machine).")
    var latencyClock: String = "wall"

    @Option(name: .customLong("stress-writer"), help: .hidden)
    var stressWriter: String?

    func validate() throws {
        if stressWriter == nil, batch == nil, query.isEmpty, kind.isEmpty, org.isEmpty, tag.isEmpty, plan.isEmpty {
            throw ValidationError("give a query, a filter, or --batch FILE")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        guard SortOrder(rawValue: sort) != nil else { throw ValidationError("--sort is relevance or date") }
        guard ["wall", "cpu"].contains(latencyClock) else { throw ValidationError("--latency-clock is wall or cpu") }
    }

    func run() throws {
        if let dir = stressWriter { try StressWriter.run(directory: dir) }
        let reader = try openReader()
        if let batch {
            try Batch.run(reader: reader, queries: batch, latency: latency, cpuClock: latencyClock == "cpu", depth: limit ?? 100)
            return
        }
        var request = SearchRequest(query: query.joined(separator: " "), limit: limit ?? 10)
        request.filters = ["kind": kind, "org": org, "tag": tag, "plan": plan].filter { !$0.value.isEmpty }
        request.since = since
        request.sort = SortOrder(rawValue: sort) ?? .relevance
        request.includeHidden = includeHidden
        request.keywordBoosts = ["kind": RecordDocument.kindPriors]
        if facets { request.facets = ["kind", "org", "tag", "plan", "year"] }
        let results: SearchResults
        do { results = try reader.search(request) } catch { throw fail(error) }
        if json {
            try ResultPrinter.printJSON(query: request.query, results)
        } else {
            ResultPrinter.printText(results, bold: isatty(STDOUT_FILENO) != 0)
        }
    }

    private func openReader() throws -> IndexReader {
        let dir: String
        if let index {
            dir = index
        } else {
            let cfg: Configuration?
            if let config {
                do { cfg = try Configuration.load(path: config) } catch {
                    FileHandle.standardError.write(Data("ogp-search: \(error)\n".utf8))
                    throw ExitCode(78)
                }
            } else {
                cfg = nil
            }
            dir = DataDirectory.resolve(override: dataDir, config: cfg).indexPath
        }
        do { return try IndexReader(directory: dir) } catch { throw fail(error) }
    }

    private func fail(_ error: IndexError) -> ExitCode {
        var message = error.description
        if error.code == .notAnIndex { message += ": run `ogp harvest` or `ogp index`, or pass --data-dir / --index" }
        if error.code == .corrupt || error.code == .formatVersion {
            message += ": rebuild it from the catalogue with `ogp index --rebuild` (the next `ogp harvest` does it too)"
        }
        FileHandle.standardError.write(Data("ogp-search: \(message)\n".utf8))
        switch error.code {
        case .notAnIndex: return ExitCode(66)
        case .corrupt, .formatVersion: return ExitCode(65)
        case .invalidInput: return ExitCode(64)
        default: return ExitCode(74)  // io, locked
        }
    }
}
