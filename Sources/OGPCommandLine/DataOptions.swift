import ArgumentParser
import Foundation
import OGPConfig

/// `--config` and `--data-dir`, shared by every command of `ogp` and by `ogp-search`.
public struct DataOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "The configuration file (YAML).", completion: .file(extensions: ["yml", "yaml"]))
    public var config: String?

    @Option(
        name: .long,
        help:
            "The data directory (default: the configuration's data_dir, else $XDG_DATA_HOME/ogp or ~/.local/share/ogp).",
        completion: .directory)
    public var dataDir: String?

    public init() {}

    /// The configuration given with `--config`; with `required`, `config/sources.yml` when it
    /// exists here. Missing file: 66; anything wrong inside: 78, naming the file, line and key.
    public func loadConfiguration(required: Bool) throws -> Configuration? {
        let path =
            config
            ?? (required && FileManager.default.fileExists(atPath: "config/sources.yml") ? "config/sources.yml" : nil)
        guard let path else {
            if required { throw CommandFailure(.config, "no configuration: pass --config FILE") }
            return nil
        }
        do {
            return try Configuration.load(path: path)
        } catch {
            throw CommandFailure(error.code == .missingFile ? .noInput : .config, error.description)
        }
    }

    /// `--data-dir`, else the configuration's `data_dir`, else the XDG default.
    public func dataDirectory(_ config: Configuration?) -> DataDirectory {
        DataDirectory.resolve(override: dataDir, config: config)
    }
}

/// `--log-level` and `--log-file`, for the commands that log (`ogp harvest`).
public struct LogOptions: ParsableArguments, Sendable {
    @Option(
        help:
            "Log level; info logs each run's start and end and each source's outcome, debug adds retries and politeness waits."
    )
    public var logLevel: LogLevel = .warning

    @Option(
        help: "Append the log to this file instead of standard error (same format; see config/logrotate/ogp).",
        completion: .file())
    public var logFile: String?

    public init() {}
}
