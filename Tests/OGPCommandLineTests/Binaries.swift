import Foundation

/// The built `ogp` and `ogp-search` executables (`swift build --build-tests` builds them next
/// to the test bundle), run as child processes, and a scratch directory per test.
enum Binaries {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let ogp: String? = locate("ogp")
    static let search: String? = locate("ogp-search")
    /// Built by `swift build` (debug) but not by `make demo`'s release build: tests skip it when absent.
    static let serve: String? = locate("ogp-serve")
    static var built: Bool { ogp != nil && search != nil }

    private static func locate(_ name: String) -> String? {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            var dir = executable.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent(name))
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
        candidates.append(repository.appendingPathComponent(".build/debug/\(name)"))
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }?.path
    }

    /// What a finished child process gave.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` with `arguments` in `directory`; standard output goes to `stdoutPath`
    /// when given (`/dev/full`), else is captured. `environment` is added to this process's.
    static func run(
        _ executable: String?, _ arguments: [String], in directory: URL, environment: [String: String] = [:],
        stdoutPath: String? = nil, prefix: [String] = []
    ) throws -> Result {
        guard let executable else { throw Failure.notBuilt }
        let process = Process()
        if prefix.isEmpty {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [executable] + arguments
        }
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = nil
        env["NO_COLOR"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let id = UUID().uuidString
        let out = directory.appendingPathComponent(".stdout-\(id)"),
            err = directory.appendingPathComponent(".stderr-\(id)")
        try Data().write(to: out)
        try Data().write(to: err)
        if let stdoutPath {
            guard let handle = FileHandle(forWritingAtPath: stdoutPath) else { throw Failure.cannotOpen(stdoutPath) }
            process.standardOutput = handle
        } else {
            process.standardOutput = try FileHandle(forWritingTo: out)
        }
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Runs blocking work on a GCD thread, never on one of Swift's few cooperative threads.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Swift.Result(catching: { try body() })) }
        }
    }

    enum Failure: Error {
        case notBuilt
        case cannotOpen(String)
    }
}

/// A temporary directory for one test, removed at the end.
struct Scratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ogp-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove() {
        _ = try? FileManager.default.removeItem(at: root)
    }

    /// A harvested demo catalogue in `data/` (the bundled sample, offline).
    func harvestDemo() throws -> String {
        let data = path("data")
        let result = try Binaries.run(
            Binaries.ogp,
            [
                "harvest", "--config", Binaries.repository.appendingPathComponent("config/demo.yml").path, "--data-dir",
                data, "--quiet",
            ],
            in: root)
        guard result.status == 0 else { throw DemoFailure(stderr: result.stderr) }
        return data
    }

    struct DemoFailure: Error { var stderr: String }
}
