import Foundation
import OGPFetch
import OGPTestServer
import Testing

@Suite struct TextAndFileTests {
    /// "Données publiques – été" in Windows-1252 (é = E9, – = 96).
    private let latin1: [UInt8] =
        Array("<html><body>Donn".utf8) + [0xE9] + Array("es publiques ".utf8)
        + [0x96] + Array(" ".utf8) + [0xE9, 0x74, 0xE9] + Array("</body></html>".utf8)

    @Test func latin1PageWithoutCharsetIsDecodedAsWindows1252WithAWarning() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/page", .bytes(latin1, contentType: "text/html"))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/page"), policy: testPolicy()))
        let decoded = response.text()

        #expect(decoded.text.contains("Données publiques – été"))
        #expect(decoded.charset == "windows-1252")
        #expect(decoded.warnings.count == 1)
    }

    @Test func charsetPrecedence() {
        let header = TextDecoding.decode(Data(latin1), contentType: "text/html; charset=ISO-8859-1")
        #expect(header.charset == "windows-1252")
        #expect(header.warnings.isEmpty)

        let bom = TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array("été".utf8)), contentType: "text/plain")
        #expect(bom.text == "été")

        let meta = TextDecoding.decode(Data(Array("<meta charset=\"windows-1252\">".utf8) + [0xE9]), contentType: nil)
        #expect(meta.text.hasSuffix("é"))
        #expect(meta.warnings.isEmpty)

        let httpEquiv = Array(#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">"#.utf8)
        #expect(TextDecoding.decode(Data(httpEquiv + [0xE8]), contentType: nil).text.hasSuffix("è"))

        let xml = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><a>"#.utf8) + [0xE0] + Array("</a>".utf8)
        #expect(TextDecoding.decode(Data(xml), contentType: "application/xml").text.contains("<a>à</a>"))

        let utf8 = TextDecoding.decode(Data("déjà".utf8), contentType: "text/plain; charset=utf-8")
        #expect(utf8.text == "déjà")
        #expect(utf8.charset == "utf-8")
    }

    @Test func fileURLReadsAFile() async throws {
        let directory = temporaryDirectory()
        let path = directory + "/sample.json"
        try Data(#"{"sample":true}"#.utf8).write(to: URL(fileURLWithPath: path))
        var policy = testPolicy()
        policy.allowFileScheme = true
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        let url = URL(fileURLWithPath: path).absoluteString

        let response = try await fetcher.fetch(FetchRequest(url: url, policy: policy))
        #expect(response.status == 200)
        #expect(response.body == Data(#"{"sample":true}"#.utf8))
        #expect(response.validators.lastModified != nil)

        let again = try await fetcher.fetch(FetchRequest(url: url, validators: response.validators, policy: policy))
        #expect(again.notModified)

        let missing = try await fetcher.fetch(FetchRequest(url: url + ".nope", policy: policy))
        #expect(missing.status == 404)
    }

    @Test func fileURLListsADirectory() async throws {
        let directory = temporaryDirectory()
        try Data("b".utf8).write(to: URL(fileURLWithPath: directory + "/b.json"))
        try Data("aa".utf8).write(to: URL(fileURLWithPath: directory + "/a.json"))
        try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: true)
        var policy = testPolicy()
        policy.allowFileScheme = true
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(
            FetchRequest(
                url: URL(fileURLWithPath: directory, isDirectory: true).absoluteString, policy: policy))
        let entries = try #require(response.directoryListing())

        #expect(entries.map(\.name) == ["a.json", "b.json", "sub"])
        #expect(entries[0].size == 2)
        #expect(entries[2].isDirectory)
        #expect(entries[0].url.hasPrefix("file://"))
        #expect(entries[0].url.hasSuffix("/a.json"))
    }

    /// A `.gz` file behind a file: URL was handed on compressed and reported as garbage by the
    /// decoder; it is now named as gzip, with what to do (issue 11).
    @Test func aGzipFileIsNamedAsSuch() async throws {
        let path = temporaryDirectory() + "/export.csv.gz"
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4B, 0x04, 0x00]).write(
            to: URL(fileURLWithPath: path))
        var policy = testPolicy()
        policy.allowFileScheme = true
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        do {
            _ = try await fetcher.fetch(FetchRequest(url: URL(fileURLWithPath: path).absoluteString, policy: policy))
            Issue.record("a gzip file was read as is")
        } catch {
            #expect(error.message.contains("gzip") && error.message.contains("gunzip"), "\(error)")
        }
    }

    @Test func retryAfterParsing() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == Date(timeIntervalSince1970: 784_111_777))
        #expect(HTTPDate.parse(HTTPDate.format(now)) == now)
    }
}
