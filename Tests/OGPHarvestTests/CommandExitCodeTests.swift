import Foundation
import OGPHarvest
import Testing

/// `ogp harvest` as cron runs it: the documented exit codes for configuration errors, and the
/// warning naming the dead holder of a lock taken over.
@Suite(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
struct CommandExitCodeTests {
    func harvest(_ workspace: Workspace, _ extra: [String] = []) throws -> OGPBinary.Result {
        try OGPBinary.run(
            ["harvest", "--config", workspace.configPath, "--data-dir", workspace.dataDirectory.path, "--quiet"]
                + extra,
            in: workspace.root)
    }

    @Test func aMissingConfigurationFileIs66() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try harvest(workspace)
        #expect(result.status == 66)
        #expect(result.stderr.contains(workspace.configPath))
    }

    @Test func anUnknownKeyIs78AndNamesItsLine() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.writeConfig([
            Workspace.source("api", kind: "udata", url: "http://127.0.0.1:9/", extra: ["page_sise: 3"])
        ])
        let result = try harvest(workspace)
        #expect(result.status == 78)
        #expect(result.stderr.contains("page_sise"))
        #expect(result.stderr.contains("config.yml:10:"), "\(result.stderr)")
    }

    @Test func anUnknownSourceIs78() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try Data("sources: []\n".utf8).write(to: URL(fileURLWithPath: workspace.configPath))
        let result = try harvest(workspace, ["--source", "nowhere"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("nowhere"))
    }

    @Test func aStaleLockIsTakenOverWithAWarning() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try Data("sources: []\n".utf8).write(to: URL(fileURLWithPath: workspace.configPath))
        try workspace.dataDirectory.prepare()
        let dead = HarvestLockTests.holder(pid: try HarvestLockTests.deadPID())
        try JSONEncoder().encode(dead).write(to: URL(fileURLWithPath: workspace.dataDirectory.lockPath))
        let result = try harvest(workspace)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("taking over the lock"))
        #expect(result.stderr.contains("pid \(dead.pid)"))
    }

    /// Without `--quiet` (and not on a terminal): no progress display, a summary of one line per
    /// source, then the run's status; `--dry-run` says nothing was written.
    @Test func theSummaryHasOneLinePerSource() async throws {
        let (workspace, server, _) = try IncrementalHarvestTests.setUp()
        defer { workspace.remove(); server.stop() }
        let arguments = ["harvest", "--config", workspace.configPath, "--data-dir", workspace.dataDirectory.path]
        let root = workspace.root
        let dry = try await OGPBinary.offPool { try OGPBinary.run(arguments + ["--dry-run"], in: root) }
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("dry run: nothing written"))
        #expect(!FileManager.default.fileExists(atPath: workspace.dataDirectory.lockPath))
        let result = try await OGPBinary.offPool { try OGPBinary.run(arguments, in: root) }
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for name in ["api", "csv", "ditp"] {
            #expect(lines.filter { $0.hasPrefix(name + " ") }.count == 1, "\(name): \(result.stdout)")
        }
        // A table: the header, then per source its name, status, then added, updated, unchanged…
        #expect(lines.first?.split(separator: " ").prefix(3) == ["source", "status", "added"])
        #expect(lines.first { $0.hasPrefix("csv ") }?.split(separator: " ").dropFirst(2).first == "20")
        #expect(lines.last?.hasPrefix("run ") == true)
        #expect(lines.last?.hasSuffix(": ok") == true)
        #expect(!result.stdout.contains("\u{1B}["), "no terminal escapes when not on a terminal")
    }
}
