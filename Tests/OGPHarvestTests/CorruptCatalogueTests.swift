import Foundation
import OGPStore
import Testing

/// A damaged catalogue is refused before anything is written: exit 74, a message that says what
/// to do, the file unchanged (issue 11: with 64 KB overwritten, a harvest printed only
/// `ogp-plans failed`, exited 2 and modified the file).
@Suite struct CorruptCatalogueTests {
    static func config(_ workspace: Workspace) throws {
        let csv = Workspace.repository.appendingPathComponent(
            "config/demo/datagouv-export/export-dataset-20260116-slice.csv")
        try workspace.writeConfig(["  - name: datagouv-export\n    kind: udata-csv\n    url: \(csv.absoluteString)"])
    }

    /// Overwrites 64 KB in the middle of the file with pseudo-random bytes.
    static func damage(_ path: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var state: UInt64 = 0x5EED
        let start = max(0, bytes.count / 2 - 32 * 1024)
        for i in start..<min(bytes.count, start + 64 * 1024) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes[i] = UInt8(truncatingIfNeeded: state >> 33)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func theStoreReportsDamage() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try Self.config(workspace)
        _ = try await workspace.harvest()
        let path = workspace.dataDirectory.catalogPath
        try SQLiteStore(path: path).checkIntegrity()
        try Self.damage(path)
        #expect {
            try SQLiteStore(path: path).checkIntegrity()
        } throws: { error in
            guard let e = error as? StoreError else { return false }
            return e.code == .corrupt && e.description.contains("--data-dir")
        }
    }

    @Test(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
    func aHarvestRefusesADamagedCatalogueWith74() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try Self.config(workspace)
        let arguments = [
            "harvest", "--config", workspace.configPath, "--data-dir", workspace.dataDirectory.path, "--quiet",
        ]
        let first = try OGPBinary.run(arguments, in: workspace.root)
        try #require(first.status == 0, "\(first.stderr)")
        let path = workspace.dataDirectory.catalogPath
        try Self.damage(path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let second = try OGPBinary.run(arguments, in: workspace.root)
        #expect(second.status == 74, "\(second.stderr)")
        #expect(second.stderr.contains("damaged"), "\(second.stderr)")
        #expect(second.stderr.contains("backup") && second.stderr.contains("--data-dir"), "\(second.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
