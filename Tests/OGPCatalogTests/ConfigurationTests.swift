import Foundation
import OGPCatalog
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    func error(_ yaml: String) throws -> ConfigError {
        let path = try TestPaths.write(yaml)
        do {
            _ = try Configuration.load(path: path)
        } catch {
            return error
        }
        Issue.record("expected a configuration error")
        return ConfigError(.invalidValue, "none", file: path)
    }

    @Test func bundledConfigsLoad() throws {
        let demo = try Configuration.load(path: TestPaths.config.appendingPathComponent("demo.yml").path)
        #expect(Set(demo.sources.map(\.kind)) == Set([.jekyll, .wordpress, .text, .udata, .udataCSV, .ogpCommitments]))
        for source in demo.sources {
            #expect(source.url.hasPrefix("file:///"))
            let path = try #require(URL(string: source.url)?.path)
            #expect(FileManager.default.fileExists(atPath: path), "\(source.name): \(path)")
        }
        #expect(demo.plansFile?.hasSuffix("config/plans.yml") == true)
        let real = try Configuration.load(path: TestPaths.config.appendingPathComponent("sources.yml").path)
        #expect(real.sources.allSatisfy { $0.url.hasPrefix("https://") })
        #expect(
            Set(real.sources.map(\.kind)).isSuperset(of: [
                .udata, .udataCSV, .wordpress, .jekyll, .html, .ckan, .opendatasoft, .dcat, .ogpCommitments,
            ]))
        // Real French portals of each catalogue kind: DataSud (CKAN), two OpenDataSoft portals, one DCAT endpoint.
        #expect(real.sources.filter { $0.kind == .ckan }.contains { $0.url.contains("datasud.fr") })
        #expect(real.sources.filter { $0.kind == .opendatasoft }.count >= 2)
        #expect(real.sources.contains { $0.kind == .dcat })
        for source in real.sources where [.ckan, .opendatasoft, .dcat].contains(source.kind) {
            #expect(source.url.hasSuffix(".fr") || source.url.contains(".fr/"), "\(source.name)")
        }
    }

    @Test func typoInAKeyNamesFileLineAndKey() throws {
        let e = try error(
            """
            sources:
              - name: a
                kind: jekyll
                url: https://example.org/repo.git
                colections: [_actualites]
            """)
        #expect(e.code == .unknownKey)
        #expect(e.line == 5)
        #expect(e.key == "colections")
        #expect(e.description.contains("config.yml:5"))
        #expect(e.description.contains("collections"))
    }

    @Test func unknownKindIsAnError() throws {
        let e = try error(
            """
            sources:
              - name: a
                kind: ftp
                url: https://example.org/
            """)
        #expect(e.code == .unknownKind)
        #expect(e.line == 3)
        #expect(e.description.contains("udata-csv"))
    }

    @Test func unknownTopLevelKey() throws {
        let e = try error("datadir: /tmp\nsources: []\n")
        #expect(e.code == .unknownKey && e.line == 1 && e.key == "datadir")
    }

    @Test func invalidYAMLGivesTheLine() throws {
        let e = try error("sources:\n  - name: a\n    kind: [unclosed\n")
        #expect(e.code == .invalidYAML)
        #expect(e.line != nil)
    }

    @Test func wrongValueType() throws {
        let e = try error("sources:\n  - name: a\n    kind: udata\n    url: https://x/\n    max_pages: many\n")
        #expect(e.code == .invalidValue && e.key == "max_pages" && e.line == 5)
    }

    @Test func badURLSchemeAndDuplicates() throws {
        let e1 = try error("sources:\n  - {name: a, kind: html, url: ftp://x/}\n")
        #expect(e1.code == .invalidValue && e1.key == "url")
        let e2 = try error(
            "sources:\n  - {name: a, kind: html, url: https://x/}\n  - {name: a, kind: html, url: https://y/}\n")
        #expect(e2.code == .duplicateName)
    }

    @Test func missingFile() throws {
        #expect(throws: ConfigError.self) { try Configuration.load(path: "/nonexistent/ogp.yml") }
    }

    @Test func relativeFileURLsAndDataDirResolveAgainstTheConfig() throws {
        let path = try TestPaths.write("data_dir: data\nsources:\n  - {name: a, kind: text, url: 'file:pages/a.txt'}\n")
        let config = try Configuration.load(path: path)
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(config.dataDir == dir + "/data")
        #expect(config.sources[0].url == URL(fileURLWithPath: dir + "/pages/a.txt").absoluteString)
    }

    @Test func dataDirectoryResolution() {
        #expect(DataDirectory.resolve(override: "/x", config: nil).path == "/x")
        #expect(
            DataDirectory.resolve(override: nil, config: nil, environment: ["XDG_DATA_HOME": "/xdg"]).path == "/xdg/ogp"
        )
        #expect(
            DataDirectory.resolve(override: nil, config: nil, environment: ["HOME": "/home/u"]).path
                == "/home/u/.local/share/ogp")
    }
}
