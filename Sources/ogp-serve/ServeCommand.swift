import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import OGPCatalog
import OGPCommandLine
import OGPConfig
import OGPIndex
import OGPServe

/// `ogp-serve`: the catalogue as web pages, a JSON API and a DCAT endpoint, read-only.
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ogp-serve",
        abstract: "Serve the ogp catalogue: search pages, JSON API, OpenAPI, DCAT (read-only).",
        discussion: """
            Routes:
              pages  /  /search?q=  /records/{id}  /plans/{id}
              API    /api/search  /api/records/{id}  /api/plans  /openapi.json
                     /catalog.jsonld  /healthz

            The catalogue and index are read, never written; a new harvest shows without a restart. SIGTERM or SIGINT stops gracefully (requests in flight finish).
            """
    )

    /// `--config` and `--data-dir` as for ogp: without them, the installed configuration's `data_dir`.
    @OptionGroup var common: DataOptions

    @Option(
        name: .long,
        help: "The catalogue's database: postgres://user@host:port/db (default: the configuration's store, else SQLite in the data directory, which then holds the index following it).")
    var store: String?

    @Option(name: .long, help: "Address to bind (default: loopback only).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port (0: any free port).")
    var port: Int = 8080

    @Option(name: .long, help: "Public base URL (default: http://HOST:PORT): the DCAT links are made from it, and its path (a reverse proxy's /ogp/) starts every link of the pages.")
    var baseURL: String?

    @Option(
        name: .long,
        help: "Megabytes of decompressed stored-field blocks kept for searches (0: none; about 10 hits per 16 KB).")
    var storedCacheMb: Int = ServeCatalogue.defaultStoredCacheBytes >> 20

    @Option(
        name: .long,
        help: "/api/search responses kept for searches asked again (0: none; up to 24 MB; dropped when the index changes).")
    var searchCacheEntries: Int = 1000

    @Option(
        name: .long,
        help: """
            Synonym groups applied to queries, as ogp-search applies them: a file, or none \
            (default: synonyms.txt beside the configuration, else the list built into ogp).
            """)
    var synonyms: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    /// Runs the command with NIO's event loops as Swift Concurrency's executor: a request is
    /// read, searched and answered on one thread instead of hopping between NIO's threads and
    /// the concurrency pool's (two pools of one thread per core on a machine of two cores).
    static func main() async {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard (0...65536).contains(storedCacheMb) else { throw ValidationError("--stored-cache-mb must be 0…65536") }
        guard (0...1_000_000).contains(searchCacheEntries) else {
            throw ValidationError("--search-cache-entries must be 0…1000000")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must start with http:// or https://")
        }
    }

    func run() async throws {
        var logger = Logger(label: "ogp-serve")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let config: Configuration?
        do { config = try common.loadConfiguration(required: false) } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("ogp-serve: \(failure.message)\n".utf8))
            throw ExitCode(failure.status.rawValue)
        }
        let dir = common.dataDirectory(config)
        guard FileManager.default.fileExists(atPath: dir.path) else {
            FileHandle.standardError.write(
                Data("ogp-serve: no data directory at \(dir.path); run `ogp harvest` or pass --data-dir\n".utf8))
            throw ExitCode(66)
        }
        let list: SynonymList
        do { (list, _) = try SynonymsChoice.load(option: synonyms, configPath: config?.file) } catch {
            FileHandle.standardError.write(Data("ogp-serve: \(error.message)\n".utf8))
            throw ExitCode(error.status.rawValue)
        }
        let catalogue: ServeCatalogue
        do {
            let location = try StoreLocation.resolve(override: store, config: config, dataDirectory: dir)
            catalogue = ServeCatalogue(
                dataDirectory: dir, storedCacheBytes: storedCacheMb << 20, synonyms: list,
                sharedStore: try location.openShared(dataDirectory: dir, readOnly: true))
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("ogp-serve: \(error.description)\n".utf8))
            throw ExitCode(64)
        } catch {
            FileHandle.standardError.write(Data("ogp-serve: \(error)\n".utf8))
            throw ExitCode(74)
        }
        let base = baseURL ?? "http://\(host):\(port)"
        let router = Routes.router(
            catalogue: catalogue, baseURL: base, logger: logger,
            searchCache: SearchResponseCache(maxEntries: searchCacheEntries, maxBytes: 24 << 20))
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "ogp-serve"),
            onServerRunning: { channel in
                let where_ = channel.localAddress.map { "\($0)" } ?? "\(host):\(port)"
                FileHandle.standardError.write(Data("ogp-serve: serving \(dir.path) on \(where_)\n".utf8))
            },
            logger: logger)
        try await app.runService()
    }
}
