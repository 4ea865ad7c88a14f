import Foundation
import OGPStore
import Testing

@testable import OGPHarvest

@Suite("Source state kept between runs")
struct SourceStateTests {
    /// The hand-written JSON reads back through `JSONDecoder` into the same state, escapes included.
    @Test func savedStateReadsBackEqual() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ogp-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("catalog.sqlite").path)
        var state = SourceState()
        state.items = [
            "https://portal.example/api/3/action/package_show?id=a": ["dataset:ckan:a", "organization:ckan:o"],
            "quote \" back\\slash\ttab\nline \u{01} é 😀": [],
            "b": ["dataset:ckan:b"],
        ]
        state.nextPages = ["https://p.example/?start=0": "https://p.example/?start=100", "last": ""]
        state.watermark = "2026-11-30T10:00:00Z"
        state.lastFullListing = "2026-11-29T10:00:00Z"
        state.commit = "abc123"
        state.itemCount = 42
        state.decoderVersion = 7
        state.termPages = ["https://wp.example/tags": .init(terms: [3: "ogp", 7: "données"], next: nil)]
        try state.save(source: "s", to: store)
        #expect(SourceState.load(source: "s", from: store) == state)
        // Nil fields stay absent, empty maps read back empty.
        let empty = SourceState()
        try empty.save(source: "e", to: store)
        #expect(SourceState.load(source: "e", from: store) == empty)
        #expect(try empty.encoded() == #"{"items":{},"nextPages":{},"termPages":{}}"#)
    }
}
