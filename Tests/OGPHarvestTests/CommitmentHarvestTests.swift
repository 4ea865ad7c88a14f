import Foundation
import OGPCatalog
import OGPHarvest
import OGPModel
import OGPStore
import Testing

/// The `ogp-commitments` source harvested from a file: the built-in plans reference when the
/// configuration names none, status history across two harvests of a changed row, a source
/// whose key column is missing.
@Suite struct CommitmentHarvestTests {
    static var slice: String {
        Workspace.repository.appendingPathComponent("config/demo/ogp-commitments/ogp-commitments-slice.csv").path
    }

    static func writeCSV(_ workspace: Workspace, _ text: String) throws -> String {
        let path = workspace.root.appendingPathComponent("ogp.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func statusChangeBetweenHarvestsIsADatedEvent() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let original = try String(contentsOfFile: Self.slice, encoding: .utf8)
        let path = try Self.writeCSV(workspace, original)
        // No `plans:`: the built-in reference attaches FR0001 to the 2015-2017 plan.
        try workspace.writeConfig([
            Workspace.source("ogp", kind: "ogp-commitments", url: "file://\(path)", extra: ["members: [France]"])
        ])
        let first = try await workspace.harvest()
        #expect(first.exitCode == 0, "\(first.sources.map { ($0.name, $0.status, $0.errors) })")
        #expect(first.source("ogp")?.items.added == 3)
        #expect(first.source("ogp")?.items.skipped == 5)
        #expect(first.source("ogp-plans")?.message?.contains("built-in plans reference") == true)
        let id = RecordID(rawValue: "commitment:ogp:FR0001")
        let before = try #require(try workspace.store().record(id))
        #expect(before.commitment?.plan?.rawValue == "actionPlan:ogp-fr:plan-2015-2017-gov")
        #expect(before.commitment?.status == .substantial)
        #expect(try workspace.store().record(RecordID(rawValue: "actionPlan:ogp-fr:plan-2015-2017-gov")) != nil)

        // The IRM's end-of-term report now says Complete for FR0001 (and only FR0001).
        let start = try #require(original.range(of: "\nFR0001,"))
        let end = try #require(original.range(of: "\nFR0015,"))
        // FR0001's row (its full text spans lines) holds "Substantial" twice, progress then end of term: change the second.
        let parts = original[start.lowerBound..<end.lowerBound].components(separatedBy: ",Substantial,")
        #expect(parts.count == 3)
        let row = parts[0] + ",Substantial," + parts[1] + ",Complete," + parts[2]
        let changed = String(original[..<start.lowerBound]) + row + String(original[end.lowerBound...])
        _ = try Self.writeCSV(workspace, changed)
        let second = try await workspace.harvest()
        #expect(second.source("ogp")?.items.updated == 1)
        #expect(second.source("ogp")?.items.unchanged == 2)
        let after = try #require(try workspace.store().record(id))
        #expect(after.commitment?.status == .complete)
        #expect(after.commitment?.assessments.map(\.status) == [.substantial, .complete])

        let view = try #require(try RecordLookup(store: workspace.store()).view(id))
        #expect(view.versions == 2)
        #expect(view.statusEvents.map(\.to) == [.substantial, .complete])
        #expect(view.statusEvents.last?.from == .substantial)
        #expect(view.statusEvents.last?.assessor == .irmEndOfTerm)
        let history = try workspace.store().history(of: id)
        #expect(view.statusEvents.last?.at == history.last?.validFrom)
        #expect(view.text().contains("substantial → complete"))
    }

    /// Issue 12: without `plans:` no commitment was extracted and nothing said why.
    @Test func withoutPlansTheBuiltInReferenceFindsTheCommitments() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let page = Workspace.fixtures.appendingPathComponent("pages/002_8cef8a0224ee8d09.txt").path
        try workspace.writeConfig([Workspace.source("ditp", kind: "text", url: "file://\(page)")])
        let report = try await workspace.harvest()
        #expect(report.exitCode == 0)
        #expect(report.source("ogp-plans")?.message?.hasPrefix("plans: built-in plans reference") == true)
        #expect(try workspace.store().counts()[.commitment] == 6)
        #expect(try workspace.store().counts()[.actionPlan] == 5)
    }

    @Test func aMissingKeyColumnFailsTheSourceAndNamesIt() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let path = try Self.writeCSV(workspace, "Title,Commitment Number\nA,1\n")
        try workspace.writeConfig([Workspace.source("ogp", kind: "ogp-commitments", url: "file://\(path)")])
        let report = try await workspace.harvest()
        let source = try #require(report.source("ogp"))
        #expect(source.status == .failed)
        let said = (source.message ?? "") + source.errors.map(\.message).joined()
        #expect(said.contains("Commitment Unique Identifier"), "\(said)")
    }
}
