import Foundation
import OGPStore

/// Where the catalogue lives: the SQLite file in the data directory (the default), or a
/// PostgreSQL database shared by several machines (`store: postgres://user@host:port/db` in the
/// configuration, or `--store URL` on the command line).
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// Resolves the store: `--store`, else the configuration's `store`, else the data directory's
    /// SQLite file. `sqlite` names that file; `sqlite:PATH` another one.
    public static func resolve(
        override: String?, config: Configuration?, dataDirectory: DataDirectory
    ) throws(ConfigError) -> StoreLocation {
        let value = override.flatMap { $0.isEmpty ? nil : $0 } ?? config?.store
        guard let value else { return .sqlite(path: dataDirectory.catalogPath) }
        guard let location = parse(value, dataDirectory: dataDirectory) else {
            throw ConfigError(
                .invalidValue,
                "unknown store `\(value)`: use postgres://user@host:port/database, sqlite or sqlite:PATH",
                file: override != nil ? "--store" : (config?.file ?? "--store"), key: "store")
        }
        return location
    }

    /// The location a `store` value names, or nil when it names none.
    public static func parse(_ value: String, dataDirectory: DataDirectory) -> StoreLocation? {
        if PostgresStore.accepts(value) { return .postgres(url: value) }
        if value == "sqlite" { return .sqlite(path: dataDirectory.catalogPath) }
        if value.hasPrefix("sqlite:"), value.count > 7 {
            return .sqlite(path: URL(fileURLWithPath: String(value.dropFirst(7))).standardizedFileURL.path)
        }
        return nil
    }

    /// True for PostgreSQL: a store several machines share (harvest workers, search hosts).
    public var isShared: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// False when a SQLite file is not there yet (a PostgreSQL database is always "there").
    public var exists: Bool {
        switch self {
        case .sqlite(let path): FileManager.default.fileExists(atPath: path)
        case .postgres: true
        }
    }

    /// Opens the store (creating and migrating when needed).
    public func open() throws(StoreError) -> any CatalogStore {
        switch self {
        case .sqlite(let path): try SQLiteStore(path: path)
        case .postgres(let url): try PostgresStore(url: url)
        }
    }

    /// The store when it is not `dataDirectory`'s own SQLite file, nil when it is (the commands
    /// open that one their own way: after the data directory's lock, read-only when it cannot be
    /// written). `readOnly`: another SQLite file is opened for reading only, following its
    /// writers (`ogp-serve`).
    public func openShared(
        dataDirectory: DataDirectory, readOnly: Bool = false
    ) throws(StoreError) -> (any CatalogBrowsing)? {
        switch self {
        case .sqlite(let path) where path == dataDirectory.catalogPath: nil
        case .sqlite(let path): try SQLiteStore(path: path, readOnly: readOnly, followsWriters: readOnly)
        case .postgres(let url): try PostgresStore(url: url)
        }
    }

    /// The path, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): PostgresStore.redacted(url)
        }
    }
}
