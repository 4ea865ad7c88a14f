import Foundation
import OGPTestServer
import Testing

/// `ogp fetch` run as a process against the test server (skipped when the `ogp` binary
/// was not built next to the test bundle).
@Suite struct FetchCommandTests {
    static let binary: String? = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("ogp").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
        process.arguments = ["fetch"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)
        )
    }

    @Test(.enabled(if: binary != nil)) func jsonOutputAgainstTheTestServer() throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/robots.txt", .text("User-agent: *\nAllow: /\n"))
        server.route("/old", .redirect(to: "/data.json"))
        server.route("/data.json", .json(#"{"ok":true}"#, headers: [("ETag", "\"z\"")]))

        let result = try run(["--json", "--allow-private-network", server.url("/old")])

        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? Int == 200)
        #expect(object["final_url"] as? String == server.url("/data.json"))
        #expect(object["bytes"] as? Int == 11)
        #expect(object["retries"] as? Int == 0)
        #expect(object["not_modified"] as? Bool == false)
        #expect(object["error"] is NSNull)
    }

    @Test(.enabled(if: binary != nil)) func refusedAddressExitsNonZeroWithTheReason() throws {
        let server = try TestServer()
        defer { server.stop() }

        let result = try run(["--json", server.url("/data.json")])

        #expect(result.status == 2)
        #expect(result.stderr.contains("forbiddenAddress"))
        #expect(result.stdout.contains("\"forbiddenAddress\""))
        #expect(server.requests.isEmpty)
    }

    @Test(.enabled(if: binary != nil)) func sizeLimitAndTimeoutOptions() throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/big", .huge(100_000))
        server.route("/slow", TestResponse(body: [65], delay: 3))

        let big = try run(["--allow-private-network", "--ignore-robots", "--max-body-size", "10K", server.url("/big")])
        let slow = try run([
            "--allow-private-network", "--ignore-robots", "--timeout", "0.5", "--max-retries", "0",
            server.url("/slow"),
        ])

        #expect(big.status == 2)
        #expect(big.stderr.contains("bodyTooLarge"))
        #expect(slow.status == 2)
        #expect(slow.stderr.contains("timeout"))
    }
}
