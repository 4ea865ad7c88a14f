import Foundation
import OGPStore
import Testing

/// The throw-away PostgreSQL server `make test` starts (scripts/pg-test-cluster.sh).
enum TestPostgres {
    static let serverURL = ProcessInfo.processInfo.environment["OGP_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }
    static let skipReason: Comment =
        "no PostgreSQL server (OGP_TEST_POSTGRES_URL unset: run `make test`) or the ogp executable is not built"

    /// A new empty database on the test server; its URL.
    static func freshDatabase() throws -> String {
        let server = try #require(serverURL)
        let name = "ogp_h_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        return try PostgresStore.createDatabase(named: name, serverURL: server)
    }
}

/// The stores a harvest test runs on: SQLite always, PostgreSQL when the test server is up
/// (the PostgreSQL suites say so when it is not).
enum StoreChoice: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static var available: [StoreChoice] { TestPostgres.serverURL != nil ? [.sqlite, .postgres] : [.sqlite] }

    var testDescription: String { rawValue }
}
