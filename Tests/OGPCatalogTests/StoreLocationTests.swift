import Foundation
import OGPCatalog
import Testing

/// `store:` in the configuration and `--store` choose the catalogue; SQLite stays the default.
@Suite("Store location")
struct StoreLocationTests {
    let dir = DataDirectory(path: "/var/lib/ogp")

    @Test func sqliteInTheDataDirectoryByDefault() throws {
        #expect(
            try StoreLocation.resolve(override: nil, config: nil, dataDirectory: dir)
                == .sqlite(path: "/var/lib/ogp/catalog.sqlite"))
        #expect(
            try StoreLocation.resolve(override: "sqlite", config: nil, dataDirectory: dir)
                == .sqlite(path: "/var/lib/ogp/catalog.sqlite"))
    }

    @Test func configurationStoreAndTheCommandLineOverride() throws {
        let path = try TestPaths.write(
            """
            store: postgres://ogp@db.example.org:5432/ogp
            sources: []
            """)
        let config = try Configuration.load(path: path)
        #expect(config.store == "postgres://ogp@db.example.org:5432/ogp")
        let fromConfig = try StoreLocation.resolve(override: nil, config: config, dataDirectory: dir)
        #expect(fromConfig == .postgres(url: "postgres://ogp@db.example.org:5432/ogp"))
        #expect(fromConfig.isShared)
        let overridden = try StoreLocation.resolve(
            override: "sqlite:/tmp/other.sqlite", config: config, dataDirectory: dir)
        #expect(overridden == .sqlite(path: "/tmp/other.sqlite"))
    }

    @Test func aPasswordNeverShowsAndAnUnknownStoreIsAnError() throws {
        let location = StoreLocation.postgres(url: "postgresql://ogp:hunter2@db/ogp")
        #expect(!"\(location)".contains("hunter2"))
        #expect(throws: ConfigError.self) {
            _ = try StoreLocation.resolve(override: "mysql://db/ogp", config: nil, dataDirectory: dir)
        }
        let path = try TestPaths.write(
            """
            store: mongodb://db/ogp
            sources: []
            """)
        do {
            _ = try Configuration.load(path: path)
            Issue.record("expected a configuration error")
        } catch {
            #expect(error.line == 1 && error.key == "store")
        }
    }
}
