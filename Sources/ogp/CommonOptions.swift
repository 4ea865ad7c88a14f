import ArgumentParser
import Foundation
import OGPCatalog
import OGPStore

/// Options shared by the commands that read the configuration and the data directory.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (YAML).")
    var config: String?

    @Option(name: .long, help: "The data directory (default: the config's data_dir, else $XDG_DATA_HOME/ogp or ~/.local/share/ogp).")
    var dataDir: String?

    @Option(name: .long, help: "The catalogue's database: postgres://user@host:port/db (default: the config's store, else SQLite in the data directory).")
    var store: String?

    /// The configuration, when one was given or `config/sources.yml` exists here.
    func loadConfiguration(required: Bool) throws -> Configuration? {
        let path = config ?? (FileManager.default.fileExists(atPath: "config/sources.yml") && required ? "config/sources.yml" : nil)
        guard let path else {
            if required { throw CLIError(code: .config, message: "no configuration: pass --config FILE") }
            return nil
        }
        do {
            return try Configuration.load(path: path)
        } catch {
            throw CLIError(code: error.code == .missingFile ? .noInput : .config, message: error.description)
        }
    }

    func dataDirectory(_ config: Configuration?) -> DataDirectory {
        DataDirectory.resolve(override: dataDir, config: config)
    }

    /// The catalogue: `--store`, else the configuration's `store`, else SQLite in the data directory.
    func storeLocation(_ dir: DataDirectory, config: Configuration?) throws -> StoreLocation {
        do {
            return try StoreLocation.resolve(override: store, config: config, dataDirectory: dir)
        } catch {
            throw CLIError(code: .usage, message: error.description)
        }
    }

    /// The store a harvest is given: nil for the data directory's own SQLite file (the harvester
    /// opens it once it holds the data directory's lock), else the store opened.
    func harvestStore(_ dir: DataDirectory, config: Configuration?) throws -> (any CatalogStore)? {
        let location = try storeLocation(dir, config: config)
        if case .sqlite(let path) = location, path == dir.catalogPath { return nil }
        return try openStore(dir, config: config, create: true)
    }

    /// Opens the catalogue (see ``storeLocation(_:config:)``).
    func openStore(_ dir: DataDirectory, config: Configuration? = nil, create: Bool) throws -> any CatalogStore {
        let location = try storeLocation(dir, config: config)
        if !create, !location.exists {
            throw CLIError(code: .noInput, message: "no catalogue in \(dir.path): run `ogp harvest` first, or pass --data-dir")
        }
        do {
            try dir.prepare()
        } catch {
            throw CLIError(code: .cannotCreate, message: error.description)
        }
        do {
            return try location.open()
        } catch {
            throw CLIError(code: error.code == .newerSchema ? .config : .io, message: error.description)
        }
    }
}

/// A command-line failure: a message on stderr and a sysexits-style code.
struct CLIError: Error, CustomStringConvertible {
    enum Code: Int32 {
        case usage = 64, dataError = 65, noInput = 66, cannotCreate = 73, io = 74, config = 78
    }

    var code: Code
    var message: String

    var description: String { message }
}

extension CLIError {
    /// Prints the message on stderr and exits with the code.
    func exit() -> ExitCode {
        FileHandle.standardError.write(Data("ogp: \(message)\n".utf8))
        return ExitCode(code.rawValue)
    }
}

/// Runs a command body, turning ``CLIError`` into its message and exit code.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        throw error.exit()
    }
}
