import Foundation
import Hummingbird
import OGPServe
import Testing

/// The pages in a real browser: headless Chromium (Debian's `chromium`, installed by
/// `scripts/setup.sh`) driven over the DevTools protocol by `browser/browser_test.py` — type a
/// query, see results, open a commitment, follow its link to a dataset — with a screenshot per step
/// under `.build/test-output/ogp-serve-browser/` (or `$OGP_TEST_OUTPUT`), failing on any console error.
@Suite struct BrowserTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "browser/browser_test.py")

    static var outputDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["OGP_TEST_OUTPUT"], !dir.isEmpty {
            return URL(fileURLWithPath: dir).appendingPathComponent("ogp-serve-browser")
        }
        return ServeFixture.repository.appendingPathComponent(".build/test-output/ogp-serve-browser")
    }

    @Test func searchOpenACommitmentFollowADataset() async throws {
        let fixture = try await ServeFixture.shared.value
        let out = Self.outputDirectory
        try? FileManager.default.removeItem(at: out)
        try await fixture.serve { client in
            let port = client.port
            let (status, output) = try await Self.run([
                "python3", Self.script.path, "--url", "http://127.0.0.1:\(port)", "--out", out.path,
                "--query", "données environnementales",
            ])
            #expect(status == 0, "\(output)")
        }
        for step in ["1-accueil", "2-resultats", "3-engagement", "4-jeu-de-donnees"] {
            let png = try Data(contentsOf: out.appendingPathComponent("\(step).png"))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(step).png is not a PNG")
            #expect(png.count > 5_000, "\(step).png is too small to show a page")
        }
    }

    /// Runs a command (found on PATH), returning its exit status and its output.
    static func run(_ arguments: [String]) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read on another thread: the script's output must not fill the pipe and block it.
        let output = await withCheckedContinuation { (c: CheckedContinuation<String, Never>) in
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                c.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
        return (process.terminationStatus, output)
    }
}
