import ArgumentParser
import Foundation
import OGPCatalog
import OGPCommandLine
import OGPModel

/// `ogp export`: the catalogue as JSON, JSON Lines or DCAT-AP 3 (JSON-LD, Turtle, RDF/XML).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the catalogue as one JSON document, as JSON Lines, as DCAT-AP or as CSV.",
        discussion: """
            Records are sorted by kind then id, keys sorted: two exports of the same catalogue are byte-identical (with --reproducible, also across harvests of the same content).

            --changed-since selects by the harvest: the records that ogp added or changed on or after that date. (ogp-search --since selects by the record's own date, its publication or modification.)

            Examples:
              ogp export --data-dir demo-data -o catalogue.json
              ogp export --format jsonl --kind dataset --changed-since 2026-01-01
              ogp export --format dcat -o catalogue.jsonld
              ogp export --format dcat-ttl -o catalogue.ttl
              ogp export --format csv --kind engagement -o engagements.csv
            """
    )

    @OptionGroup var common: DataOptions

    @OptionGroup var stores: StoreOptions

    @Option(
        help:
            "json (one document), jsonl (one record per line), dcat (DCAT-AP 3 JSON-LD), dcat-ttl (Turtle), dcat-xml (RDF/XML) or csv (one row per record, semicolons, for a spreadsheet)."
    )
    var format: ExportFormat = .json

    @Option(help: "With --format dcat: jsonld (default), turtle or rdfxml.")
    var rdfFormat: RDFFormatArgument?

    @Option(name: .customLong("kind"), help: "Only records of this kind (repeatable).")
    var kinds: [RecordKind] = []

    @Option(
        help: ArgumentHelp(
            "Only records the harvest added or changed on or after this date (\(SinceArgument.forms)).",
            valueName: "date"),
        transform: SinceArgument.transform)
    var changedSince: SinceArgument?

    @Option(name: .customLong("since"), help: .hidden)
    var oldSince: String?

    @Option(
        name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of standard output.",
        completion: .file())
    var output: String?

    @Flag(help: "Leave out ogp's own timestamps, so the same content gives the same bytes.")
    var reproducible = false

    @Flag(help: "Leave out archived records.")
    var noArchived = false

    func validate() throws {
        if rdfFormat != nil, format != .dcat {
            throw ValidationError(
                "--rdf-format goes with --format dcat (dcat-ttl and dcat-xml name their serialisation)")
        }
        if oldSince != nil {
            throw ValidationError(
                "ogp export has --changed-since DATE (the harvest date); --since belongs to ogp-search (the record's date)"
            )
        }
    }

    func run() async throws {
        try reportingFailures {
            let config = try common.loadConfiguration(required: false)
            let store = try stores.openForReading(common.dataDirectory(config), config: config, common: common)
            let since = changedSince?.day
            do {
                switch format {
                case .dcat, .dcatTurtle, .dcatXML:
                    let rdf: RDFFormat =
                        switch format {
                        case .dcatTurtle: .turtle
                        case .dcatXML: .rdfxml
                        default: rdfFormat.flatMap { RDFFormat(rawValue: $0.rawValue) } ?? .jsonld
                        }
                    try DCATExporter(store: store).export(
                        to: output, format: rdf, since: since, includeArchived: false, reproducible: reproducible)
                case .csv:
                    try CSVExporter(store: store).export(
                        kinds: kinds.isEmpty ? nil : Set(kinds), since: since, includeArchived: !noArchived, to: output)
                case .json, .jsonl:
                    let options = Exporter.Options(
                        format: format == .json ? .json : .jsonl, kinds: kinds.isEmpty ? nil : Set(kinds), since: since,
                        reproducible: reproducible, includeArchived: !noArchived)
                    try Exporter(store: store).export(options, to: output)
                }
            } catch let error as ExportError {
                // An output that cannot be created is 73; one that cannot be written (a full disk, a
                // closed pipe), a file as standard output, is 74.
                let status: ExitStatus = error.code == .cannotCreate ? .cannotCreate : .io
                throw CommandFailure(status, error.description)
            }
        }
    }
}
