import Foundation
import OGPModel
import OGPParse
import OGPStore
import Testing

@testable import OGPHarvest

/// After an upgrade whose decoders make more of the same bytes, what the last run kept
/// (validators, an unchanged export) must not stop the records from being decoded again: a
/// source whose state was saved by another ``DecoderVersion`` is read in full once, then
/// conditionally again.
@Suite struct DecoderVersionTests {
    /// A workspace harvesting the export slice alone (its records have no richer source).
    static func setUp() throws -> (Workspace, FixtureServer) {
        let workspace = try Workspace()
        let server = try FixtureServer()
        server.serve(
            "/export/catalogue.csv", [UInt8](try Workspace.fixture("csv/export-slice.csv")), contentType: "text/csv")
        try workspace.writeConfig([Workspace.source("csv", kind: "udata-csv", url: server.url("/export/catalogue.csv"))])
        return (workspace, server)
    }

    /// Replaces one harvested dataset's title as an older decoder might have left it.
    static func makeStale(_ workspace: Workspace) throws -> (id: RecordID, title: String) {
        let store = try workspace.store()
        var record = try #require(try workspace.records().first { $0.kind == .dataset })
        let title = record.title
        record.title = "titre d'une version précédente"
        _ = try store.upsert([record], source: "csv", precedence: 1, at: Date())
        return (record.id, title)
    }

    @Test func aStateOfAnotherVersionIsReadInFullOnceThenConditionallyAgain() async throws {
        let (workspace, server) = try Self.setUp()
        defer { workspace.remove(); server.stop() }
        let first = try await workspace.harvest()
        #expect(first.exitCode == 0)
        #expect(SourceState.load(source: "csv", from: try workspace.store()).decoderVersion == DecoderVersion.current)

        // Same version: the unchanged export is not decoded, so a stale record stays stale.
        let (id, title) = try Self.makeStale(workspace)
        let same = try #require(try await workspace.harvest().source("csv"))
        #expect(same.items.updated == 0)
        #expect(!same.warnings.contains { $0.hasPrefix("read in full") })
        #expect(try workspace.store().record(id)?.title == "titre d'une version précédente")

        // The state of a catalogue harvested before versions were recorded.
        let store = try workspace.store()
        var old = SourceState.load(source: "csv", from: store)
        old.decoderVersion = nil
        try old.save(source: "csv", to: store)
        let mark = server.mark()
        let upgraded = try #require(try await workspace.harvest().source("csv"))
        let requests = server.requests(since: mark)
        #expect(!requests.isEmpty)
        #expect(requests.allSatisfy { $0.header("If-None-Match") == nil && $0.header("If-Modified-Since") == nil })
        #expect(upgraded.status == .ok)
        #expect(upgraded.items.updated == 1, "\(upgraded.items)")
        #expect(upgraded.warnings.contains { $0.hasPrefix("read in full") && $0.contains("an earlier version") })
        #expect(try workspace.store().record(id)?.title == title)

        // Recorded again: the next run is conditional and says nothing.
        let mark2 = server.mark()
        let next = try #require(try await workspace.harvest().source("csv"))
        #expect(server.requests(since: mark2).contains { $0.header("If-None-Match") != nil || $0.header("If-Modified-Since") != nil })
        #expect(next.items.updated == 0 && next.items.added == 0)
        #expect(next.warnings.isEmpty, "\(next.warnings)")
    }

    @Test func aNewSourceIsReadWithoutAWarning() async throws {
        let (workspace, server) = try Self.setUp()
        defer { workspace.remove(); server.stop() }
        let first = try #require(try await workspace.harvest().source("csv"))
        #expect(first.status == .ok)
        #expect(!first.warnings.contains { $0.hasPrefix("read in full") })
    }
}
