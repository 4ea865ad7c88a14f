import OGPModel
import Testing

/// An item failure says its place once, whether or not its reason (an error at the item's own
/// URL) already names it.
@Suite struct ItemFailureTests {
    @Test func thePlaceIsSaidOnce() {
        let url = "http://127.0.0.1:9/slow.txt"
        let fromError = ItemFailure(item: url, url: url, code: "fetch", reason: "\(url): cancelled")
        #expect(fromError.description == "\(url): cancelled [fetch]")
        let plain = ItemFailure(item: "posts.json", line: 3, code: "json", reason: "unexpected end")
        #expect(plain.description == "posts.json:3: unexpected end [json]")
    }
}
