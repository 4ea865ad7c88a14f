import Foundation
import OGPTestServer

/// A test server serving captured responses as a real origin does: an `ETag` and a
/// `Last-Modified` per body, 304 to a matching conditional request. Bodies can be changed or
/// turned into errors between runs.
final class FixtureServer: @unchecked Sendable {
    let server: TestServer
    private let lock = NSLock()
    private var bodies: [String: (body: [UInt8], version: Int, status: Int, headers: [(String, String)])] = [:]

    init() throws {
        server = try TestServer()
    }

    deinit { server.stop() }

    func url(_ target: String) -> String { server.url(target) }

    /// Serves `body` at `target` (exact path and query), conditionally; `headers` are added.
    func serve(
        _ target: String, _ body: [UInt8], contentType: String = "application/json",
        status: Int = 200, headers: [(String, String)] = []
    ) {
        lock.lock()
        let version = (bodies[target]?.version ?? 0) + 1
        bodies[target] = (body, version, status, [("Content-Type", contentType)] + headers)
        lock.unlock()
        server.route(target) { [weak self] request in
            self?.answer(target, request) ?? TestResponse(status: 404)
        }
    }

    func serve(
        _ target: String, text: String, contentType: String = "application/json", headers: [(String, String)] = []
    ) {
        serve(target, Array(text.utf8), contentType: contentType, headers: headers)
    }

    /// Answers `target` with an error status from now on.
    func fail(_ target: String, status: Int = 500) {
        server.route(target, .text("Internal Server Error\n", status: status))
    }

    private func answer(_ target: String, _ request: RecordedRequest) -> TestResponse {
        lock.lock()
        let entry = bodies[target]
        lock.unlock()
        guard let entry else { return TestResponse(status: 404) }
        let etag = "\"v\(entry.version)-\(entry.body.count)\""
        let lastModified = "Mon, 1\(min(entry.version, 9)) Jan 2026 10:00:00 GMT"
        let validators = [("ETag", etag), ("Last-Modified", lastModified)]
        if let match = request.header("If-None-Match") {
            if match == etag { return TestResponse(status: 304, headers: validators) }
        } else if request.header("If-Modified-Since") == lastModified {
            return TestResponse(status: 304, headers: validators)
        }
        return TestResponse(status: entry.status, headers: entry.headers + validators, body: entry.body)
    }

    /// Requests of the harvest (not robots.txt).
    var requests: [RecordedRequest] {
        server.requests.filter { $0.path != "/robots.txt" }
    }

    /// Forgets the requests logged so far (by remembering how many there were).
    func mark() -> Int { server.requests.count }

    /// Requests after `mark`, robots.txt excluded.
    func requests(since mark: Int) -> [RecordedRequest] {
        Array(server.requests.dropFirst(mark)).filter { $0.path != "/robots.txt" }
    }

    func stop() { server.stop() }
}

/// The udata API pages of the fixtures: `datasets.json` cut into pages of `pageSize`, each
/// with the envelope of the real API v1 (`data`, `page`, `page_size`, `total`, `next_page`).
enum UdataPages {
    static func datasets() throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Workspace.fixture("udata/datasets.json"))
        return json as? [[String: Any]] ?? []
    }

    /// Page bodies for `datasets`; `next(n)` gives page n's `next_page` (nil: the last page).
    static func pages(_ datasets: [[String: Any]], pageSize: Int, next: (Int) -> String?) throws -> [String] {
        var out: [String] = []
        var start = 0
        var number = 1
        while start < datasets.count {
            let slice = Array(datasets[start..<min(start + pageSize, datasets.count)])
            let envelope: [String: Any] = [
                "data": slice, "page": number, "page_size": pageSize, "total": datasets.count,
                "next_page": next(number) ?? NSNull(), "previous_page": NSNull(),
            ]
            let data = try JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys])
            out.append(String(decoding: data, as: UTF8.self))
            start += pageSize
            number += 1
        }
        return out
    }
}
