import Foundation
import OGPCatalog
import OGPHarvest
import OGPModel
import OGPStore
import OGPTestServer

/// `ckan --datasets N --page P --template FILE`: a CKAN `package_search` of N packages (DataSud's
/// captured packages repeated with new ids) served on loopback in pages of P, harvested by a
/// real `ckan` source into a fresh catalogue (SQLite, no search index); prints datasets/s end to end.
/// With `dump`, writes every stored record's JSON (sorted by id, one a line) to that file, to
/// compare the catalogue before and after a change.
enum CKANBench {
    static func run(datasets: Int, page: Int, template: String, dump: String? = nil) async throws {
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: template))) as? [String: Any]
        let captured = (json?["result"] as? [String: Any])?["results"] as? [[String: Any]] ?? []
        guard !captured.isEmpty else { throw BenchError.corpus(template) }
        // Pre-encoded package bodies cut at the placeholder id, so that the server (in this process,
        // its CPU time counted with ogp's) only copies bytes.
        let bodies: [[[UInt8]]] = try captured.map { p in
            var p = p
            p["id"] = "@@ID@@"
            p["name"] = "\(p["name"] as? String ?? "p")-@@ID@@"
            let text = String(
                decoding: try JSONSerialization.data(withJSONObject: p, options: [.sortedKeys]), as: UTF8.self)
            return text.components(separatedBy: "@@ID@@").map { Array($0.utf8) }
        }
        let server = try TestServer()
        defer { server.stop() }
        server.route("/api/3/action/package_search") { request in
            let query = URLComponents(string: "http://x" + request.target)?.queryItems ?? []
            let rows = Int(query.first { $0.name == "rows" }?.value ?? "100") ?? 100
            let start = Int(query.first { $0.name == "start" }?.value ?? "0") ?? 0
            var out = Array(
                #"{"help": "package_search", "success": true, "result": {"count": \#(datasets), "results": ["#.utf8)
            for n in start..<min(datasets, start + rows) {
                if n > start { out.append(UInt8(ascii: ",")) }
                let id = Array(String(format: "bench-%07d", n).utf8)
                for (i, part) in bodies[n % bodies.count].enumerated() {
                    if i > 0 { out += id }
                    out += part
                }
            }
            out += Array("]}}".utf8)
            return .bytes(out, contentType: "application/json")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ogp-bench-ckan-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let config = """
            user_agent: ogp-bench/0.1
            contact: https://example.org/ogp-bench
            sources:
              - name: ckan
                kind: ckan
                url: "\(server.url("/"))"
                page_size: \(page)
                allow_private_network: true
                min_delay_ms: 0
                max_retries: 0
            """
        let configPath = root.appendingPathComponent("config.yml").path
        try Data(config.utf8).write(to: URL(fileURLWithPath: configPath))
        let harvester = Harvester(
            config: try Configuration.load(path: configPath),
            dataDirectory: DataDirectory(path: root.appendingPathComponent("data").path),
            options: HarvestOptions(), indexer: nil)
        let clock = ContinuousClock()
        let start = clock.now
        let report = try await harvester.run()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let items = report.sources.first { $0.name == "ckan" }?.items
        print(
            String(
                format:
                    "ogp    ckan packages=%d page=%d added=%d failed=%d status=%@ seconds=%.2f datasets_per_s=%.0f max_rss_mb=%.1f",
                datasets, page, items?.added ?? 0, items?.failed ?? 0, "\(report.status)", seconds,
                Double(datasets) / seconds, maxRSSMegabytes()))
        if let dump {
            let store = try SQLiteStore(path: root.appendingPathComponent("data/catalog.sqlite").path, readOnly: true)
            var lines: [String] = []
            try store.forEachRecord(RecordFilter()) { record in
                lines.append(String(decoding: RecordCoding.bytes(record), as: UTF8.self))
            }
            try Data((lines.sorted().joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dump))
        }
    }
}
