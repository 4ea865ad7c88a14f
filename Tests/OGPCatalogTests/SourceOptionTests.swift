import Foundation
import OGPCatalog
import Testing

/// Every numeric key has a range; out of range is a configuration error naming the key and the
/// range (issue 11); the README's key tables read the same declarations (issue 10).
@Suite struct SourceOptionTests {
    func error(_ yaml: String) throws -> ConfigError? {
        let path = try TestPaths.write(yaml)
        do {
            _ = try Configuration.load(path: path)
            return nil
        } catch {
            return error
        }
    }

    func source(_ extra: String) -> String {
        "sources:\n  - name: s\n    kind: wordpress\n    url: https://example.org/\n    \(extra)\n"
    }

    @Test(arguments: [
        ("timeout: -3", "timeout"), ("concurrency: 0", "concurrency"), ("min_delay_ms: -100", "min_delay_ms"),
        ("grace_days: -1", "grace_days"), ("max_items: -1", "max_items"),
        ("grace_days: 9223372036854775807", "grace_days"),
        ("max_body_size: 9223372036854775807", "max_body_size"), ("time_limit: 9223372036854775807", "time_limit"),
        ("per_page: 1000", "per_page"), ("max_retries: 99", "max_retries"),
    ])
    func outOfRangeValuesAreRefused(_ line: String, _ key: String) throws {
        let error = try #require(try error(source(line)))
        #expect(error.code == .invalidValue)
        #expect(error.key == key)
        #expect(error.message.contains("between"), "\(error.message)")
        #expect(error.line == 5)
    }

    @Test func runTimeLimitHasARange() throws {
        for value in ["0", "-5", "9223372036854775807"] {
            let error = try #require(try error("run_time_limit: \(value)\n" + source("per_page: 10")))
            #expect(error.key == "run_time_limit")
            #expect(error.message.contains("between 1 and"))
        }
    }

    @Test func typedValuesAndDefaults() throws {
        let path = try TestPaths.write(source("per_page: 20"))
        let config = try Configuration.load(path: path)
        let s = try #require(config.sources.first)
        #expect(s[.perPage] == 20)
        #expect(s[.wordpressMaxPages] == 500)
        #expect(s[.types] == ["posts"])
        #expect(s[.timeout] == nil)
        #expect(s.graceDays == 7)
    }

    @Test func theREADMEDocumentsEveryKeyWithItsRange() throws {
        let readme = try String(contentsOf: TestPaths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        for spec in SourceKind.commonOptions + SourceKind.allCases.flatMap(\.options) {
            #expect(readme.contains("`\(spec.key)`"), "README does not name `\(spec.key)`")
            if let range = spec.range {
                #expect(
                    readme.contains("| `\(spec.key)` | \(range.lowerBound)–\(range.upperBound) |"),
                    "README's row for `\(spec.key)` does not give its range \(range)")
            }
        }
    }
}
