import Foundation

/// A Jekyll source's git repository, cloned into the data directory with the system `git`
/// and pulled on later runs; the files changed between two commits come from `git diff`.
struct GitRepository: Sendable {
    let url: String
    let directory: String
    let branch: String?

    /// What a sync did.
    struct Sync: Sendable {
        var previous: String?
        var current: String
        /// Paths changed since `previous` (nil when everything must be read: first clone).
        var changed: Set<String>?
    }

    /// ``sync(lastCommit:)`` on a thread of its own: git can run for minutes, and blocking one
    /// of the few cooperative threads (two on a 2-core server) would stall the other sources
    /// and the time limits.
    func syncOffPool(lastCommit: String?) async throws(HarvestError) -> Sync {
        let result: Result<Sync, HarvestError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do throws(HarvestError) {
                    continuation.resume(returning: .success(try sync(lastCommit: lastCommit)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// Clones or pulls, and returns the commits and the changed paths. What a killed run may
    /// leave is repaired: stale `*.lock` files are removed (the harvest lock guarantees no other
    /// git works here), and a clone that is not a usable repository is made again. A clone is
    /// made beside the directory and renamed into place, so it is never seen half done.
    func sync(lastCommit: String?) throws(HarvestError) -> Sync {
        let gitDir = (directory as NSString).appendingPathComponent(".git")
        if FileManager.default.fileExists(atPath: gitDir) {
            removeStaleLocks(in: gitDir)
        }
        if FileManager.default.fileExists(atPath: gitDir),
            (try? git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], in: directory)) != nil
        {
            try git(["fetch", "--quiet", "origin"] + (branch.map { [$0] } ?? []), in: directory)
            let target = branch.map { "origin/\($0)" } ?? "FETCH_HEAD"
            try git(["reset", "--quiet", "--hard", target], in: directory)
        } else {
            try cloneIntoPlace()
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

    private func cloneIntoPlace() throws(HarvestError) {
        let fm = FileManager.default
        let partial = directory + ".partial"
        try? fm.removeItem(atPath: partial)
        try? fm.createDirectory(
            atPath: (directory as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: nil)
        var args = ["clone", "--quiet", "--no-tags"]
        if let branch { args += ["--branch", branch] }
        try git(args + ["--", url, partial], in: nil)
        do {
            if fm.fileExists(atPath: directory) { try fm.removeItem(atPath: directory) }
            try fm.moveItem(atPath: partial, toPath: directory)
        } catch {
            throw HarvestError(.git, "cannot move the new clone into place", place: directory, underlying: error)
        }
    }

    /// Removes the `*.lock` files a killed git left in `gitDir`.
    private func removeStaleLocks(in gitDir: String) {
        guard let files = FileManager.default.enumerator(atPath: gitDir) else { return }
        while let file = files.nextObject() as? String {
            if file.hasSuffix(".lock") && !file.hasPrefix("objects/") {
                try? FileManager.default.removeItem(atPath: (gitDir as NSString).appendingPathComponent(file))
            }
        }
    }

    @discardableResult
    private func git(_ args: [String], in cwd: String?) throws(HarvestError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + args
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        // Never look above the clone for a repository: a data directory inside a working tree
        // (`demo-data/` in ogp's own) must not make git act on that tree when the clone is broken.
        if let cwd { env["GIT_CEILING_DIRECTORIES"] = (cwd as NSString).deletingLastPathComponent }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw HarvestError(.git, "cannot run git (is it installed?)", place: url, underlying: error)
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
