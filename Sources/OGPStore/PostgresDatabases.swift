import Foundation

extension PostgresStore {
    /// Creates an empty database `name` on the server of `serverURL` (whose user may create
    /// databases) and returns the URL of the new database. For tests, benchmarks and set-up scripts.
    public static func createDatabase(named name: String, serverURL: String) throws(StoreError) -> String {
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !name.isEmpty else {
            throw StoreError(
                .cannotOpen, "a database name is letters, digits and underscores: \(name)", path: serverURL)
        }
        let pool = PostgresPool(url: serverURL, limit: 1)
        do {
            try pool.with { db in try db.run("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'") }
        } catch {
            throw StoreError(.cannotOpen, "cannot create the database \(name)", path: pool.displayURL, cause: error)
        }
        return databaseURL(serverURL, name: name)
    }

    /// Drops database `name` on the server of `serverURL` (missing is not an error).
    public static func dropDatabase(named name: String, serverURL: String) throws(StoreError) {
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !name.isEmpty else {
            return
        }
        let pool = PostgresPool(url: serverURL, limit: 1)
        do {
            try pool.with { db in try db.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        } catch {
            throw StoreError(.io, "cannot drop the database \(name)", path: pool.displayURL, cause: error)
        }
    }

    /// `serverURL` with its database replaced by `name`.
    static func databaseURL(_ serverURL: String, name: String) -> String {
        guard var components = URLComponents(string: serverURL) else { return serverURL }
        components.path = "/" + name
        return components.string ?? serverURL
    }

    /// The size of the database on disk, in bytes (for `ogp status` and benchmarks).
    public func databaseSize() throws(StoreError) -> Int {
        try guarded("cannot read the database size") {
            try pool.with { db in try db.query("SELECT pg_database_size(current_database()) AS n").int(0, "n") ?? 0 }
        }
    }
}
