import ArgumentParser
import OGPCommandLine

/// `ogp`: harvest open-government data into a searchable catalogue.
@main
struct OGPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ogp",
        abstract: "Harvest France's open-government plans, commitments, news and datasets into a searchable catalogue.",
        discussion: """
            To search the catalogue, use the companion command ogp-search (see `ogp-search --help`).

            Examples:
              ogp harvest --config config/sources.yml
              ogp-search "données environnementales"
              ogp export --format json -o catalogue.json
              ogp export --format jsonl --kind dataset --changed-since 2026-01-01
              ogp status

            Exit codes (the same table for ogp and ogp-search):
            \(ExitStatus.helpTable)
            """,
        version: OGPVersion.string,
        subcommands: [
            HarvestCommand.self, ExportCommand.self, StatusCommand.self, IndexCommand.self, ScheduleCommand.self,
            FetchCommand.self,
        ]
    )
}
