import ArgumentParser

/// `ogp`: harvest open-government data into a searchable catalogue.
@main
struct OGPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ogp",
        abstract: "Harvest France's open-government plans, commitments, news and datasets into a searchable catalogue.",
        discussion: """
            Examples:
              ogp harvest --config config/sources.yml
              ogp export --format json -o catalogue.json
              ogp export --format jsonl --kind dataset --since 2026-01-01
              ogp status
              ogp show FR0001

            Exit codes: 0 ok; 1 some items failed; 2 a source failed; 3 another harvest holds the lock;
            64 usage error; 65 bad input data; 66 missing input file; 73 cannot create output; 74 I/O error; 78 configuration error.
            """,
        version: OGPVersion.string,

        subcommands: [
            HarvestCommand.self, ExportCommand.self, StatusCommand.self, IndexCommand.self, ScheduleCommand.self,
            FetchCommand.self, ShowCommand.self,
        ]
    )
}

/// The version printed by `--version` and sent in the User-Agent.
enum OGPVersion {
    static let string = "0.1.0"
}
