import Foundation
import OGPTestServer

/// A CKAN portal on the test server: `package_search` over a list of packages (DataSud's
/// captured packages, replicated with new ids and dates), honouring `rows`, `start` and
/// `sort=metadata_modified desc`, answered with DataSud's captured headers (no validators, as
/// the real portal: a second run relies on body hashes and the watermark). Packages can be
/// changed, broken, or the portal turned into a 500 or a server ignoring `start`.
final class CKANPortal: @unchecked Sendable {
    let server: TestServer
    private let lock = NSLock()
    private var packages: [[String: Any]] = []
    private var broken = Set<String>()
    var failing = false
    var ignoresStart = false
    /// Answers an empty listing (`count: 0`), as a portal in maintenance may.
    var empty = false
    static let path = "/api/3/action/package_search"
    /// Headers of DataSud's captured `package_search` response (ckan-datasud/SOURCES.md).
    static let headers = [
        ("Server", "nginx/1.22.1"), ("Content-Type", "application/json"), ("Vary", "Accept-Encoding, Accept, Cookie"),
        ("Allow", "GET, HEAD, OPTIONS"), ("Content-Language", "fr"), ("X-Cache-status", "MISS"),
    ]

    /// `count` packages made from the 7 captured ones; package n is modified on day n of 2025.
    init(count: Int) throws {
        server = try TestServer()
        let json =
            try JSONSerialization.jsonObject(with: Workspace.fixture("catalogs/ckan-datasud-package_search.json"))
            as? [String: Any]
        let captured = (json?["result"] as? [String: Any])?["results"] as? [[String: Any]] ?? []
        for n in 0..<count {
            var p = captured[n % captured.count]
            p["id"] = String(format: "pkg-%03d", n)
            p["name"] = "\(p["name"] as? String ?? "p")-\(n)"
            p["title"] = "\(p["title"] as? String ?? "") \(n)"
            p["metadata_modified"] = Self.day(n)
            packages.append(p)
        }
        server.route(Self.path) { [weak self] request in self?.answer(request) ?? TestResponse(status: 404) }
    }

    deinit { server.stop() }

    var url: String { server.url("/") }

    static func day(_ n: Int) -> String {
        let date = Date(timeIntervalSince1970: 1_735_689_600 + Double(n) * 86_400)  // 2025-01-01 + n days
        return String(ISO8601DateFormatter().string(from: date).prefix(19))
    }

    /// Changes package `id`'s title and makes it the most recently modified.
    func change(_ id: String, title: String, modifiedDay: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard let i = packages.firstIndex(where: { $0["id"] as? String == id }) else { return }
        packages[i]["title"] = title
        packages[i]["metadata_modified"] = Self.day(modifiedDay)
    }

    /// Serves package `id` as a number instead of an object (a broken entry).
    func breakPackage(_ id: String) {
        lock.lock()
        broken.insert(id)
        lock.unlock()
    }

    var searchRequests: [RecordedRequest] { server.requests(path: Self.path) }

    private func answer(_ request: RecordedRequest) -> TestResponse {
        lock.lock()
        defer { lock.unlock() }
        if failing { return .text("Internal Server Error\n", status: 500) }
        let query = URLComponents(string: "http://x" + request.target)?.queryItems ?? []
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value }
        let rows = Int(value("rows") ?? "10") ?? 10
        let start = ignoresStart ? 0 : Int(value("start") ?? "0") ?? 0
        var sorted = empty ? [] : packages
        if value("sort") == "metadata_modified desc" {
            sorted.sort { ($0["metadata_modified"] as? String ?? "") > ($1["metadata_modified"] as? String ?? "") }
        }
        let slice = start < sorted.count ? Array(sorted[start..<min(sorted.count, start + rows)]) : []
        let results: [Any] = slice.map { p -> Any in broken.contains(p["id"] as? String ?? "") ? 42 as Any : p as Any }
        let body: [String: Any] = [
            "help": "package_search", "success": true, "result": ["count": sorted.count, "results": results],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return TestResponse(status: 200, headers: Self.headers, body: Array(data))
    }
}

/// An OpenDataSoft portal (Explore v2.1 `catalog/datasets`) on the test server: the spec's
/// example datasets replicated, `limit`/`offset`, and `where=metas.default.modified > date'…'`.
/// Like the real API, it refuses `limit` above 100 and `offset + limit` above 10,000 with HTTP
/// 400 and the spec's error body (`error_code` `InvalidRESTParameterError`, as reported for the
/// live API; the offset message's wording is not documented), and serves the
/// whole catalogue, filtered alike, at `catalog/exports/json` (a JSON array).
final class OpenDataSoftPortal: @unchecked Sendable {
    let server: TestServer
    private let lock = NSLock()
    private var datasets: [[String: Any]] = []
    static let path = "/api/explore/v2.1/catalog/datasets"
    static let exportPath = "/api/explore/v2.1/catalog/exports/json"

    /// `count` datasets made from the spec's examples; `light` leaves out their `fields` (the
    /// schema of their records, which ogp does not read), for catalogues of thousands.
    init(count: Int, light: Bool = false) throws {
        server = try TestServer()
        let json =
            try JSONSerialization.jsonObject(with: Workspace.fixture("catalogs/ods-v2.1-datasets.json"))
            as? [String: Any]
        let captured = json?["results"] as? [[String: Any]] ?? []
        for n in 0..<count {
            var d = captured[n % captured.count]
            d["dataset_id"] = "jeu-\(n)"
            if light { d["fields"] = [] }
            var metas = (d["metas"] as? [String: Any])?["default"] as? [String: Any] ?? [:]
            // Dataset n is modified on day n of 2025 (a minute apart when `light`: thousands of
            // days would run into the future, where dates are refused as implausible).
            let minute = String(
                ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_735_689_600 + Double(n) * 60))
                    .prefix(19))
            metas["modified"] = (light ? minute : CKANPortal.day(n)) + "+00:00"
            metas["title"] = "Jeu \(n)"
            d["metas"] = ["default": metas]
            datasets.append(d)
            _ = encoded(d)  // before the server answers: a request is then only a copy
        }
        server.route(Self.path) { [weak self] request in self?.answer(request) ?? TestResponse(status: 404) }
        server.route(Self.exportPath) { [weak self] request in
            self?.answer(request, export: true) ?? TestResponse(status: 404)
        }
    }

    deinit { server.stop() }

    var url: String { server.url("/") }
    var requests: [RecordedRequest] { server.requests(path: Self.path) }
    var exportRequests: [RecordedRequest] { server.requests(path: Self.exportPath) }

    private var encodedDatasets: [String: Data] = [:]

    /// The JSON of dataset `d`, made once per content.
    private func encoded(_ d: [String: Any]) -> Data {
        let key =
            "\(d["dataset_id"] ?? "")|\(((d["metas"] as? [String: Any])?["default"] as? [String: Any])?["title"] ?? "")"
        if let known = encodedDatasets[key] { return known }
        let data = (try? JSONSerialization.data(withJSONObject: d, options: [.sortedKeys])) ?? Data()
        encodedDatasets[key] = data
        return data
    }

    func touch(_ n: Int, title: String, day: Int) {
        lock.lock()
        defer { lock.unlock() }
        var metas = (datasets[n]["metas"] as? [String: Any])?["default"] as? [String: Any] ?? [:]
        metas["title"] = title
        metas["modified"] = CKANPortal.day(day) + "+00:00"
        datasets[n]["metas"] = ["default": metas]
    }

    static func invalidParameter(_ message: String) -> TestResponse {
        .json(#"{"message": "\#(message)", "error_code": "InvalidRESTParameterError"}"#, status: 400)
    }

    private func answer(_ request: RecordedRequest, export: Bool = false) -> TestResponse {
        lock.lock()
        defer { lock.unlock() }
        let query = URLComponents(string: "http://x" + request.target)?.queryItems ?? []
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value }
        let limit = Int(value("limit") ?? (export ? "-1" : "10")) ?? 10
        let offset = Int(value("offset") ?? "0") ?? 0
        if !export {
            guard limit <= 100 else {
                return Self.invalidParameter(
                    "Invalid value for limit API parameter: \(limit) was found but -1 <= limit <= 100 is expected.")
            }
            guard offset + limit <= 10_000 else {
                return Self.invalidParameter("Invalid value for offset API parameter: offset + limit must be <= 10000.")
            }
        }
        var selected = datasets
        if let filter = value("where") {
            // Only the clauses ogp sends: `metas.default.modified > date'…'`, and a full-text
            // string literal `"words"` (matched here against titles), alone or joined by AND.
            let quote = filter.firstIndex(of: "\"")
            let end = quote.flatMap { filter[filter.index(after: $0)...].firstIndex(of: "\"") }
            let open = filter.range(of: "date'")
            let close = open.flatMap { filter[$0.upperBound...].firstIndex(of: "'") }
            guard (open != nil && close != nil) || end != nil else {
                return .json(#"{"error_code": "ODSQLError", "message": "bad where"}"#, status: 400)
            }
            if let open, let close {
                let since = String(filter[open.upperBound..<close])
                selected = selected.filter { d in
                    let m = ((d["metas"] as? [String: Any])?["default"] as? [String: Any])?["modified"] as? String ?? ""
                    return String(m.prefix(19)) > String(since.prefix(19))
                }
            }
            if let quote, let end {
                let words = filter[filter.index(after: quote)..<end].lowercased()
                selected = selected.filter { d in
                    let title = ((d["metas"] as? [String: Any])?["default"] as? [String: Any])?["title"] as? String ?? ""
                    return title.lowercased().hasPrefix(words)
                }
            }
        }
        let end = limit < 0 ? selected.count : min(selected.count, offset + limit)
        let slice = offset < end ? Array(selected[offset..<end]) : []
        // Each dataset encoded once (10,000 of them per export): the body is their bytes joined.
        var data = Data(export ? "[".utf8 : #"{"total_count": \#(selected.count), "results": ["#.utf8)
        for (n, d) in slice.enumerated() {
            if n > 0 { data.append(UInt8(ascii: ",")) }
            data.append(encoded(d))
        }
        data.append(contentsOf: Array((export ? "]" : "]}").utf8))
        return TestResponse(
            status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(data))
    }
}
