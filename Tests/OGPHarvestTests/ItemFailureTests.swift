import OGPHarvest
import OGPModel
import Testing

/// An item failure says its place once: the reason made from an error at the item's own URL
/// (as the page and Jekyll adapters make it) does not name that URL again.
@Suite struct ItemFailureTests {
    @Test func thePlaceIsSaidOnce() {
        let url = "http://127.0.0.1:9/slow.txt"
        let error = HarvestError(.fetch, "cancelled", place: url)
        let fromError = ItemFailure(item: url, url: url, code: "fetch", reason: error.description(at: url))
        #expect(fromError.description == "\(url): cancelled [fetch]")
        // Elsewhere the same error names its place.
        #expect(error.description == "\(url): cancelled")
        #expect(error.description(at: "http://elsewhere/") == "\(url): cancelled")
        let plain = ItemFailure(item: "posts.json", line: 3, code: "json", reason: "unexpected end")
        #expect(plain.description == "posts.json:3: unexpected end [json]")
    }
}
