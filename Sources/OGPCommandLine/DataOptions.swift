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

    /// The configuration given with `--config`; else the installed one (``installedConfigPaths``:
    /// `$XDG_CONFIG_HOME/ogp/sources.yml`, `~/.config/ogp/sources.yml`, `/etc/ogp/sources.yml`),
    /// whose `data_dir` every command then follows; with `required`, also `config/sources.yml`
    /// here (a checkout of ogp) first. None for a command that requires one: 66, naming where it
    /// looked. Anything wrong inside: 78, naming the file, line and key — except an installed
    /// configuration when `--data-dir` is given to a command that does not require one: a warning.
    public func loadConfiguration(required: Bool) throws -> Configuration? {
        let candidates = (required ? ["config/sources.yml"] : []) + Self.installedConfigPaths()
        let path = config ?? candidates.first { FileManager.default.fileExists(atPath: $0) }
        guard let path else {
            if required {
                throw CommandFailure(
                    .noInput,
                    "no configuration: pass --config FILE, or write one at "
                        + Self.installedConfigPaths().joined(separator: " or ")
                        + " (config/sources.yml in ogp's repository is an example)")
            }
            return nil
        }
        do {
            return try Configuration.load(path: path)
        } catch {
            if config == nil, !required, dataDir != nil {
                // Only the installed configuration's data_dir was wanted from it, and --data-dir
                // says where the data is: a broken file elsewhere must not stop a search or a show.
                let program = (CommandLine.arguments.first ?? "ogp").split(separator: "/").last.map(String.init) ?? "ogp"
                FileHandle.standardError.write(
                    Data("\(program): warning: the installed configuration is ignored: \(error.description)\n".utf8))
                return nil
            }
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
            "Log level (default: warning; none on a terminal without --log-file, where the summary says it); info logs each run's start and end and each source's outcome, debug adds retries and politeness waits."
    )
    public var logLevel: LogLevel?

    @Option(
        help: "Append the log to this file instead of standard error (same format; see config/logrotate/ogp).",
        completion: .file())
    public var logFile: String?

    public init() {}
}

extension DataOptions {
    /// Where an installed configuration is looked for, in order: the user's (XDG), then the
    /// system's (where `ogp schedule`'s examples put it).
    public static func installedConfigPaths(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String] {
        var paths: [String] = []
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            paths.append(xdg + "/ogp/sources.yml")
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            paths.append(home + "/.config/ogp/sources.yml")
        }
        paths.append("/etc/ogp/sources.yml")
        return paths
    }
}
