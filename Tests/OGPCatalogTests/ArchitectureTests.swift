import Foundation
import Testing

/// The README's architecture section is the real import graph, and the layering rules hold
/// (issue 10): decoders never fetch, fetchers never parse, the index knows nothing of records,
/// executables never reach the C libraries, each C library is wrapped by one module.
@Suite struct ArchitectureTests {
    static let sources = TestPaths.repository.appendingPathComponent("Sources")

    /// Module → the project modules its files import.
    static func importGraph() throws -> [String: Set<String>] {
        let fm = FileManager.default
        let modules = try fm.contentsOfDirectory(atPath: sources.path).filter {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: sources.appendingPathComponent($0).path, isDirectory: &isDir)
                && isDir.boolValue
        }
        let known = Set(modules)
        var graph: [String: Set<String>] = [:]
        for module in modules {
            var found = Set<String>()
            let dir = sources.appendingPathComponent(module)
            for case let file as String in fm.enumerator(atPath: dir.path) ?? FileManager.DirectoryEnumerator()
            where file.hasSuffix(".swift") {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                    if words.count >= 2, words[0] == "import", known.contains(String(words[1])),
                        String(words[1]) != module
                    {
                        found.insert(String(words[1]))
                    }
                }
            }
            graph[module] = found
        }
        return graph
    }

    /// The block after `<!-- import graph -->` in the README: `Module → A, B` lines.
    static func readmeGraph() throws -> [String: Set<String>] {
        let readme = try String(contentsOf: TestPaths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        guard let marker = readme.range(of: "<!-- import graph -->") else { return [:] }
        var graph: [String: Set<String>] = [:]
        var inBlock = false
        for line in readme[marker.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if inBlock { break }
                inBlock = true
                continue
            }
            guard inBlock else { continue }
            let parts = line.components(separatedBy: "→")
            guard parts.count == 2 else { continue }
            let deps = parts[1].trimmingCharacters(in: .whitespaces)
            graph[parts[0].trimmingCharacters(in: .whitespaces)] =
                deps == "(none)"
                ? [] : Set(deps.components(separatedBy: ", ").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        return graph
    }

    @Test func theREADMEDrawsTheRealImportGraph() throws {
        let code = try Self.importGraph()
        let readme = try Self.readmeGraph()
        #expect(!readme.isEmpty, "no `<!-- import graph -->` block in the README")
        for module in Set(code.keys).union(readme.keys).sorted() {
            #expect(
                code[module] == readme[module],
                "\(module): the code imports \(code[module]?.sorted() ?? []), the README says \(readme[module]?.sorted() ?? []) (run scripts/import-graph.py)"
            )
        }
    }

    @Test func layersPointOneWay() throws {
        let graph = try Self.importGraph()
        #expect(graph["OGPParse"]?.contains("OGPFetch") == false, "decoders never fetch")
        #expect(graph["OGPFetch"]?.contains("OGPParse") == false, "fetchers never parse")
        for module in ["OGPIndex", "OGPAnalysis"] {
            #expect(graph[module]?.contains("OGPModel") == false, "\(module) knows nothing of records")
        }
        #expect(graph["OGPModel"]?.isSubset(of: ["OGPCore"]) == true, "records depend on nothing but the error shape")
        for (module, deps) in graph where !module.hasPrefix("C") {
            for shim in deps where shim.hasPrefix("C") && shim.dropFirst().first?.isUppercase == true {
                let users = graph.filter { $0.value.contains(shim) }.map(\.key)
                #expect(users.count == 1, "\(shim) is imported by \(users.sorted()); only its one wrapper module may")
            }
            if module == "ogp" || module == "ogp-search" {
                #expect(!deps.contains { $0.hasPrefix("C") && $0 != "CatalogStore" }, "\(module) reaches a C library")
            }
        }
        #expect(
            !graph.contains {
                $0.value.contains("OGPHarvest") && !["ogp", "ogp-serve", "OGPServe", "OGPCommandLine"].contains($0.key)
            },
            "only executables drive a harvest")
    }
}
