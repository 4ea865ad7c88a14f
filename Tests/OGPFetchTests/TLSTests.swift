import Foundation
import OGPFetch
import Testing

/// HTTPS through `openssl s_server -WWW` with a certificate made for the test (skipped when
/// the `openssl` command is missing).
@Suite(.serialized) struct TLSTests {
    static let openssl: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A running `openssl s_server` serving `directory` over TLS on a free port.
    final class TLSServer {
        let process = Process()
        let port: Int
        let caFile: String

        init(openssl: String, directory: String) throws {
            caFile = directory + "/cert.pem"
            let key = directory + "/key.pem"
            let make = Process()
            make.executableURL = URL(fileURLWithPath: openssl)
            make.arguments = [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", caFile,
                "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ]
            make.standardError = FileHandle.nullDevice
            try make.run()
            make.waitUntilExit()
            port = try Self.freePort()
            process.executableURL = URL(fileURLWithPath: openssl)
            process.arguments = [
                "s_server", "-WWW", "-accept", "127.0.0.1:\(port)", "-cert", caFile, "-key", key, "-quiet",
            ]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 {
                if Self.accepts(port) { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }

        func stop() {
            kill(process.processIdentifier, SIGKILL)  // s_server does not stop on SIGTERM
            process.waitUntilExit()
        }

        static func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        static func accepts(_ port: Int) -> Bool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
        }
    }

    @Test(.enabled(if: openssl != nil)) func httpsWithATrustedCertificate() async throws {
        let directory = temporaryDirectory()
        try Data(#"{"tls":true}"#.utf8).write(to: URL(fileURLWithPath: directory + "/data.json"))
        let server = try TLSServer(openssl: try #require(Self.openssl), directory: directory)
        defer { server.stop() }
        let url = "https://127.0.0.1:\(server.port)/data.json"

        let trusting = try Fetcher(configuration: FetcherConfiguration(caBundlePath: server.caFile))
        defer { trusting.shutdown() }
        let response = try await trusting.fetch(FetchRequest(url: url, policy: testPolicy()))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains(#"{"tls":true}"#))
        #expect(response.timings.tls > 0)

        let untrusting = try makeFetcher()
        defer { untrusting.shutdown() }
        let error = await fetchError { () async throws(FetchError) in
            try await untrusting.fetch(FetchRequest(url: url, policy: testPolicy()))
        }
        #expect(error?.code == .tlsFailure)
    }
}
