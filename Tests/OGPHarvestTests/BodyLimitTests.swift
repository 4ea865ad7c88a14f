import Foundation
import OGPConfig
import OGPFetch
import OGPModel
import Testing

@testable import OGPHarvest

/// How large a response may be. data.gouv.fr's catalogue export is a few hundred MB, streamed to
/// disk: with the 50 MB every source had, a `udata-csv` source written without `max_body_size`
/// failed on its first run, with a message that did not say which key lifts the limit.
@Suite struct BodyLimitTests {
    @Test func theCatalogueExportMayBeLargeWithoutAKey() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.writeConfig([
            Workspace.source("export", kind: "udata-csv", url: "https://www.data.gouv.fr/fr/datasets/r/x"),
            Workspace.source("api", kind: "udata", url: "https://www.data.gouv.fr/api/1/datasets/"),
            Workspace.source(
                "small", kind: "udata-csv", url: "https://example.org/export.csv", extra: ["max_body_size: 1000"]),
        ])
        let config = try Configuration.load(path: workspace.configPath)
        func limit(_ name: String) throws -> Int {
            SourceRun.policy(for: try #require(config.sources.first { $0.name == name })).maxBodyBytes
        }
        #expect(try limit("export") == 4 << 30)
        #expect(try limit("api") == 50 << 20)
        #expect(try limit("small") == 1000)
    }

    @Test func aBodyTooLargeNamesTheKey() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try FixtureServer()
        let header = "id;title;slug\n"
        let rows = (0..<100).map { "5b1e37a188ee3849c6b7df\(String(format: "%02d", $0));Titre \($0);titre-\($0)\n" }
        server.serve("/export.csv", text: header + rows.joined(), contentType: "text/csv")
        try workspace.writeConfig([
            Workspace.source("export", kind: "udata-csv", url: server.url("/export.csv"), extra: ["max_body_size: 1000"])
        ])
        let report = try await workspace.harvest()
        let source = try #require(report.source("export"))
        #expect(source.errors.contains { $0.message.contains("(the source's max_body_size)") }, "\(source.errors)")
    }
}
