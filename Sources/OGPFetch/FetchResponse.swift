import Foundation
import OGPModel

/// Where the time of one fetch went, in seconds (of the last attempt, but `waited`).
public struct FetchTimings: Sendable, Hashable, Codable {
    /// DNS resolution.
    public var nameLookup: Double = 0
    /// TCP connect done (from start).
    public var connect: Double = 0
    /// TLS handshake done (from start; 0 for cleartext).
    public var tls: Double = 0
    /// First response byte (from start).
    public var firstByte: Double = 0
    /// Whole last attempt.
    public var total: Double = 0
    /// Time spent waiting for politeness slots, robots, backoff and `Retry-After`.
    public var waited: Double = 0

    /// Zero timings.
    public init() {}
}

/// The result of a fetch, whatever the HTTP status: 200, 304, 404 and 500 are all values.
public struct FetchResponse: Sendable {
    /// HTTP status (200 for a file:// read, 304 when not modified).
    public var status: Int
    /// The protocol of the last hop: "1.0", "1.1", "2" (HTTP/2 over TLS), or "" (file, cache).
    public var httpVersion: String = ""
    /// The URL requested.
    public var url: String
    /// The URL of the last hop after redirects (percent-encoded where the request's was not).
    public var finalURL: String
    /// Response headers of the last hop, in order, names as received.
    public var headers: [(name: String, value: String)]
    /// The decoded body (empty when streamed to `bodyFile`, or for a 304 not in the cache).
    public var body: Data
    /// The file the body was streamed to (`FetchRequest.saveToFile` or a spill file).
    public var bodyFile: String?
    /// The server answered 304 Not Modified to our validators.
    public var notModified: Bool
    /// The body comes from the on-disk cache (cache hit, or 304 filled from the cache).
    public var fromCache: Bool
    /// Retries made (0 when the first attempt was final).
    public var retries: Int
    /// Redirects followed.
    public var redirects: Int
    /// Body bytes received from the network over all attempts (as sent, before decoding).
    public var bytes: Int
    /// Where the time went.
    public var timings: FetchTimings
    /// Validators to keep for the next run (ETag, Last-Modified, hash of the body).
    public var validators: Validators

    /// Creates a response (used by the fetcher and by tests of callers).
    public init(
        status: Int, url: String, finalURL: String, headers: [(name: String, value: String)] = [],
        body: Data = Data(), bodyFile: String? = nil, notModified: Bool = false,
        fromCache: Bool = false, retries: Int = 0, redirects: Int = 0, bytes: Int = 0,
        timings: FetchTimings = FetchTimings(), validators: Validators = Validators()
    ) {
        self.status = status
        self.url = url
        self.finalURL = finalURL
        self.headers = headers
        self.body = body
        self.bodyFile = bodyFile
        self.notModified = notModified
        self.fromCache = fromCache
        self.retries = retries
        self.redirects = redirects
        self.bytes = bytes
        self.timings = timings
        self.validators = validators
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body's bytes: `body`, or the contents of `bodyFile`.
    public func bodyData() throws(FetchError) -> Data {
        guard let bodyFile else { return body }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: bodyFile))
        } catch {
            throw FetchError(.fileError, "cannot read \(bodyFile): \(error)", url: finalURL)
        }
    }

    /// The body as text: charset from Content-Type, else BOM, else `<meta charset>` / XML
    /// declaration, else UTF-8; invalid UTF-8 is decoded as Windows-1252 with a warning.
    public func text() -> DecodedText {
        let data = (try? bodyData()) ?? body
        return TextDecoding.decode(data, contentType: header("Content-Type"))
    }

    /// For a `file://` directory: its entries, sorted by name (nil for anything else).
    public func directoryListing() -> [DirectoryEntry]? {
        guard header("Content-Type") == DirectoryEntry.contentType else { return nil }
        return try? JSONDecoder().decode([DirectoryEntry].self, from: body)
    }
}
