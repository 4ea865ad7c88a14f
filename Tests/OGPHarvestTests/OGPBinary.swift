import Foundation

/// The built `ogp` executable (`swift build --build-tests` builds it next to the test bundle),
/// run as a child process.
enum OGPBinary {
    /// `.build/debug/ogp` (or wherever the test bundle's products are), nil when not built.
    static let path: String? = {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            var dir = executable.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("ogp"))
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("ogp"))
        candidates.append(Workspace.repository.appendingPathComponent(".build/debug/ogp"))
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }?.path
    }()

    /// What a finished child process gave.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts `ogp` with `arguments`; output goes to files under `directory`.
    static func start(_ arguments: [String], in directory: URL) throws -> (Process, URL, URL) {
        guard let path else { throw BinaryError.notBuilt }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let id = UUID().uuidString
        let out = directory.appendingPathComponent("stdout-\(id)"),
            err = directory.appendingPathComponent("stderr-\(id)")
        try Data().write(to: out)
        try Data().write(to: err)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    /// Runs `ogp` with `arguments` to the end.
    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        let (process, out, err) = try start(arguments, in: directory)
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Runs blocking work (child processes, sleeps) on a GCD thread, so that it never holds one
    /// of Swift's few cooperative threads that the in-process harvests of other tests need.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Swift.Result(catching: { try body() })) }
        }
    }

    enum BinaryError: Error {
        case notBuilt
    }
}
