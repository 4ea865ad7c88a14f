import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP/1.1 server on a loopback address and an ephemeral port, for tests.
///
/// Routes map a target (`/path?query` exactly, else `/path`) to a response or a handler;
/// unknown targets answer 404. Every request is logged with its arrival time, so tests
/// can assert politeness and retry timing on the server side. Keep-alive is supported.
///
/// ```swift
/// let server = try TestServer()
/// defer { server.stop() }
/// server.route("/data.json", .json(#"{"ok":true}"#))
/// // … fetch server.url("/data.json") …
/// #expect(server.requests(path: "/data.json").count == 1)
/// ```
public final class TestServer: @unchecked Sendable {
    /// A route's answer, computed per request.
    public typealias Handler = @Sendable (RecordedRequest) -> TestResponse

    /// The address bound (e.g. `127.0.0.1`).
    public let host: String
    /// The ephemeral port bound.
    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var routes: [String: Handler] = [:]
    private var log: [RecordedRequest] = []
    private var connections: [Int32] = []
    private var connectionCount = 0
    private var stopped = false

    /// Binds `host` (any 127.x.y.z address works on Linux) on an ephemeral port and starts accepting.
    public init(host: String = "127.0.0.1") throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestServerError.socket("socket: \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr(host)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && listen(fd, 256) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw TestServerError.socket("bind \(host): \(errno)")
        }
        self.host = host
        self.port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "test-server-accept"
        thread.start()
    }

    deinit {
        stop()
    }

    /// `http://host:port`.
    public var baseURL: String { "http://\(host):\(port)" }

    /// `baseURL` + `target` (which starts with `/`).
    public func url(_ target: String) -> String { baseURL + target }

    /// Answers `target` with a fixed response.
    public func route(_ target: String, _ response: TestResponse) {
        route(target) { _ in response }
    }

    /// Answers `target` with a handler called per request.
    public func route(_ target: String, handler: @escaping Handler) {
        lock.lock()
        routes[target] = handler
        lock.unlock()
    }

    /// Answers `target` with `responses` in turn; the last one repeats.
    public func sequence(_ target: String, _ responses: [TestResponse]) {
        let counter = Counter()
        route(target) { _ in
            let index = counter.next()
            return responses.isEmpty ? TestResponse(status: 404) : responses[min(index, responses.count - 1)]
        }
    }

    /// Serves `body` with an `ETag` and `Last-Modified`, answering 304 to a matching
    /// `If-None-Match` or an `If-Modified-Since` equal to `lastModified`.
    public func conditional(
        _ target: String, body: String, etag: String, lastModified: String,
        contentType: String = "application/json"
    ) {
        route(target) { request in
            let validators = [("ETag", etag), ("Last-Modified", lastModified)]
            if let match = request.header("If-None-Match") {
                if match == etag || match == "*" { return TestResponse(status: 304, headers: validators) }
            } else if request.header("If-Modified-Since") == lastModified {
                return TestResponse(status: 304, headers: validators)
            }
            return .text(body, contentType: contentType, headers: validators)
        }
    }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }

    /// Requests whose path (without query) is `path`.
    public func requests(path: String) -> [RecordedRequest] {
        requests.filter { $0.path == path }
    }

    /// Stops accepting and closes every connection (hanging ones included). Idempotent.
    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        let open = connections
        lock.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    func handler(for target: String) -> Handler? {
        lock.lock()
        defer { lock.unlock() }
        if let exact = routes[target] { return exact }
        let path = String(target.split(separator: "?", maxSplits: 1).first ?? "")
        return routes[path]
    }

    func record(_ request: RecordedRequest) {
        lock.lock()
        log.append(request)
        lock.unlock()
    }

    private func acceptLoop() {
        while !isStopped {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            lock.lock()
            if stopped {
                lock.unlock()
                close(fd)
                return
            }
            connections.append(fd)
            let number = connectionCount
            connectionCount += 1
            lock.unlock()
            let thread = Thread { [self] in
                Connection(server: self, fd: fd, number: number).run()
                lock.lock()
                connections.removeAll { $0 == fd }
                lock.unlock()
                close(fd)
            }
            thread.start()
        }
    }
}

/// Errors starting the test server.
public enum TestServerError: Error {
    /// A socket call failed.
    case socket(String)
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}
