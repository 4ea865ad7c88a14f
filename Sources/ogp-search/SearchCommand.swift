import ArgumentParser
import Foundation
import OGPCommandLine
import OGPIndex
import OGPModel

/// `ogp-search`: query the catalogue's search index, or run a batch of queries for evaluation.
@main
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ogp-search",
        abstract: "Search the ogp catalogue (French full-text search with filters and facets).",
        discussion: """
            Query syntax: words; "exact phrase"; -word or NOT word; a OR b; a AND b; title:word; kind:, org:, tag:, plan:, year: filters; since:YYYY-MM-DD. A query that starts with a minus sign is fine as one argument ("-données -plan"); after --, every word is query.

            --since selects by the record's own date (publication, else modification), in one of the forms \(SinceArgument.forms). (ogp export --changed-since selects by the harvest date.)

            Examples:
              ogp-search "données environnementales"
              ogp-search --kind commitment --facets "transparence"
              ogp-search --since 2021 "plan d'action"
              ogp-search --json "plan d'action" | jq .
              ogp-search --index DIR --batch queries.tsv --latency lat.tsv > run.trec

            --json prints {"query", "total", "didYouMean", "hits": [{"rank", "id", "score", "kind", "title", "date", "source", "url", "plan", "number", "status", "ogpID", "organization", "license", "modified", "snippet": {"field", "text", "highlights": [[start, end]]}}], "facets": {"kind": [{"value", "count"}]}}; highlight offsets are UTF-8 byte offsets in the text. Every key of a hit is present (null when it does not apply): plan (the plan key, e.g. 2015-2017-gov), number, status and ogpID for commitments; organization, license and modified for datasets; date and source for every record. `ogp show ID` shows a hit in full.

            --kind (English or French names: engagement, jeu-de-données…), --plan, --org and --tag (and kind:, org:, tag: in the query) ignore case and accents; an organisation is also found by whole words of its name (--org insee, org:metz) and then with every spelling of it; an unknown kind or plan is a usage error listing the valid values.

            Exit codes:
              0    at least one result (batch: the run was written)
              1    no result (as grep)
              64   usage error (unknown option, invalid value)
              65   corrupt index or one in another format: rebuild it with
                   `ogp index --rebuild`
              66   no index (run `ogp harvest` or `ogp index`), or the --batch file
                   is missing
              73   the --latency file cannot be created
              74   I/O error, or standard output cannot be written
              78   configuration error
            """,
        version: OGPVersion.string
    )

    @Argument(parsing: .allUnrecognized, help: "The query.")
    var query: [String] = []

    @OptionGroup var common: DataOptions

    @Option(name: .long, help: "Search this index directory instead of <data-dir>/index.", completion: .directory)
    var index: String?

    @Option(
        name: .long,
        help: "Only this kind (repeatable); French names too (engagement, jeu-de-données, actualité, organisation).")
    var kind: [RecordKind] = []

    @Option(name: .long, help: "Only this organisation (repeatable): its name, or whole words of it (insee).")
    var org: [String] = []

    @Option(name: .long, help: "Only this tag (repeatable).")
    var tag: [String] = []

    @Option(
        name: .long, help: "Only this action plan (repeatable): 2018-2020, plan-2018-2020-gov or its OGP id (AP_FRA02)."
    )
    var plan: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only records dated on or after this date (their own date): \(SinceArgument.forms).", valueName: "date"),
        transform: SinceArgument.transform)
    var since: SinceArgument?

    @Option(
        name: .long, parsing: .unconditional, help: "Number of results, at least 1 (batch: run depth, default 100).",
        transform: PositiveCount.transform)
    var limit: PositiveCount?

    @Option(name: .long, help: "Order of the results.")
    var sort: SortArgument = .relevance

    @Flag(name: .long, help: "Show counts by kind, organisation, tag, plan and year.")
    var facets = false

    @Flag(name: .long, help: "Include drafts and archived records.")
    var includeHidden = false

    @Flag(name: .long, help: "Print JSON (the stable shape above).")
    var json = false

    @Option(
        name: .long, help: "Run the queries of a TSV file (qid<TAB>text) and print a TREC run.",
        completion: .file(extensions: ["tsv"]))
    var batch: String?

    @Option(
        name: .long, help: "With --batch: write each query's in-process time (qid<TAB>micros) to this file.",
        completion: .file())
    var latency: String?

    @Option(name: .long, help: "With --latency: wall (elapsed) or cpu (thread CPU time, robust on a loaded machine).")
    var latencyClock: LatencyClock = .wall

    @Option(
        name: .long,
        help: """
            Synonym groups applied to the query: a file, or none (default: synonyms.txt beside \
            --config, else the list built into ogp, config/synonyms.txt of this build).
            """)
    var synonyms: String?

    @Option(name: .customLong("stress-writer"), help: .hidden)
    var stressWriter: String?

    /// With --batch: every match scored, no pruning (benchmarks compare both runs).
    @Flag(name: .long, help: .hidden)
    var exhaustive = false

    /// With --batch: scores printed in full (round-trip) precision, to compare runs exactly.
    @Flag(name: .long, help: .hidden)
    var exactScores = false

    /// With --batch: the ranking priors of an interactive search (kind, popularity), to evaluate
    /// judged sets on a harvested catalogue as people's searches rank (benchmarks).
    @Flag(name: .long, help: .hidden)
    var priors = false

    /// The query's words: the arguments without the first `--` (ArgumentParser passes it on).
    var words: [String] {
        guard let i = query.firstIndex(of: "--") else { return query }
        return Array(query[..<i] + query[(i + 1)...])
    }

    func validate() throws {
        // Words before a `--` that look like options are mistakes; after it, everything is query.
        if let option = query.prefix(while: { $0 != "--" }).first(where: { $0.hasPrefix("--") && !$0.contains(" ") }) {
            throw ValidationError("unknown option '\(option)' (a query that starts with -- goes after --)")
        }
        if stressWriter == nil, batch == nil, words.isEmpty, kind.isEmpty, org.isEmpty, tag.isEmpty, plan.isEmpty {
            throw ValidationError("give a query, a filter, or --batch FILE")
        }
    }

    func run() throws {
        try reportingFailures {
            if let dir = stressWriter { try StressWriter.run(directory: dir) }
            let reader = try openReader()
            if let batch {
                try Batch.run(
                    reader: reader, queries: batch, latency: latency, cpuClock: latencyClock == .cpu,
                    depth: limit?.value ?? 100, pruning: !exhaustive, exactScores: exactScores,
                    keywordBoosts: priors ? SearchPriors.keywordBoosts : [:])
                return
            }
            var request = SearchRequest(query: words.joined(separator: " "), limit: limit?.value ?? 10)
            request.filters = try resolvedFilters(reader: reader)
            request.since = since?.day
            request.sort = sort.order
            request.includeHidden = includeHidden
            request.keywordBoosts = SearchPriors.keywordBoosts
            request.keywordAliases = ["kind": RecordKind.searchAliases]
            if request.query.localizedCaseInsensitiveContains("plan:") {
                request.keywordAliases["plan"] = SearchFilters.planAliasTable(SearchFilters.planAliases(reader: reader))
            }
            if facets { request.facets = ["kind", "org", "tag", "plan", "year"] }
            let results: SearchResults
            do { results = try reader.search(request) } catch let error as IndexError { throw Self.failure(error) }
            if json {
                ResultPrinter.printJSON(query: request.query, results)
            } else {
                ResultPrinter.printText(results, bold: Console.allowsColor(on: STDOUT_FILENO))
            }
            if results.total == 0 { throw ExitCode(.partial) }
        }
    }

    private func openReader() throws -> IndexReader {
        let dir: String
        var configPath = common.config
        if let index {
            dir = index
        } else {
            let config = try common.loadConfiguration(required: false)
            configPath = configPath ?? config?.file
            dir = common.dataDirectory(config).indexPath
        }
        let (list, _) = try SynonymsChoice.load(option: synonyms, configPath: configPath)
        do { return try IndexReader(directory: dir, synonyms: list) } catch { throw Self.failure(error) }
    }

    static func failure(_ error: IndexError) -> CommandFailure {
        var message = error.description
        if error.code == .notAnIndex { message += ": run `ogp harvest` or `ogp index`, or pass --data-dir / --index" }
        if error.code == .corrupt || error.code == .formatVersion, !message.contains("ogp index --rebuild") {
            message += ": rebuild it from the catalogue with `ogp index --rebuild` (the next `ogp harvest` does it too)"
        }
        let status: ExitStatus
        switch error.code {
        case .notAnIndex: status = .noInput
        case .corrupt, .formatVersion: status = .dataError
        case .invalidInput: status = .usage
        default: status = .io  // io, locked
        }
        return CommandFailure(status, message)
    }
}
