import ArgumentParser
import Foundation
import OGPCatalog
import OGPCommandLine
import OGPStore

/// `--store URL`: the catalogue in a PostgreSQL database shared by several machines, instead of
/// the data directory's SQLite file (also `store:` in the configuration).
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "The catalogue's database: postgres://user@host:port/db (default: the configuration's store, else SQLite in the data directory)."
    )
    var store: String?

    /// Where the catalogue is; a usage error (64) names a value that is no store.
    func location(_ dir: DataDirectory, config: Configuration?) throws -> StoreLocation {
        do {
            return try StoreLocation.resolve(override: store, config: config, dataDirectory: dir)
        } catch {
            throw CommandFailure(.usage, error.description)
        }
    }

    /// The store when it is not the data directory's own SQLite file (which the commands open
    /// their own way, after the data directory's lock), nil otherwise.
    func openShared(_ dir: DataDirectory, config: Configuration?) throws -> (any CatalogStore)? {
        let location = try location(dir, config: config)
        do {
            return try location.openShared(dataDirectory: dir)
        } catch {
            throw CommandFailure(error.code == .newerSchema ? .config : .io, error.description)
        }
    }

    /// The store for a command that only reads it: the shared one, else the data directory's.
    func openForReading(_ dir: DataDirectory, config: Configuration?, common: DataOptions) throws -> any CatalogStore {
        if let shared = try openShared(dir, config: config) { return shared }
        return try common.openStoreForReading(dir)
    }
}

extension DataOptions {
    /// Creates the data directory (for the local parts of a shared catalogue: the index, caches).
    func prepare(_ dir: DataDirectory) throws {
        do {
            try dir.prepare()
        } catch {
            throw CommandFailure(.cannotCreate, error.description)
        }
    }
}
