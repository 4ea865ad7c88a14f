import Foundation
import OGPCatalog
import OGPCommandLine
import OGPModel
import OGPStore

/// `ogp index --follow`, `--update` and `--forget`: this machine's index kept up to date with
/// the catalogue through its own cursor in the store (``IndexFollower``).
struct IndexFollowing {
    let command: IndexCommand

    /// The store, the index directory and whose cursor it advances: the data directory's own
    /// index beside a SQLite catalogue is `local`; any other is named for this host and its path.
    func target() throws -> (store: any CatalogStore, directory: String, follower: IndexFollower) {
        let config = try command.common.loadConfiguration(required: false)
        let dir = command.common.dataDirectory(config)
        let directory = command.index ?? dir.indexPath
        if let shared = try command.stores.openShared(dir, config: config) {
            if command.index == nil { try command.common.prepare(dir) }
            return (shared, directory, .host(indexDirectory: directory))
        }
        guard FileManager.default.fileExists(atPath: dir.catalogPath) else {
            throw CommandFailure(.noInput, "no catalogue in \(dir.path): run `ogp harvest` first, or pass --data-dir")
        }
        let store = try command.common.openStore(dir)
        return (store, directory, command.index == nil ? .local : .host(indexDirectory: directory))
    }

    /// One pass: what changed since this index's cursor.
    func updateOnce() throws {
        let (store, directory, follower) = try target()
        let start = Date()
        let result: CatalogIndexer.Result
        do {
            result = try CatalogIndexer(directory: directory, follower: follower).update(from: store, rebuild: false)
        } catch {
            throw CommandFailure(.io, "cannot update the index \(directory): \(error)")
        }
        Console.line(Self.line(result, seconds: Date().timeIntervalSince(start), follower: follower))
    }

    /// Passes every `interval` until SIGINT/SIGTERM (exit 130, the index at its last commit).
    func follow(every interval: Double) async throws {
        let (store, directory, follower) = try target()
        let indexer = CatalogIndexer(directory: directory, follower: follower)
        Console.line("following the catalogue into \(directory) as \(follower), every \(Self.seconds(interval))")
        do {
            try await Interruptible.cancellingOnSignals {
                try await indexer.follow(store, every: .milliseconds(Int64(interval * 1000))) { pass in
                    switch pass {
                    case .updated(let result):
                        if result.indexed + result.deleted > 0 || result.rebuiltBecause != nil {
                            Console.line(Self.line(result, seconds: nil, follower: follower))
                        }
                    case .failed(let error):
                        Console.error("ogp: index update failed, retrying in \(Self.seconds(interval)): \(error)")
                    }
                }
            }
        } catch is CancellationError {
            throw CommandFailure(.interrupted, "stopped; the index is at its last commit")
        }
    }

    /// `ogp index --forget NAME`.
    func forget(_ name: String) throws {
        let (store, _, _) = try target()
        let follower = IndexFollower(rawValue: name)
        guard try store.forgetIndexFollower(follower) else {
            let known = try store.indexFollowers().map(\.follower.rawValue)
            throw CommandFailure(
                .noInput,
                "no index follows the catalogue as `\(name)`; known: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
            )
        }
        Console.line("forgot the index follower \(name)")
    }

    static func line(_ result: CatalogIndexer.Result, seconds: Double?, follower: IndexFollower) -> String {
        var line = "\(ISODate.string(from: Date())) indexed \(result.indexed), deleted \(result.deleted)"
        if let seconds { line += String(format: " in %.2f s", seconds) }
        if let because = result.rebuiltBecause { line += " (rebuilt: \(because))" }
        return line + " [\(follower)]"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
