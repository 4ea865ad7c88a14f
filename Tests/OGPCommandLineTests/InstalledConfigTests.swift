import Foundation
import OGPCommandLine
import Testing

/// ogp installed on a machine: the configuration in `~/.config/ogp/sources.yml` (or
/// `/etc/ogp/sources.yml`) is found without `--config`, by every command, and its `data_dir` is
/// where they all read. Before, only `config/sources.yml` in the current directory was looked
/// for, and only by `ogp harvest`; elsewhere it said "pass --config FILE" with the code of a
/// configuration error (78) instead of a missing input (66).
@Suite(.enabled(if: Binaries.built, "ogp and ogp-search are not built"))
struct InstalledConfigTests {
    @Test func theUsersConfigurationIsFoundByEveryCommand() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let home = scratch.path("home")
        let page = try Self.writeNote(in: scratch)
        try FileManager.default.createDirectory(atPath: home + "/.config/ogp", withIntermediateDirectories: true)
        try Data(
            """
            data_dir: \(scratch.path("data"))
            sources:
              - name: notes
                kind: text
                url: file://\(page)

            """.utf8
        ).write(to: URL(fileURLWithPath: home + "/.config/ogp/sources.yml"))
        let elsewhere = scratch.root.appendingPathComponent("ailleurs")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let env = ["HOME": home, "XDG_CONFIG_HOME": ""]
        let harvest = try Binaries.run(Binaries.ogp, ["harvest", "--quiet"], in: elsewhere, environment: env)
        #expect(harvest.status == 0, "\(harvest.stderr)")
        #expect(FileManager.default.fileExists(atPath: scratch.path("data/catalog.sqlite")))
        let search = try Binaries.run(Binaries.search, ["--json", "gouvernement ouvert"], in: elsewhere, environment: env)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("Note sur le gouvernement ouvert"))
        let status = try Binaries.run(Binaries.ogp, ["status"], in: elsewhere, environment: env)
        #expect(status.stdout.contains("data directory: \(scratch.path("data"))"), "\(status.stdout)")
    }

    @Test func withoutAnyConfigurationItSaysWhereItLooked() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let home = scratch.path("home")
        let r = try Binaries.run(
            Binaries.ogp, ["harvest"], in: scratch.root, environment: ["HOME": home, "XDG_CONFIG_HOME": ""])
        #expect(r.status == 66)
        #expect(r.stderr.contains(home + "/.config/ogp/sources.yml or /etc/ogp/sources.yml"), "\(r.stderr)")
        #expect(
            DataOptions.installedConfigPaths(environment: ["XDG_CONFIG_HOME": "/srv/conf", "HOME": "/home/a"])
                == ["/srv/conf/ogp/sources.yml", "/etc/ogp/sources.yml"])
    }

    /// A broken installed configuration stops what needs it (where the data is), not a search
    /// told with `--data-dir` where the data is: that one says it ignores the file and goes on.
    @Test func aBrokenInstalledConfigurationIsAWarningWhenTheDataDirectoryIsGiven() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let home = scratch.path("home")
        let page = try Self.writeNote(in: scratch)
        let config = scratch.path("sources.yml")
        try Data("sources:\n  - name: notes\n    kind: text\n    url: file://\(page)\n".utf8)
            .write(to: URL(fileURLWithPath: config))
        let data = scratch.path("data")
        let harvest = try Binaries.run(
            Binaries.ogp, ["harvest", "--quiet", "--config", config, "--data-dir", data], in: scratch.root)
        #expect(harvest.status == 0, "\(harvest.stderr)")
        try FileManager.default.createDirectory(atPath: home + "/.config/ogp", withIntermediateDirectories: true)
        try Data("sources:\n  - name: [unclosed\n".utf8).write(to: URL(fileURLWithPath: home + "/.config/ogp/sources.yml"))
        let env = ["HOME": home, "XDG_CONFIG_HOME": ""]
        let search = try Binaries.run(Binaries.search, ["--data-dir", data, "gouvernement"], in: scratch.root, environment: env)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("Note sur le gouvernement ouvert"))
        #expect(search.stderr.contains("warning: the installed configuration is ignored"), "\(search.stderr)")
        #expect(search.stderr.contains(home + "/.config/ogp/sources.yml"), "\(search.stderr)")
        let show = try Binaries.run(Binaries.ogp, ["status", "--data-dir", data], in: scratch.root, environment: env)
        #expect(show.status == 0, "\(show.stderr)")
        // Without --data-dir, where the data is comes from that file: an error.
        let blind = try Binaries.run(Binaries.search, ["gouvernement"], in: scratch.root, environment: env)
        #expect(blind.status == 78, "\(blind.stderr)")
        let harvestAgain = try Binaries.run(Binaries.ogp, ["harvest", "--data-dir", data], in: scratch.root, environment: env)
        #expect(harvestAgain.status == 78, "\(harvestAgain.stderr)")
    }

    /// A page to harvest (`pages/note.txt`), its path.
    static func writeNote(in scratch: Scratch) throws -> String {
        let page = scratch.path("pages/note.txt")
        try FileManager.default.createDirectory(atPath: scratch.path("pages"), withIntermediateDirectories: true)
        try Data("Note sur le gouvernement ouvert\n\nLe plan d'action national avance.\n".utf8)
            .write(to: URL(fileURLWithPath: page))
        return page
    }
}
