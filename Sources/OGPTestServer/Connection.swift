import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One accepted connection: reads requests (keep-alive), logs them, writes responses.
struct Connection {
    let server: TestServer
    let fd: Int32
    let number: Int
    private static let reasons = [
        200: "OK", 204: "No Content", 301: "Moved Permanently", 302: "Found", 303: "See Other",
        304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
        403: "Forbidden", 404: "Not Found", 408: "Request Timeout", 429: "Too Many Requests",
        500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]

    func run() {
        var buffer: [UInt8] = []
        while !server.isStopped {
            guard let (request, keepAlive) = readRequest(&buffer) else { return }
            server.record(request)
            let response =
                server.handler(for: request.target)?(request)
                ?? .text("not found\n", status: 404)
            if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
            guard respond(response, to: request) else { return }
            if !keepAlive { return }
        }
    }

    /// Reads one request head (and its Content-Length body); nil at EOF or on error.
    private func readRequest(_ buffer: inout [UInt8]) -> (RecordedRequest, Bool)? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            if let range = firstRange(of: terminator, in: buffer) {
                headEnd = range
                break
            }
            guard readMore(&buffer) else { return nil }
        }
        guard let end = headEnd else { return nil }
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        let arrival = TestServer.now
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let length = Int(headers.first { $0.name.lowercased() == "content-length" }?.value ?? "") ?? 0
        while buffer.count < length {
            guard readMore(&buffer) else { return nil }
        }
        let body = Array(buffer.prefix(length))
        buffer.removeFirst(length)
        let close = headers.contains { $0.name.lowercased() == "connection" && $0.value.lowercased() == "close" }
        let request = RecordedRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
            body: body, arrival: arrival, connection: number)
        return (request, !close)
    }

    private func readMore(_ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    private func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    /// Writes the response (or injects its fault); false when the connection must close.
    private func respond(_ response: TestResponse, to request: RecordedRequest) -> Bool {
        switch response.fault {
        case .reset?:
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            return false
        case .close?:
            return false
        default:
            break
        }
        var head = "HTTP/1.1 \(response.status) \(Self.reasons[response.status] ?? "Status")\r\n"
        var hasLength = false
        var chunked = false
        for (name, value) in response.headers {
            head += "\(name): \(value)\r\n"
            if name.lowercased() == "content-length" { hasLength = true }
            if name.lowercased() == "transfer-encoding", value.lowercased() == "chunked" { chunked = true }
        }
        let noContent = response.status == 304 || response.status == 204
        let bodyless = request.method == "HEAD" || noContent
        // A HEAD answer announces the length a GET would have.
        if !hasLength && !chunked && !noContent { head += "Content-Length: \(response.body.count)\r\n" }
        head += "\r\n"
        guard send(Array(head.utf8)) else { return false }
        if bodyless { return true }
        switch response.fault {
        case .hang(let afterBytes)?:
            _ = send(frame(Array(response.body.prefix(afterBytes)), chunked: chunked, last: false))
            while !server.isStopped { Thread.sleep(forTimeInterval: 0.02) }
            return false
        case .trickle(let interval)?:
            for byte in response.body {
                guard !server.isStopped, send(frame([byte], chunked: chunked, last: false)) else { return false }
                Thread.sleep(forTimeInterval: interval)
            }
            return !chunked || send(frame([], chunked: true, last: true))
        default:
            if !chunked { return send(response.body) }
            var offset = 0
            while offset < response.body.count {
                let end = min(offset + 65_536, response.body.count)
                guard send(frame(Array(response.body[offset..<end]), chunked: true, last: false)) else { return false }
                offset = end
            }
            return send(frame([], chunked: true, last: true))
        }
    }

    /// `bytes` as one chunk (plus the last-chunk marker when `last`), or as is.
    private func frame(_ bytes: [UInt8], chunked: Bool, last: Bool) -> [UInt8] {
        guard chunked else { return bytes }
        var out: [UInt8] = []
        if !bytes.isEmpty { out = Array("\(String(bytes.count, radix: 16))\r\n".utf8) + bytes + [13, 10] }
        if last { out += Array("0\r\n\r\n".utf8) }
        return out
    }

    private func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }
}
