/// What the test server answers on a route: a status, headers and body, possibly late,
/// possibly broken on purpose (`fault`).
public struct TestResponse: Sendable {
    /// Ways to misbehave.
    public enum Fault: Sendable, Hashable {
        /// Read the request, then reset the connection (RST) without answering.
        case reset
        /// Close the connection without answering.
        case close
        /// Send the head and `afterBytes` of the body, then stop sending (the connection
        /// stays open until the server stops).
        case hang(afterBytes: Int)
        /// Send the body one byte at a time, one byte every `interval` seconds.
        case trickle(interval: Double)
    }

    /// Status code.
    public var status: Int
    /// Headers; `Content-Length` is added unless present or `Transfer-Encoding: chunked` is
    /// set (then the body is sent in chunks).
    public var headers: [(String, String)]
    /// Body bytes.
    public var body: [UInt8]
    /// Seconds to wait before answering.
    public var delay: Double
    /// A fault to inject.
    public var fault: Fault?

    /// Creates a response.
    public init(
        status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [],
        delay: Double = 0, fault: Fault? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.fault = fault
    }

    /// A text body with a content type (default `text/plain; charset=utf-8`).
    public static func text(
        _ text: String, status: Int = 200,
        contentType: String = "text/plain; charset=utf-8",
        headers: [(String, String)] = []
    ) -> TestResponse {
        TestResponse(status: status, headers: [("Content-Type", contentType)] + headers, body: Array(text.utf8))
    }

    /// A JSON body.
    public static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> TestResponse {
        .text(text, status: status, contentType: "application/json", headers: headers)
    }

    /// Raw bytes with a content type.
    public static func bytes(_ bytes: [UInt8], contentType: String, headers: [(String, String)] = []) -> TestResponse {
        TestResponse(headers: [("Content-Type", contentType)] + headers, body: bytes)
    }

    /// A redirect (`Location` as given: absolute or relative).
    public static func redirect(to location: String, status: Int = 302) -> TestResponse {
        TestResponse(status: status, headers: [("Location", location)])
    }

    /// 429 or 503 with `Retry-After` (seconds, or an HTTP date string).
    public static func retryAfter(_ value: String, status: Int = 429) -> TestResponse {
        TestResponse(
            status: status, headers: [("Retry-After", value), ("Content-Type", "text/plain")],
            body: Array("slow down\n".utf8))
    }

    /// A body of `count` bytes of `x`.
    public static func huge(_ count: Int) -> TestResponse {
        .bytes([UInt8](repeating: UInt8(ascii: "x"), count: count), contentType: "application/octet-stream")
    }

    /// `count` bytes sent with chunked encoding (no Content-Length); with `hangAfter`, the
    /// server stops sending after that many bytes.
    public static func chunked(_ count: Int, hangAfter: Int? = nil) -> TestResponse {
        TestResponse(
            headers: [("Content-Type", "application/octet-stream"), ("Transfer-Encoding", "chunked")],
            body: [UInt8](repeating: UInt8(ascii: "y"), count: count),
            fault: hangAfter.map { .hang(afterBytes: $0) })
    }

    /// A gzip-encoded body that inflates to `decompressedBytes` zeros (~1/160 of that on the wire).
    public static func gzipBomb(decompressedBytes: Int) -> TestResponse {
        TestResponse(
            headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
            body: Gzip.bomb(decompressedBytes: decompressedBytes))
    }

    /// A deflate-encoded (zlib) body that inflates to `decompressedBytes` zeros.
    public static func deflateBomb(decompressedBytes: Int) -> TestResponse {
        TestResponse(
            headers: [("Content-Type", "application/json"), ("Content-Encoding", "deflate")],
            body: Gzip.zlibBomb(decompressedBytes: decompressedBytes))
    }

    /// `text` sent deflate-encoded (`Content-Encoding: deflate`, a zlib stream).
    public static func deflated(_ text: String, contentType: String = "application/json") -> TestResponse {
        TestResponse(
            headers: [("Content-Type", contentType), ("Content-Encoding", "deflate")],
            body: Gzip.zlibStored(Array(text.utf8)))
    }

    /// `text` sent gzip-encoded (`Content-Encoding: gzip`).
    public static func gzipped(_ text: String, contentType: String = "application/json") -> TestResponse {
        TestResponse(
            headers: [("Content-Type", contentType), ("Content-Encoding", "gzip")],
            body: Gzip.stored(Array(text.utf8)))
    }
}
