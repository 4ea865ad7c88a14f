import Foundation
import OGPHarvest
import Testing

/// `ogp harvest` as cron runs it: the documented exit codes for configuration errors, and the
/// warning naming the dead holder of a lock taken over.
@Suite(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
struct CommandExitCodeTests {
    func harvest(_ workspace: Workspace, _ extra: [String] = []) throws -> OGPBinary.Result {
        try OGPBinary.run(
            ["harvest", "--config", workspace.configPath, "--data-dir", workspace.dataDirectory.path, "--quiet"] + extra,
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
        try workspace.writeConfig([Workspace.source("api", kind: "udata", url: "http://127.0.0.1:9/", extra: ["page_sise: 3"])])
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
}
