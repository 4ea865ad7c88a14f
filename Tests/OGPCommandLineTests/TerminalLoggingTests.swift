import Foundation
import Logging
import OGPCommandLine
import Testing

/// On a terminal, `ogp harvest` says each failure once: in its summary. The warning log lines
/// (for cron and services, whose standard error is no terminal) repeated each failure twice more
/// and broke the live line.
@Suite(.enabled(if: Binaries.built, "ogp is not built"))
struct TerminalLoggingTests {
    @Test func theLevelDependsOnTheTerminalOnlyWhenNotChosen() throws {
        var options = try LogOptions.parse([])
        #expect(options.effectiveLevel(terminal: true) == .critical)
        #expect(options.effectiveLevel(terminal: false) == .warning)
        options = try LogOptions.parse(["--log-level", "warning"])
        #expect(options.effectiveLevel(terminal: true) == .warning)
        options = try LogOptions.parse(["--log-file", "/tmp/ogp-test.log"])
        #expect(options.effectiveLevel(terminal: true) == .warning)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) is not installed"))
    func aFailureIsSaidOnceOnATerminal() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(
            "ogp.yml",
            "sources:\n  - name: absent\n    kind: text\n    url: file://\(scratch.path("nowhere.txt"))\n")
        guard let ogp = Binaries.ogp else { return }
        let base = "\(ogp) harvest --config \(scratch.path("ogp.yml")) --data-dir \(scratch.path("data"))"
        let terminal = try Binaries.run(
            "/usr/bin/script", ["-qec", base, "/dev/null"], in: scratch.root, environment: ["TERM": "xterm"])
        #expect(terminal.stdout.contains("absent"), "\(terminal.stdout)")
        #expect(terminal.stdout.contains("no such file"), "\(terminal.stdout)")
        #expect(!terminal.stdout.contains(" warning ogp.harvest:"), "\(terminal.stdout)")
        let chosen = try Binaries.run(
            "/usr/bin/script", ["-qec", base + " --log-level warning", "/dev/null"], in: scratch.root,
            environment: ["TERM": "xterm"])
        #expect(chosen.stdout.contains(" warning ogp.harvest:"), "\(chosen.stdout)")
        // No terminal (cron): the warnings are logged as before.
        let cron = try Binaries.run(
            ogp, ["harvest", "--config", scratch.path("ogp.yml"), "--data-dir", scratch.path("data")], in: scratch.root)
        #expect(cron.stderr.contains(" warning ogp.harvest:"), "\(cron.stderr)")
    }
}
