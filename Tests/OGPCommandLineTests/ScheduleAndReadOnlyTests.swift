import Foundation
import Testing

/// The server story: schedule files with the installed binary and hardening that systemd
/// accepts, and a read-only data directory that the reading commands can read.
@Suite(.enabled(if: Binaries.built, "ogp is not built"))
struct ScheduleAndReadOnlyTests {
    static let systemdAnalyze = "/usr/bin/systemd-analyze"

    @Test func scheduleWritesThreeFilesWithTheInstalledBinaryAndHardening() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let config = Binaries.repository.appendingPathComponent("config/demo.yml").path
        let out = scratch.path("units")
        let result = try Binaries.run(
            Binaries.ogp,
            ["schedule", "--config", config, "--data-dir", "/var/lib/ogp", "--output-dir", out, "--at", "04:05"],
            in: scratch.root)
        #expect(result.status == 0, "\(result.stderr)")
        let cron = try String(contentsOfFile: out + "/ogp.crontab", encoding: .utf8)
        let service = try String(contentsOfFile: out + "/ogp-harvest.service", encoding: .utf8)
        let timer = try String(contentsOfFile: out + "/ogp-harvest.timer", encoding: .utf8)
        // Run from .build, the schedule names an installed binary, never the build directory.
        #expect(!cron.contains("/.build/") && !service.contains("/.build/"), "\(cron)")
        #expect(cron.contains("5 4 * * * /"))
        #expect(cron.contains("--log-file /var/lib/ogp/harvest.log"))
        for line in [
            "User=ogp", "StateDirectory=ogp", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
            "PrivateTmp=yes",
            "ReadWritePaths=/var/lib/ogp", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "Type=oneshot",
        ] {
            #expect(service.split(separator: "\n").contains { $0 == line }, "\(line)")
        }
        #expect(timer.contains("OnCalendar=*-*-* 04:05:00"))
    }

    /// A path with a space stays one word in cron's sh and in ExecStart, and a path the unit's
    /// hardening hides (a home directory, /tmp) is a warning. Before, the configuration
    /// `/srv/mes sources/ogp.yml` became two words in both, and nothing was said of /home.
    @Test func pathsWithSpacesAreQuotedAndHiddenPathsAreNamed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = scratch.path("mes sources")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = folder + "/ogp.yml"
        try Data(
            "sources:\n  - name: etalab\n    kind: wordpress\n    url: https://www.etalab.gouv.fr\n".utf8
        ).write(to: URL(fileURLWithPath: config))
        let data = scratch.path("données 100%")
        let result = try Binaries.run(
            Binaries.ogp, ["schedule", "--config", config, "--data-dir", data, "--binary", "/usr/local/bin/ogp"],
            in: scratch.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("harvest --config '\(config)' --data-dir '\(data.replacingOccurrences(of: "%", with: "\\%"))' "))
        #expect(result.stdout.contains("ExecStart=/usr/local/bin/ogp harvest --config \"\(config)\" --data-dir \"\(data)%\" "))
        #expect(result.stdout.contains("\nReadWritePaths=\"\(data)%\"\n"))
        // The scratch folder is under /tmp: the unit's PrivateTmp=yes would hide it.
        if config.hasPrefix("/tmp/") {
            #expect(result.stderr.contains("warning: the configuration \(config) is in /tmp"), "\(result.stderr)")
        }
        let cronOnly = try Binaries.run(
            Binaries.ogp, ["schedule", "--config", config, "--data-dir", data, "--format", "cron"], in: scratch.root)
        #expect(!cronOnly.stderr.contains("warning"), "cron has no such hardening: \(cronOnly.stderr)")
    }

    /// systemd itself accepts the units (run only where systemd-analyze exists).
    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: systemdAnalyze),
            "systemd-analyze is not installed: skipped"))
    func systemdAcceptsTheUnits() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let config = Binaries.repository.appendingPathComponent("config/demo.yml").path
        let out = scratch.path("units")
        // ExecStart must name an existing binary for `verify`: the built one stands for the installed one.
        let result = try Binaries.run(
            Binaries.ogp,
            [
                "schedule", "--config", config, "--data-dir", scratch.path("les données"), "--output-dir", out, "--binary",
                Binaries.ogp ?? "",
            ],
            in: scratch.root)
        #expect(result.status == 0)
        let verify = try Binaries.run(
            Self.systemdAnalyze, ["verify", out + "/ogp-harvest.service", out + "/ogp-harvest.timer"], in: scratch.root,
            environment: ["SYSTEMD_LOG_LEVEL": "warning"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stderr.isEmpty, "\(verify.stderr)")
    }

    /// `ogp status`, `ogp export` and `ogp index --rebuild --index DIR` read a data directory
    /// they cannot write (as another user, or after chmod when not root).
    @Test func readingCommandsReadAReadOnlyDataDirectory() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer {
                _ = try? Binaries.run("/bin/chmod", ["-R", "u+w", scratch.root.path], in: URL(fileURLWithPath: "/"))
                scratch.remove()
            }
            let data = try scratch.harvestDemo()
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.root.path)
            _ = try Binaries.run("/bin/chmod", ["-R", "a-w,a+rX", data], in: scratch.root)
            // Root writes anywhere: run as nobody then (setpriv, from util-linux).
            let prefix = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
            if !prefix.isEmpty, !FileManager.default.isExecutableFile(atPath: prefix[0]) { return }
            let status = try Binaries.run(
                Binaries.ogp, ["status", "--data-dir", data], in: scratch.root, prefix: prefix)
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("commitment 9"))  // 6 of the DITP page, 3 of the OGP's database
            let export = try Binaries.run(
                Binaries.ogp, ["export", "--data-dir", data, "--format", "jsonl"], in: scratch.root, prefix: prefix)
            #expect(export.status == 0, "\(export.stderr)")
            #expect(export.stdout.split(separator: "\n").count > 1000)
            let inPlace = try Binaries.run(
                Binaries.ogp, ["index", "--rebuild", "--data-dir", data], in: scratch.root, prefix: prefix)
            #expect(inPlace.status == 73)
            #expect(inPlace.stderr.contains("--index DIR"), "\(inPlace.stderr)")
            let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent(
                "ogp-ro-index-\(UUID().uuidString)"
            ).path
            defer { try? FileManager.default.removeItem(atPath: elsewhere) }
            let rebuilt = try Binaries.run(
                Binaries.ogp, ["index", "--rebuild", "--data-dir", data, "--index", elsewhere], in: scratch.root,
                prefix: prefix)
            #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
            let search = try Binaries.run(Binaries.search, ["--index", elsewhere, "données"], in: scratch.root)
            #expect(search.status == 0, "\(search.stderr)")
        }
    }

    /// A report under a missing directory names the path and the cause, not NSCocoaErrorDomain.
    @Test func fileErrorsNameThePathAndTheCause() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let config = Binaries.repository.appendingPathComponent("config/demo.yml").path
            let report = scratch.path("missing/dir/report.json")
            let result = try Binaries.run(
                Binaries.ogp,
                ["harvest", "--config", config, "--data-dir", scratch.path("data"), "--quiet", "--report", report],
                in: scratch.root)
            #expect(result.status == 73)
            #expect(result.stderr.contains("\(report): no such file or directory"), "\(result.stderr)")
            #expect(!result.stderr.contains("Domain="))
            try scratch.write("file", "x")
            let under = try Binaries.run(
                Binaries.ogp, ["harvest", "--config", config, "--data-dir", scratch.path("file/data"), "--quiet"],
                in: scratch.root)
            #expect(under.status == 73, "\(under.stderr)")
            #expect(!under.stderr.contains("Domain="), "\(under.stderr)")
            #expect(under.stderr.contains(scratch.path("file/data")))
        }
    }

    /// `ogp export --changed-since` selects by harvest date; `--since` is refused with a pointer.
    @Test func exportChangedSinceIsTheHarvestDate() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let data = try scratch.harvestDemo()
            let all = try Binaries.run(
                Binaries.ogp, ["export", "--data-dir", data, "--format", "jsonl", "--changed-since", "2000"],
                in: scratch.root)
            #expect(all.status == 0, "\(all.stderr)")
            #expect(
                all.stdout.split(separator: "\n").count > 1000, "records published before 2000 were harvested today")
            let none = try Binaries.run(
                Binaries.ogp, ["export", "--data-dir", data, "--format", "jsonl", "--changed-since", "2999-01"],
                in: scratch.root)
            #expect(none.status == 0)
            #expect(none.stdout.isEmpty)
            let old = try Binaries.run(
                Binaries.ogp, ["export", "--data-dir", data, "--since", "2020-01-01"], in: scratch.root)
            #expect(old.status == 64)
            #expect(old.stderr.contains("--changed-since"))
            let bad = try Binaries.run(
                Binaries.ogp, ["export", "--data-dir", data, "--changed-since", "yesterday"], in: scratch.root)
            #expect(bad.status == 64)
            #expect(bad.stderr.contains("YYYY-MM-DD"))
        }
    }
}
