import Foundation

/// A Jekyll source's git repository, cloned into the data directory with the system `git`
/// and pulled on later runs; the files changed between two commits come from `git diff`.
struct GitRepository {
    let url: String
    let directory: String
    let branch: String?

    /// What a sync did.
    struct Sync {
        var previous: String?
        var current: String
        /// Paths changed since `previous` (nil when everything must be read: first clone).
        var changed: Set<String>?
    }

    /// Clones or pulls, and returns the commits and the changed paths.
    func sync(lastCommit: String?) throws(HarvestError) -> Sync {
        if FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(".git")) {
            try git(["fetch", "--quiet", "origin"] + (branch.map { [$0] } ?? []), in: directory)
            let target = branch.map { "origin/\($0)" } ?? "FETCH_HEAD"
            try git(["reset", "--quiet", "--hard", target], in: directory)
        } else {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.createDirectory(
                atPath: (directory as NSString).deletingLastPathComponent, withIntermediateDirectories: true, attributes: nil)
            var args = ["clone", "--quiet", "--no-tags"]
            if let branch { args += ["--branch", branch] }
            try git(args + ["--", url, directory], in: nil)
        }
        let head = try git(["rev-parse", "HEAD"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let lastCommit, lastCommit != head else {
            return Sync(previous: lastCommit, current: head, changed: lastCommit == head ? [] : nil)
        }
        guard let diff = try? git(["diff", "--name-only", "--no-renames", lastCommit, head], in: directory) else {
            return Sync(previous: lastCommit, current: head, changed: nil)
        }
        let paths = Set(diff.split(separator: "\n").map(String.init))
        return Sync(previous: lastCommit, current: head, changed: paths)
    }

    @discardableResult
    private func git(_ args: [String], in cwd: String?) throws(HarvestError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + args
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw HarvestError(.git, "cannot run git (is it installed?)", place: url, cause: "\(error)")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw HarvestError(.git, "git \(args.first ?? "") failed", place: url, cause: message)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
