import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OGPIndex
import OGPServe
import OGPStore
import ServiceLifecycle

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response as the tests read it.
struct ServeResponse: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var data: Data

    var text: String { String(decoding: data, as: UTF8.self) }
    var contentType: String? { headers[.contentType] }

    /// The body as a JSON value.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }
}

/// Asks a server on 127.0.0.1 over real HTTP (Foundation's URLSession: libcurl).
///
/// Why not HummingbirdTesting, even in its `.router` mode (which calls the router in process and
/// needs no HTTP client at run time): in hummingbird 2.28.1 the `HummingbirdTesting` target
/// depends on `AsyncHTTPClient` and `NIOSSL` unconditionally and its own files import them
/// (`AsyncHTTPClientTestFramework.swift`, `TestClient.swift`), so any test target using it makes
/// SwiftPM build async-http-client, swift-nio-ssl (BoringSSL: 406 C and assembly files, 8.6 MB)
/// and swift-nio-http2 (with async-http-client and NIOSSL, over 50,000 lines of Swift) — the
/// build that did not finish in 50 min on this project's 2 shared cores. The real server on
/// loopback costs nothing more to build and tests what runs in production (NIO, the HTTP/1.1
/// codec, the middlewares in order).
struct TestClient: Sendable {
    let port: Int

    func execute<T>(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], _ check: (ServeResponse) async throws -> T
    ) async throws -> T {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(uri)") else { throw TestClientError.badURI(uri) }
        var request = URLRequest(url: url)
        request.httpMethod = method.rawValue
        request.cachePolicy = .reloadIgnoringLocalCacheData
        for field in headers { request.setValue(field.value, forHTTPHeaderField: field.name.rawName) }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw TestClientError.notHTTP }
        var fields = HTTPFields()
        for (key, value) in http.allHeaderFields {
            if let k = key as? String, let name = HTTPField.Name(k), let v = value as? String { fields[name] = v }
        }
        return try await check(
            ServeResponse(status: HTTPResponse.Status(code: http.statusCode), headers: fields, data: data))
    }
}

enum TestClientError: Error {
    case badURI(String), notHTTP, notStarted
}

extension ServeFixture {
    /// Runs the real server on a free port of 127.0.0.1 while `body` asks it, then stops it
    /// gracefully (as SIGTERM would).
    func serve<T: Sendable>(
        synonyms: SynonymList = .empty, searchCache: SearchResponseCache? = nil, baseURL: String = "http://ogp.test",
        totalHitsThreshold: Int = SearchParameters.defaultTotalHitsThreshold, sharedStore: (any CatalogBrowsing)? = nil,
        _ body: @escaping @Sendable (TestClient) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "ogp-serve-test")
        logger.logLevel = .warning
        let catalogue = ServeCatalogue(
            dataDirectory: dataDirectory, recheckInterval: 0, countsMaxAge: 0, synonyms: synonyms,
            totalHitsThreshold: totalHitsThreshold, sharedStore: sharedStore)
        let router = Routes.router(
            catalogue: catalogue, baseURL: baseURL, logger: logger, searchCache: searchCache)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { tasks in
            tasks.addTask {
                try await group.run()
                return nil
            }
            var it = ports.makeAsyncIterator()
            guard let port = await it.next(), port > 0 else { throw TestClientError.notStarted }
            let result: T
            do { result = try await body(TestClient(port: port)) } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }
}
