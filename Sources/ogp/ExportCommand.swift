import ArgumentParser
import Foundation
import OGPCatalog
import OGPModel

/// `ogp export`: the catalogue as JSON or JSON Lines.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the catalogue as one JSON document or as JSON Lines.",
        discussion: """
            Records are sorted by kind then id, keys sorted: two exports of the same catalogue are
            byte-identical (with --reproducible, also across harvests of the same content).

            Examples:
              ogp export --data-dir demo-data -o catalogue.json
              ogp export --format jsonl --kind dataset --since 2026-01-01
              ogp export --format dcat -o catalogue.jsonld
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "json (one document), jsonl (one record per line) or dcat (the datasets as DCAT-AP JSON-LD).")
    var format: String = "json"

    @Option(name: .customLong("kind"), help: "Only records of this kind (repeatable): actionPlan, commitment, publication, dataset, organization.")
    var kinds: [String] = []

    @Option(help: "Only records changed on or after this date (YYYY-MM-DD).")
    var since: String?

    @Option(name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Flag(help: "Leave out ogp's own timestamps, so the same content gives the same bytes.")
    var reproducible = false

    @Flag(help: "Leave out archived records.")
    var noArchived = false

    func run() async throws {
        try await runReportingErrors {
            guard let fmt = Exporter.Format(rawValue: format == "dcat" ? "json" : format) else {
                throw CLIError(code: .usage, message: "unknown --format `\(format)`: use json, jsonl or dcat")
            }
            var kindSet: Set<RecordKind>?
            if !kinds.isEmpty {
                kindSet = []
                for k in kinds {
                    guard let kind = RecordKind(rawValue: k) else {
                        throw CLIError(code: .usage, message: "unknown --kind `\(k)`: use \(RecordKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    kindSet?.insert(kind)
                }
            }
            if let since, ISODate.parse(since) == nil {
                throw CLIError(code: .usage, message: "--since must be a date like 2026-01-31 (got `\(since)`)")
            }
            let config = try common.loadConfiguration(required: false)
            let store = try common.openStore(common.dataDirectory(config), config: config, create: false)
            let options = Exporter.Options(
                format: fmt, kinds: kindSet, since: since.flatMap(ISODate.normalize), reproducible: reproducible,
                includeArchived: !noArchived)
            do {
                if format == "dcat" {
                    try DCATExporter(store: store).export(
                        to: output, since: options.since, includeArchived: false,
                        reproducible: reproducible)
                } else {
                    try Exporter(store: store).export(options, to: output)
                }
            } catch let error as ExportError {
                throw CLIError(code: error.code == .io ? .cannotCreate : .io, message: error.description)
            }
        }
    }
}
