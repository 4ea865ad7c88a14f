import ArgumentParser
import Foundation
import Hummingbird
import Logging
import OGPCatalog
import OGPCommandLine
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

    @Option(name: .long, help: "The data directory (default: $XDG_DATA_HOME/ogp or ~/.local/share/ogp).")
    var dataDir: String?

    @Option(name: .long, help: "Address to bind (default: loopback only).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port (0: any free port).")
    var port: Int = 8080

    @Option(name: .long, help: "Public base URL, for absolute links in /catalog.jsonld (default: http://HOST:PORT).")
    var baseURL: String?

    @Option(
        name: .long,
        help: "Megabytes of decompressed stored-field blocks kept for searches (0: none; about 10 hits per 16 KB).")
    var storedCacheMb: Int = ServeCatalogue.defaultStoredCacheBytes >> 20

    @Option(
        name: .long,
        help: """
            Synonym groups applied to queries, as ogp-search applies them: a file, or none \
            (default: the list built into ogp, config/synonyms.txt of this build).
            """)
    var synonyms: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard (0...65536).contains(storedCacheMb) else { throw ValidationError("--stored-cache-mb must be 0…65536") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must start with http:// or https://")
        }
    }

    func run() async throws {
        var logger = Logger(label: "ogp-serve")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let dir = DataDirectory.resolve(override: dataDir, config: nil)
        guard FileManager.default.fileExists(atPath: dir.path) else {
            FileHandle.standardError.write(
                Data("ogp-serve: no data directory at \(dir.path); run `ogp harvest` or pass --data-dir\n".utf8))
            throw ExitCode(66)
        }
        let list: SynonymList
        do { (list, _) = try SynonymsChoice.load(option: synonyms, configPath: nil) } catch {
            FileHandle.standardError.write(Data("ogp-serve: \(error.message)\n".utf8))
            throw ExitCode(error.status.rawValue)
        }
        let catalogue = ServeCatalogue(dataDirectory: dir, storedCacheBytes: storedCacheMb << 20, synonyms: list)
        let base = baseURL ?? "http://\(host):\(port)"
        let router = Routes.router(catalogue: catalogue, baseURL: base, logger: logger)
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
