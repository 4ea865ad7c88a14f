import Foundation
import OGPCommandLine
import Testing

/// `ogp-search --json` and `/api/search` write their hits with one encoder
/// (OGPCommandLine's ``SearchResultsJSON``): on the same catalogue, the same query gives the same
/// hit objects, key for key.
@Suite struct SearchJSONParityTests {
    /// `ogp-search` beside the test bundle (built with the tests), nil when absent.
    static let binary: String? = {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("ogp-search").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let built = ServeFixture.repository.appendingPathComponent(".build/debug/ogp-search").path
        return FileManager.default.isExecutableFile(atPath: built) ? built : nil
    }()

    static func objects(_ data: Data) throws -> [[String: Any]] {
        let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(top["hits"] as? [[String: Any]])
    }

    @Test(.enabled(if: binary != nil, "ogp-search is not built (swift build --build-tests builds it)"))
    func ogpSearchAndTheAPIGiveTheSameHits() async throws {
        let fixture = try await ServeFixture.shared.value
        for query in ["données environnementales", "transparence", "plan d'action"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
            process.arguments = ["--data-dir", fixture.dataDirectory.path, "--json", "--limit", "10", "--", query]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let cli = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(query)")
            let expected = try Self.objects(cli)
            #expect(!expected.isEmpty, "\(query)")
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
            let served = try await fixture.serve { client in
                try await client.execute(uri: "/api/search?q=\(encoded)&page_size=10", method: .get) { $0.data }
            }
            let got = try Self.objects(served)
            #expect(got.count == expected.count, "\(query)")
            for (a, b) in zip(got, expected) {
                #expect(Set(a.keys) == Set(SearchResultsJSON.hitKeys))
                #expect(NSDictionary(dictionary: a) == NSDictionary(dictionary: b), "\(query): \(a["id"] ?? "")")
            }
        }
    }
}
