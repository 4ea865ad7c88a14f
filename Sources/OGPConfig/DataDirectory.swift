import Foundation
import OGPCore

/// Where ogp keeps its catalogue, index, caches and locks.
///
/// Resolution: `--data-dir`, else the config's `data_dir`, else `$XDG_DATA_HOME/ogp`, else
/// `~/.local/share/ogp`.
public struct DataDirectory: Sendable, Hashable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Resolves the data directory from the command line, the configuration and the environment.
    public static func resolve(
        override: String?, config: Configuration?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> DataDirectory {
        if let override, !override.isEmpty {
            return DataDirectory(path: URL(fileURLWithPath: override).standardizedFileURL.path)
        }
        if let dir = config?.dataDir { return DataDirectory(path: dir) }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return DataDirectory(path: (xdg as NSString).appendingPathComponent("ogp"))
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return DataDirectory(path: (home as NSString).appendingPathComponent(".local/share/ogp"))
    }

    /// The SQLite catalogue.
    public var catalogPath: String { (path as NSString).appendingPathComponent("catalog.sqlite") }
    /// The search index directory.
    public var indexPath: String { (path as NSString).appendingPathComponent("index") }
    /// The fetch layer's response cache.
    public var cachePath: String { (path as NSString).appendingPathComponent("cache") }
    /// Git clones of Jekyll sources.
    public var reposPath: String { (path as NSString).appendingPathComponent("repos") }
    /// The harvest lock file.
    public var lockPath: String { (path as NSString).appendingPathComponent("harvest.lock") }

    /// Creates the directory, or explains why it cannot be used.
    public func prepare() throws(ConfigError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ConfigError(
                .invalidValue, "cannot create the data directory; choose another with --data-dir", file: path,
                cause: FileErrorText.cause(error))
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw ConfigError(
                .invalidValue,
                "the data directory is not writable; fix its permissions or choose another with --data-dir", file: path)
        }
    }
}
