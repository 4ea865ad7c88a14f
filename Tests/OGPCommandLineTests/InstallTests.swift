import Foundation
import Testing

/// `make install` / `make uninstall` through their script, into a temporary prefix, with the
/// debug binaries the tests were built with.
@Suite(.enabled(if: Binaries.built, "ogp and ogp-search are not built"))
struct InstallTests {
    static let script = Binaries.repository.appendingPathComponent("scripts/install.sh").path

    @Test func installPutsEverythingInPlaceAndUninstallRemovesIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let prefix = scratch.path("prefix")
        let bin = URL(fileURLWithPath: Binaries.ogp ?? "").deletingLastPathComponent().path
        let man = scratch.path("man")
        try FileManager.default.createDirectory(atPath: man, withIntermediateDirectories: true)
        // Man pages from swift-argument-parser's generate-manual when it is built (`make man`).
        let tool = [
            bin + "/generate-manual", Binaries.repository.appendingPathComponent(".build/release/generate-manual").path,
        ]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
        if let tool {
            for binary in [Binaries.ogp, Binaries.search].compactMap({ $0 }) {
                let generated = try Binaries.run(tool, [binary, "--multi-page", "-o", man], in: scratch.root)
                #expect(generated.status == 0, "\(generated.stderr)")
            }
        }
        let env = ["PREFIX": prefix, "BIN": bin, "MAN": man]
        let install = try Binaries.run(
            "/bin/bash", [Self.script, "install"], in: Binaries.repository, environment: env)
        #expect(install.status == 0, "\(install.stderr)")
        let share = prefix + "/share"
        for path in [
            "/bin/ogp", "/bin/ogp-search", "/share/ogp/plans.yml", "/share/ogp/sources.example.yml",
            "/share/ogp/logrotate/ogp",
            "/share/bash-completion/completions/ogp", "/share/zsh/site-functions/_ogp",
            "/share/fish/vendor_completions.d/ogp.fish",
            "/share/bash-completion/completions/ogp-search",
        ] {
            #expect(FileManager.default.fileExists(atPath: prefix + path), "\(path)")
        }
        if tool != nil {
            for page in ["ogp.1", "ogp.harvest.1", "ogp.export.1", "ogp.schedule.1", "ogp-search.1"] {
                #expect(FileManager.default.fileExists(atPath: share + "/man/man1/" + page), "\(page)")
            }
        }
        // Completions offer the values of --format, --kind, --log-level, and ask ogp for --source.
        let bash = try String(contentsOfFile: share + "/bash-completion/completions/ogp", encoding: .utf8)
        #expect(bash.contains("'json'$'\\n''jsonl'$'\\n''dcat'"))
        #expect(bash.contains("'actionPlan'$'\\n''commitment'"))
        #expect(bash.contains("'trace'$'\\n''debug'$'\\n''info'"))
        #expect(bash.contains("---completion harvest -- --source"))
        for file in ["/zsh/site-functions/_ogp", "/fish/vendor_completions.d/ogp.fish"] {
            let text = try String(contentsOfFile: share + file, encoding: .utf8)
            #expect(text.contains("actionPlan") && text.contains("jsonl") && text.contains("critical"), "\(file)")
        }
        let installed = prefix + "/bin/ogp"
        let config = Binaries.repository.appendingPathComponent("config/demo.yml").path
        let sources = try Binaries.run(
            installed,
            [
                "---completion", "harvest", "--", "--source", "5", "0", "ogp", "harvest", "--config", config,
                "--source", "",
            ],
            in: scratch.root)
        #expect(sources.stdout.split(separator: "\n").contains("datagouv-api"), "\(sources.stdout)\(sources.stderr)")

        let uninstall = try Binaries.run(
            "/bin/bash", [Self.script, "uninstall"], in: Binaries.repository, environment: env)
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        let left =
            FileManager.default.enumerator(atPath: prefix)?.compactMap { $0 as? String }.filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: prefix + "/" + path, isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            } ?? []
        #expect(left.isEmpty, "\(left)")
    }
}

/// `ogp-search` reads `data_dir` from the configuration without linking the store (GRDB and
/// SQLite): its binary holds none of GRDB's symbols, where `ogp`'s does.
@Suite(.enabled(if: Binaries.built, "ogp and ogp-search are not built"))
struct LinkTests {
    @Test func ogpSearchDoesNotLinkTheStore() throws {
        let marker = Data("GRDB".utf8)
        let search = try Data(contentsOf: URL(fileURLWithPath: Binaries.search ?? ""), options: .alwaysMapped)
        let ogp = try Data(contentsOf: URL(fileURLWithPath: Binaries.ogp ?? ""), options: .alwaysMapped)
        #expect(ogp.range(of: marker) != nil, "the check finds GRDB where it is linked")
        #expect(search.range(of: marker) == nil, "ogp-search links GRDB")
    }
}
