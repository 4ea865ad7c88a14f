import Foundation
import OGPHarvest
import OGPModel
import Testing

/// A `ckan` or `opendatasoft` source whose `url` is a saved API response (`file:`), as a user
/// trying ogp on a capture would write it: the file is the one page there is (no API path or
/// paging parameters appended to a file path), and its records point into the file rather than
/// at portal URLs made up from a path.
@Suite struct SavedResponseTests {
    @Test func aSavedCKANSearchResponseIsOnePage() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let file = Workspace.fixtures.appendingPathComponent("catalogs/ckan-datasud-package_search.json")
        try workspace.writeConfig([Workspace.source("datasud", kind: "ckan", url: file.absoluteString)])
        let report = try #require(try await workspace.harvest().source("datasud"))
        #expect(report.status == .ok)
        // Seven packages and their one publisher.
        #expect(report.items.added == 8)
        let datasets = try workspace.records().filter { $0.kind == .dataset }
        #expect(datasets.count == 7)
        for dataset in datasets {
            let url = try #require(dataset.provenance.first?.url)
            #expect(url.hasPrefix(file.absoluteString + "#"))
            #expect(!url.contains("/api/3/action/"))
        }
        // A second run reads the file again (unchanged) and writes nothing.
        let again = try #require(try await workspace.harvest().source("datasud"))
        #expect(again.status == .ok)
        #expect(again.items.added == 0 && again.items.updated == 0 && again.items.archived == 0)
    }

    @Test func aSavedOpenDataSoftResponseIsOnePageWithoutMadeUpLinks() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let file = Workspace.fixtures.appendingPathComponent("catalogs/ods-v2.1-datasets.json")
        try workspace.writeConfig([Workspace.source("ods", kind: "opendatasoft", url: file.absoluteString)])
        let report = try #require(try await workspace.harvest().source("ods"))
        #expect(report.status == .ok)
        let datasets = try workspace.records().filter { $0.kind == .dataset }
        #expect(datasets.count == 2)
        let fileURL = file.absoluteString
        for dataset in datasets {
            #expect(dataset.provenance.first?.url.hasPrefix(fileURL + "#") == true)
            #expect(dataset.url.map { !$0.hasPrefix(fileURL) } ?? true)
        }
    }
}
