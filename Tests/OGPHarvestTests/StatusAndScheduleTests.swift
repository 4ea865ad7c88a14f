import Foundation
import OGPCatalog
import Testing

/// `ogp status`, `ogp schedule` and `ogp export` as a cron user runs them.
@Suite struct StatusAndScheduleTests {
    static var demoConfig: String { Workspace.repository.appendingPathComponent("config/demo.yml").path }

    @Test(.enabled(if: OGPBinary.path != nil, "the ogp executable is not built"))
    func statusShowsTheLastRunAndScheduleGivesAbsolutePaths() async throws {
        try await OGPBinary.offPool {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let data = workspace.root.appendingPathComponent("data").path
            // Before any harvest: a clear message and exit 66.
            let empty = try OGPBinary.run(["status", "--data-dir", data], in: workspace.root)
            #expect(empty.status == 66)
            #expect(empty.stderr.contains("ogp harvest"))

            let harvest = try OGPBinary.run(
                ["harvest", "--config", Self.demoConfig, "--data-dir", data, "--quiet"], in: workspace.root)
            #expect(harvest.status == 0, "\(harvest.stderr)")
            let status = try OGPBinary.run(["status", "--data-dir", data, "--json"], in: workspace.root)
            #expect(status.status == 0, "\(status.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            let runs = try #require(json["runs"] as? [[String: Any]])
            #expect(runs.count == 1)
            #expect(((runs.first?["run"] as? [String: Any])?["status"] as? String) == "ok")
            #expect(((runs.first?["sources"] as? [Any])?.count ?? 0) == 8)
            // 6 from the DITP page (2021-2023), 3 from the OGP's database (2015-2017).
            #expect((json["counts"] as? [String: Int])?["commitment"] == 9)
            #expect((json["attention"] as? [Any])?.isEmpty == true)

            let schedule = try OGPBinary.run(
                ["schedule", "--config", Self.demoConfig, "--data-dir", data, "--at", "04:05"], in: workspace.root)
            #expect(schedule.status == 0, "\(schedule.stderr)")
            let cron = try #require(schedule.stdout.split(separator: "\n").first { $0.hasPrefix("5 4 * * * /") })
            #expect(cron.contains(" harvest --config \(Self.demoConfig) --data-dir \(data) "))
            #expect(cron.contains("--log-file \(data)/harvest.log"))
            #expect(schedule.stdout.contains("OnCalendar=*-*-* 04:05:00"))
            #expect(schedule.stdout.contains("Type=oneshot"))
            let bad = try OGPBinary.run(["schedule", "--config", Self.demoConfig, "--at", "25:00"], in: workspace.root)
            #expect(bad.status == 64)

            // The export of what was harvested, as JSON Lines: one record per line.
            let export = try OGPBinary.run(
                ["export", "--data-dir", data, "--format", "jsonl", "--kind", "commitment"], in: workspace.root)
            #expect(export.status == 0)
            #expect(export.stdout.split(separator: "\n").count == 9)
            // Kinds in French too (one parser for kinds); an unknown one is a usage error naming the kinds.
            let french = try OGPBinary.run(
                ["export", "--data-dir", data, "--format", "jsonl", "--kind", "engagement"], in: workspace.root)
            #expect(french.status == 0)
            #expect(french.stdout == export.stdout)
            let unknown = try OGPBinary.run(["export", "--data-dir", data, "--kind", "truc"], in: workspace.root)
            #expect(unknown.status == 64)
            #expect(unknown.stderr.contains("commitment"))
        }
    }
}
