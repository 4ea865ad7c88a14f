import Foundation
import OGPHarvest
import OGPModel
import Testing

/// One harvest at a time: a held lock stops a second run at once, naming its holder (exit
/// code 3 from the command line); the lock file of a dead process is taken over.
@Suite struct HarvestLockTests {
    static func holder(pid: Int32 = getpid()) -> HarvestLock.Holder {
        .init(pid: pid, host: ProcessInfo.processInfo.hostName, startedAt: "2026-01-16T05:00:00Z", runID: "test-holder")
    }

    static func emptyConfig(_ workspace: Workspace) throws {
        try Data("user_agent: ogp-test/0.1\nsources: []\n".utf8).write(to: URL(fileURLWithPath: workspace.configPath))
    }

    @Test func aSecondHarvestFailsAtOnceNamingTheHolder() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try Self.emptyConfig(workspace)
        try workspace.dataDirectory.prepare()
        let lock = try HarvestLock(path: workspace.dataDirectory.lockPath, holder: Self.holder())
        defer { lock.release() }
        do {
            _ = try await workspace.harvest()
            Issue.record("the harvest ran while the lock was held")
        } catch let failure as HarvestLock.Failure {
            guard case .held(let holder, let path) = failure else {
                Issue.record("unexpected failure \(failure)")
                return
            }
            #expect(holder == Self.holder())
            #expect(path == workspace.dataDirectory.lockPath)
            #expect(failure.description.contains("pid \(getpid())"))
        }
        #expect(try workspace.store().runs(limit: 5).isEmpty)
    }

    @Test(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
    func theCommandExitsWith3() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try Self.emptyConfig(workspace)
        try workspace.dataDirectory.prepare()
        let lock = try HarvestLock(path: workspace.dataDirectory.lockPath, holder: Self.holder())
        defer { lock.release() }
        let result = try OGPBinary.run(
            ["harvest", "--config", workspace.configPath, "--data-dir", workspace.dataDirectory.path, "--quiet"],
            in: workspace.root)
        #expect(result.status == 3)
        #expect(result.stderr.contains("another harvest is running"))
        #expect(result.stderr.contains("pid \(getpid())"))
    }

    @Test func theLockOfADeadProcessIsTakenOver() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try Self.emptyConfig(workspace)
        try workspace.dataDirectory.prepare()
        // A lock file left by a killed run: its holder's PID is no longer running.
        let dead = Self.holder(pid: try Self.deadPID())
        try JSONEncoder().encode(dead).write(to: URL(fileURLWithPath: workspace.dataDirectory.lockPath))
        #expect(HarvestLock.holder(at: workspace.dataDirectory.lockPath) == dead)
        let lock = try HarvestLock(path: workspace.dataDirectory.lockPath, holder: Self.holder())
        #expect(lock.previousHolder == dead)
        #expect(HarvestLock.holder(at: workspace.dataDirectory.lockPath)?.pid == getpid())
        lock.release()

        try JSONEncoder().encode(dead).write(to: URL(fileURLWithPath: workspace.dataDirectory.lockPath))
        let report = try await workspace.harvest()
        #expect(report.exitCode == 0)
        #expect(HarvestLock.holder(at: workspace.dataDirectory.lockPath) == nil)
    }

    /// The PID of a process that has exited.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
