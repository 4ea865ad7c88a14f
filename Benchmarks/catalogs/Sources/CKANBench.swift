import Foundation
import OGPCatalog
import OGPHarvest
import OGPModel
import OGPTestServer

/// `ckan --datasets N --page P --template FILE`: a CKAN `package_search` of N packages (DataSud's
/// captured packages repeated with new ids) served on loopback in pages of P, harvested by a
/// real `ckan` source into a fresh catalogue (SQLite, no search index); prints datasets/s end to end.
enum CKANBench {
    static func run(datasets: Int, page: Int, template: String) async throws {
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: template))) as? [String: Any]
        let captured = (json?["result"] as? [String: Any])?["results"] as? [[String: Any]] ?? []
        guard !captured.isEmpty else { throw BenchError.corpus(template) }
        // Pre-encoded package bodies with a placeholder id, so the server costs little.
        let bodies: [String] = try captured.map { p in
            var p = p
            p["id"] = "@@ID@@"
            p["name"] = "\(p["name"] as? String ?? "p")-@@ID@@"
            return String(
                decoding: try JSONSerialization.data(withJSONObject: p, options: [.sortedKeys]), as: UTF8.self)
        }
        let server = try TestServer()
        defer { server.stop() }
        server.route("/api/3/action/package_search") { request in
            let query = URLComponents(string: "http://x" + request.target)?.queryItems ?? []
            let rows = Int(query.first { $0.name == "rows" }?.value ?? "100") ?? 100
            let start = Int(query.first { $0.name == "start" }?.value ?? "0") ?? 0
            var out = #"{"help": "package_search", "success": true, "result": {"count": \#(datasets), "results": ["#
            for n in start..<min(datasets, start + rows) {
                if n > start { out += "," }
                out += bodies[n % bodies.count].replacingOccurrences(
                    of: "@@ID@@", with: String(format: "bench-%07d", n))
            }
            out += "]}}"
            return .json(out)
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
    }
}
