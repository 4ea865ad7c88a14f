import Foundation
import OGPModel

@testable import OGPParse

/// The catalogue portal fixtures (`Fixtures/catalogs/`, origins in its SOURCES.md).
enum CatalogFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/catalogs")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func context(_ kind: String, url: String, source: String = "portal") -> ParseContext {
        ParseContext(source: source, sourceKind: kind, url: url, fetchedAt: "2026-11-30T09:00:00Z")
    }

    /// The dataset record of each parsed item, in order.
    static func datasets(_ page: CatalogPage) -> [Record] { page.datasets }

    static func organisations(_ page: CatalogPage) -> [Record] {
        page.items.flatMap { item -> [Record] in
            guard case .parsed(_, let records) = item else { return [] }
            return records.filter { $0.kind == .organization }
        }
    }
}
