import Foundation
import OGPFetch
import OGPModel
import Testing

@testable import OGPHarvest

/// An HTTP error says what the server said, when it said it as APIs do.
@Suite struct ServerMessageTests {
    @Test func anAPIErrorCarriesTheServersMessage() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try FixtureServer()
        let wordpress =
            #"{"code":"rest_cannot_access","message":"Only authenticated users can access the REST API.","data":{"status":401}}"#
        server.serve("/wp-json/wp/v2/categories?per_page=100", Array(wordpress.utf8), status: 401)
        try workspace.writeConfig([Workspace.source("blog", kind: "wordpress", url: server.url("/"))])
        let report = try await workspace.harvest()
        let blog = try #require(report.source("blog"))
        #expect(
            blog.errors.contains {
                $0.message.contains("HTTP 401: Only authenticated users can access the REST API. (rest_cannot_access)")
            }, "\(blog.errors)")
    }

    @Test func messagesAreShortAndClean() throws {
        // CKAN's error shape, with a control character and a long text.
        let long =
            #"{"error": {"__type": "Authorization Error", "message": "Access denied\u0007 "#
            + String(repeating: "x", count: 300) + #""}}"#
        let url = "https://ckan.example/api/3/action/package_search"
        let response = FetchResponse(
            status: 403, url: url, finalURL: url, headers: [("Content-Type", "application/json")],
            body: Data(long.utf8))
        let text = SourceRun.failureText(response)
        #expect(text.hasPrefix("HTTP 403: Access denied x"), "\(text)")
        #expect(text.hasSuffix("…"))
        #expect(!text.unicodeScalars.contains { $0.value == 7 })
        let html = FetchResponse(
            status: 500, url: "https://x.example/", finalURL: "https://x.example/",
            headers: [("Content-Type", "text/html")], body: Data("<h1>Oops</h1>".utf8))
        #expect(SourceRun.failureText(html) == "HTTP 500")
    }
}
