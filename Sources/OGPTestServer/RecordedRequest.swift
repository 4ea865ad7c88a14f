#if canImport(Glibc)
import Glibc
#endif

/// A request as the test server received it, for assertions (headers, timing).
public struct RecordedRequest: Sendable {
    /// `GET`, `HEAD`…
    public var method: String
    /// Path and query as sent (`/a/b?x=1`).
    public var target: String
    /// Headers in order, names as sent.
    public var headers: [(name: String, value: String)]
    /// The request body (empty for GET).
    public var body: [UInt8]
    /// When the request head was fully read: monotonic seconds (`TestServer.now`).
    public var arrival: Double
    /// Which connection it came on (0, 1, …): equal numbers mean a reused connection.
    public var connection: Int

    /// The path without the query.
    public var path: String {
        String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}

extension TestServer {
    /// Monotonic seconds, the clock of `RecordedRequest.arrival`.
    public static var now: Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }
}
