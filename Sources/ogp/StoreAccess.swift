import Foundation
import OGPCatalog
import OGPCommandLine
import OGPStore

extension DataOptions {
    /// Opens the catalogue of the data directory for a command that writes to it.
    func openStore(_ dir: DataDirectory) throws -> SQLiteStore {
        do {
            try dir.prepare()
        } catch {
            throw CommandFailure(.cannotCreate, error.description)
        }
        do {
            return try SQLiteStore(path: dir.catalogPath)
        } catch {
            throw CommandFailure(error.code == .newerSchema ? .config : .io, error.description)
        }
    }

    /// Opens the catalogue for a command that only reads it (`status`, `export`): a read-only
    /// data directory (a backup, a mounted snapshot) is fine. A missing catalogue is 66.
    func openStoreForReading(_ dir: DataDirectory) throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: dir.catalogPath) else {
            throw CommandFailure(.noInput, "no catalogue in \(dir.path): run `ogp harvest` first, or pass --data-dir")
        }
        do {
            return try SQLiteStore(path: dir.catalogPath, readOnly: !Self.isWritable(dir))
        } catch {
            throw CommandFailure(error.code == .newerSchema ? .config : .io, error.description)
        }
    }

    /// True when the catalogue and its directory can be written (SQLite's WAL files live beside it).
    static func isWritable(_ dir: DataDirectory) -> Bool {
        access(dir.path, W_OK) == 0 && access(dir.catalogPath, W_OK) == 0
    }
}
