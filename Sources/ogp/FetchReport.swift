import Foundation
import OGPCommandLine
import OGPFetch

/// How `ogp fetch` prints a response or a failure (text for people, JSON for scripts).
enum FetchReport {
    static func print(_ response: FetchResponse, json: Bool, showBody: Bool) {
        if json {
            emit(object(response))
            return
        }
        var lines: [String] = []
        lines.append(
            "status: \(response.status)\(response.notModified ? " (not modified)" : "")\(response.fromCache ? " (from cache)" : "")"
        )
        lines.append("url: \(response.url)\(response.httpVersion.isEmpty ? "" : " (HTTP/\(response.httpVersion))")")
        lines.append("final url: \(response.finalURL)")
        lines.append("redirects: \(response.redirects)  retries: \(response.retries)")
        lines.append(
            "bytes: \(response.bytes) received, \(response.body.count) decoded\(response.bodyFile.map { " (saved to \($0))" } ?? "")"
        )
        let t = response.timings
        lines.append(
            String(
                format: "time: %.3f s (dns %.3f, connect %.3f, tls %.3f, first byte %.3f; waited %.3f)",
                t.total, t.nameLookup, t.connect, t.tls, t.firstByte, t.waited))
        lines.append(
            "validators: etag \(response.validators.etag ?? "-"), last-modified \(response.validators.lastModified ?? "-"), sha256 \(response.validators.bodyHash ?? "-")"
        )
        lines.append("headers:")
        for header in response.headers { lines.append("  \(header.name): \(header.value)") }
        let text = response.text()
        for warning in text.warnings { lines.append("warning: \(warning)") }
        Console.line(lines.joined(separator: "\n"))
        if showBody {
            Console.line()
            Console.line(text.text)
        }
    }

    static func printFailure(_ error: FetchError, url: String) {
        emit([
            "url": url, "final_url": error.url, "status": NSNull(), "bytes": 0, "retries": error.retries,
            "not_modified": false,
            "error": [
                "code": error.code.rawValue, "message": error.message, "url": error.url,
                "underlying": error.detail ?? NSNull(),
            ] as [String: Any],
        ])
    }

    private static func object(_ r: FetchResponse) -> [String: Any] {
        [
            "status": r.status, "http_version": r.httpVersion, "url": r.url, "final_url": r.finalURL, "bytes": r.bytes,
            "body_bytes": r.body.count, "body_file": r.bodyFile ?? NSNull(), "retries": r.retries,
            "redirects": r.redirects, "not_modified": r.notModified, "from_cache": r.fromCache,
            "headers": r.headers.map { [$0.name, $0.value] },
            "validators": [
                "etag": r.validators.etag ?? NSNull(), "last_modified": r.validators.lastModified ?? NSNull(),
                "body_hash": r.validators.bodyHash ?? NSNull(),
            ] as [String: Any],
            "timings": [
                "name_lookup": r.timings.nameLookup, "connect": r.timings.connect, "tls": r.timings.tls,
                "first_byte": r.timings.firstByte, "total": r.timings.total, "waited": r.timings.waited,
            ],
            "error": NSNull(),
        ]
    }

    private static func emit(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        Console.out(data + Data("\n".utf8))
    }
}
