import Foundation
import OGPTestServer

/// A git repository made by a test, served over git's "dumb" HTTP protocol by the test server
/// (`/repo.git/…` → the files of `.git`), so a `jekyll` source clones and pulls it as a remote.
struct GitFixture {
    let work: URL
    let server: TestServer

    init(in root: URL, server: TestServer) throws {
        try self.init(at: root.appendingPathComponent("site"), server: server)
    }

    /// A repository whose working tree is `work`.
    init(at work: URL, server: TestServer) throws {
        self.work = work
        self.server = server
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try git("init", "--quiet", "--initial-branch=main")
    }

    var url: String { server.url("/repo.git") }

    /// Writes `contents` at `path` (relative to the working tree).
    func write(_ path: String, _ contents: Data) throws {
        let file = work.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file)
    }

    /// Commits everything and publishes the repository (refs and objects) on the server.
    func commit(_ message: String) throws {
        try git("add", "--all")
        try git("-c", "user.name=OGP Tests", "-c", "user.email=tests@example.org", "commit", "--quiet", "-m", message)
        try git("update-server-info")
        let gitDir = work.appendingPathComponent(".git")
        let prefix = gitDir.path.count + 1
        let files = FileManager.default.enumerator(at: gitDir, includingPropertiesForKeys: [.isRegularFileKey])
        while let file = files?.nextObject() as? URL {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = file.path
            server.route("/repo.git/" + String(path.dropFirst(prefix))) { _ in
                guard let data = FileManager.default.contents(atPath: path) else { return TestResponse(status: 404) }
                return .bytes([UInt8](data), contentType: "application/octet-stream")
            }
        }
    }

    @discardableResult
    func git(_ args: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + args
        process.currentDirectoryURL = work
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GitFixtureError.failed(args.joined(separator: " ")) }
        return String(decoding: data, as: UTF8.self)
    }
}

enum GitFixtureError: Error {
    case failed(String)
}
