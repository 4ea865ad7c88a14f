import Foundation
import OGPCommandLine
import Testing

/// Conventions people expect of both executables: every write checked (74 on a full stdout),
/// grep's exit code for "no match", `--version`, NO_COLOR, help that says what it should.
@Suite(.enabled(if: Binaries.built, "ogp and ogp-search are not built"))
struct OutputAndExitTests {
    @Test func aFullStandardOutputIs74WithAMessage() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let data = try scratch.harvestDemo()
            let status = try Binaries.run(
                Binaries.ogp, ["status", "--json", "--data-dir", data], in: scratch.root, stdoutPath: "/dev/full")
            #expect(status.status == 74, "\(status.stderr)")
            #expect(status.stderr.contains("cannot write to standard output"))
            let search = try Binaries.run(
                Binaries.search, ["--data-dir", data, "données"], in: scratch.root, stdoutPath: "/dev/full")
            #expect(search.status == 74, "\(search.stderr)")
            #expect(search.stderr.contains("cannot write to standard output"))
            let json = try Binaries.run(
                Binaries.search, ["--data-dir", data, "--json", "données"], in: scratch.root, stdoutPath: "/dev/full")
            #expect(json.status == 74)
            let export = try Binaries.run(
                Binaries.ogp, ["export", "--data-dir", data], in: scratch.root, stdoutPath: "/dev/full")
            #expect(export.status == 74, "\(export.stderr)")
            // The same full device named with -o is a write error (74), not an output that could
            // not be created (73): that is for a directory or a missing parent.
            let named = try Binaries.run(
                Binaries.ogp, ["export", "--data-dir", data, "--format", "csv", "-o", "/dev/full"], in: scratch.root)
            #expect(named.status == 74, "\(named.stderr)")
            #expect(named.stderr.contains("disk full"))
            let directory = try Binaries.run(
                Binaries.ogp, ["export", "--data-dir", data, "-o", scratch.root.path], in: scratch.root)
            #expect(directory.status == 73, "\(directory.stderr)")
            let missingParent = try Binaries.run(
                Binaries.ogp, ["export", "--data-dir", data, "-o", scratch.path("no/such/dir/out.json")],
                in: scratch.root)
            #expect(missingParent.status == 73, "\(missingParent.stderr)")
        }
    }

    @Test func searchExitsOneWhenNothingMatchesAndTakesAQueryStartingWithAMinus() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let data = try scratch.harvestDemo()
            let none = try Binaries.run(Binaries.search, ["--data-dir", data, "zzyzxqwv"], in: scratch.root)
            #expect(none.status == 1, "\(none.stderr)")
            #expect(none.stdout.contains("0 results"))
            let some = try Binaries.run(Binaries.search, ["--data-dir", data, "données"], in: scratch.root)
            #expect(some.status == 0)
            let minus = try Binaries.run(Binaries.search, ["--data-dir", data, "-plan données"], in: scratch.root)
            #expect([0, 1].contains(minus.status), "\(minus.stderr)")
            #expect(!minus.stderr.contains("Unknown option"), "\(minus.stderr)")
            let typo = try Binaries.run(
                Binaries.search, ["--data-dir", data, "--limt", "3", "données"], in: scratch.root)
            #expect(typo.status == 64, "an unknown long option is still an error")
        }
    }

    @Test func sinceAcceptsDatesAndRefusesTheRestWithTheForms() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let data = try scratch.harvestDemo()
            for bad in ["01/01/2021", "yesterday", "2021-13-45"] {
                let result = try Binaries.run(
                    Binaries.search, ["--data-dir", data, "--since", bad, "données"], in: scratch.root)
                #expect(result.status == 64, "\(bad)")
                #expect(result.stderr.contains("YYYY-MM-DD"), "\(bad): \(result.stderr)")
            }
            let all = try Binaries.run(
                Binaries.search, ["--data-dir", data, "--json", "--limit", "100", "données"], in: scratch.root)
            let recent = try Binaries.run(
                Binaries.search, ["--data-dir", data, "--json", "--limit", "100", "--since", "2021", "données"],
                in: scratch.root)
            #expect(recent.status == 0 || recent.status == 1)
            let dates = try Self.dates(recent.stdout)
            #expect(dates.allSatisfy { $0 >= "2021" }, "\(dates)")
            #expect(try Self.total(all.stdout) > Self.total(recent.stdout), "--since 2021 leaves out older records")
        }
    }

    @Test func synonymsFileWidensTheQueryAndABadOneIsAConfigurationError() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let data = try scratch.harvestDemo()
            let good = scratch.root.appendingPathComponent("synonyms.txt").path
            try "# test\nzzyzxqwv | données\n".write(toFile: good, atomically: true, encoding: .utf8)
            let without = try Binaries.run(Binaries.search, ["--data-dir", data, "zzyzxqwv"], in: scratch.root)
            #expect(without.status == 1, "\(without.stderr)")
            let with = try Binaries.run(
                Binaries.search, ["--data-dir", data, "--synonyms", good, "zzyzxqwv"], in: scratch.root)
            #expect(with.status == 0, "\(with.stderr)")
            let bad = scratch.root.appendingPathComponent("bad.txt").path
            try "zzyzxqwv | données\nseul\n".write(toFile: bad, atomically: true, encoding: .utf8)
            let refused = try Binaries.run(
                Binaries.search, ["--data-dir", data, "--synonyms", bad, "données"], in: scratch.root)
            #expect(refused.status == 78, "\(refused.stderr)")
            #expect(refused.stderr.contains("bad.txt:2"), "\(refused.stderr)")
        }
    }

    static func total(_ json: String) throws -> Int {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return object?["total"] as? Int ?? -1
    }

    static func dates(_ json: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let hits = object?["hits"] as? [[String: Any]] ?? []
        return hits.compactMap { $0["date"] as? String }
    }

    @Test func versionHelpAndInvalidCounts() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for binary in [Binaries.ogp, Binaries.search] {
            let version = try Binaries.run(binary, ["--version"], in: scratch.root)
            #expect(version.status == 0)
            #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == OGPVersion.string)
        }
        let help = try Binaries.run(Binaries.ogp, ["--help"], in: scratch.root, environment: ["COLUMNS": "300"])
        #expect(help.stdout.contains("ogp-search"))
        for code in ExitStatus.allCases { #expect(help.stdout.contains("\(code.rawValue)"), "\(code)") }
        // Paragraphs are not hard-wrapped mid-sentence: at 300 columns each sentence is on one line.
        let harvestHelp = try Binaries.run(
            Binaries.ogp, ["harvest", "--help"], in: scratch.root, environment: ["COLUMNS": "300"])
        #expect(
            harvestHelp.stdout.contains(
                "Incremental: conditional requests, content hashes, modified_after and git diffs, so a run right after another writes nothing."
            ))
        let searchHelp = try Binaries.run(
            Binaries.search, ["--help"], in: scratch.root, environment: ["COLUMNS": "300"])
        #expect(searchHelp.stdout.contains("title:word; kind:, org:, tag:, plan:, year: filters; since:YYYY-MM-DD."))
        let negative = try Binaries.run(Binaries.ogp, ["harvest", "--max-items", "-1"], in: scratch.root)
        #expect(negative.status == 64)
        #expect(negative.stderr.contains("invalid"), "\(negative.stderr)")
        #expect(!negative.stderr.contains("Missing value"))
        let limit = try Binaries.run(Binaries.search, ["--limit", "-1", "x"], in: scratch.root)
        #expect(limit.status == 64)
        #expect(limit.stderr.contains("invalid"), "\(limit.stderr)")
    }

    /// Bold titles on a terminal, none with NO_COLOR (a pseudo-terminal from util-linux's `script`).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) is not installed"))
    func noColorIsHonoured() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let data = try scratch.harvestDemo()
            guard let search = Binaries.search else { return }
            let command = "\(search) --data-dir \(data) données"
            let colour = try Binaries.run(
                "/usr/bin/script", ["-qec", command, "/dev/null"], in: scratch.root, environment: ["TERM": "xterm"])
            #expect(colour.stdout.contains("\u{1B}[1m"), "bold on a terminal")
            let plain = try Binaries.run(
                "/usr/bin/script", ["-qec", command, "/dev/null"], in: scratch.root,
                environment: ["TERM": "xterm", "NO_COLOR": "1"])
            #expect(plain.stdout.contains("results"))
            #expect(!plain.stdout.contains("\u{1B}["), "no escape with NO_COLOR")
        }
    }

    /// The README's exit-code table lists every code of both executables.
    @Test func theReadmeListsEveryExitCode() throws {
        let readme = try String(contentsOf: Binaries.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| ") }
        for status in ExitStatus.allCases {
            #expect(
                rows.contains { $0.hasPrefix("| \(status.rawValue) |") },
                "\(status.rawValue) missing from the README's table")
        }
    }
}
