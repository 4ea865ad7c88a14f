import Foundation
import OGPTestServer
import Testing

/// What cron sees of `ogp harvest`: exit codes, problems on stderr even with --quiet, a log
/// file that grows night after night, retries in the log, a summary that fits 100 columns.
@Suite(.enabled(if: Binaries.built, "ogp is not built"))
struct HarvestMessagesTests {
    static let goodPost =
        "---\ntitle: Un bon billet\ndate: 2019-03-25\n---\n\nTexte du billet sur le gouvernement ouvert.\n"
    static let brokenPost = "---\ntitle: Un billet\ndate: [2019-03-25\n---\n\nTexte.\n"

    /// A configuration of Jekyll sources in local folders (offline, no server).
    static func config(_ scratch: Scratch, _ sources: [(name: String, posts: [String: String])]) throws -> String {
        var text = "user_agent: ogp-test/0.1\ncontact: https://example.org/ogp-tests\nsources:\n"
        for source in sources {
            let folder = "sites/\(source.name)/_posts"
            try FileManager.default.createDirectory(atPath: scratch.path(folder), withIntermediateDirectories: true)
            for (file, body) in source.posts { try scratch.write("\(folder)/\(file)", body) }
            text +=
                "  - name: \(source.name)\n    kind: jekyll\n    url: \"\(URL(fileURLWithPath: scratch.path("sites/\(source.name)")).absoluteString)\"\n"
            text += "    collections: [_posts]\n"
        }
        try scratch.write("config.yml", text)
        return scratch.path("config.yml")
    }

    @Test func aSuspiciousSourceExitsTwoAndIsOnStderrEvenWhenQuiet() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let config = try Self.config(scratch, [("full", ["2019-03-25-bon.md": Self.goodPost]), ("empty", [:])])
            let result = try Binaries.run(
                Binaries.ogp, ["harvest", "--config", config, "--data-dir", scratch.path("data"), "--quiet"],
                in: scratch.root)
            #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("empty: suspicious"), "\(result.stderr)")
            #expect(!result.stderr.contains("full:"))
        }
    }

    @Test func eachFailedItemsReasonReachesStderrWithQuiet() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            var posts: [String: String] = [:]
            for i in 1...3 {
                posts["2019-03-2\(i)-bon-\(i).md"] = Self.goodPost.replacingOccurrences(
                    of: "Un bon", with: "Le billet \(i)")
            }
            posts["2019-03-25-casse.md"] = Self.brokenPost
            let config = try Self.config(scratch, [("site", posts)])
            let result = try Binaries.run(
                Binaries.ogp, ["harvest", "--config", config, "--data-dir", scratch.path("data"), "--quiet"],
                in: scratch.root)
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains("site: itemsFailed"), "\(result.stderr)")
            #expect(result.stderr.contains("2019-03-25-casse.md"), "the failed item is named: \(result.stderr)")
        }
    }

    /// Two runs append to one log file; info logs each run's start and end and each source's
    /// outcome with key=value metadata, in the same format as on stderr.
    @Test func theLogFileIsAppendedAndSaysWhatEachRunDid() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let config = try Self.config(scratch, [("site", ["2019-03-25-bon.md": Self.goodPost])])
            let log = scratch.path("harvest.log")
            let arguments = [
                "harvest", "--config", config, "--data-dir", scratch.path("data"), "--quiet", "--log-level", "info",
                "--log-file", log,
            ]
            for _ in 0..<2 {
                let result = try Binaries.run(Binaries.ogp, arguments, in: scratch.root)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stderr.isEmpty, "logs go to the file: \(result.stderr)")
            }
            let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(lines.filter { $0.contains(" run started ") }.count == 2, "\(lines)")
            #expect(lines.filter { $0.contains(" run finished ") }.count == 2)
            let finished = try #require(lines.last { $0.contains(" run finished ") })
            #expect(finished.contains(" status=ok"))
            // The post, and the 5 plans of the built-in plans reference (the config names no plans file).
            #expect(finished.contains(" unchanged=6"))
            #expect(finished.contains(" seconds="))
            let source = try #require(lines.first { $0.contains(" source finished ") })
            #expect(source.contains("source=site") && source.contains("status=ok") && source.contains("added=1"))
            let pattern =
                #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (info|warning) ogp\.harvest: [a-z ]+( [a-z_]+=\S+)*$/#
            for line in lines { #expect(line.wholeMatch(of: pattern) != nil, "\(line)") }
            // The same format on stderr.
            let stderrRun = try Binaries.run(Binaries.ogp, Array(arguments.dropLast(2)), in: scratch.root)
            let stderrLines = stderrRun.stderr.split(separator: "\n").map(String.init)
            #expect(!stderrLines.isEmpty)
            for line in stderrLines { #expect(line.wholeMatch(of: pattern) != nil, "\(line)") }
        }
    }

    /// The fetcher logs through the harvest's logger: a retry is in the log file, with its URL.
    @Test func retriesAreLoggedWithMetadata() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/robots.txt", .text("", status: 404))
        server.sequence(
            "/page.txt", [.text("busy", status: 503), .text("Le gouvernement ouvert : un texte de page.\n")])
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(
            "config.yml",
            """
            user_agent: ogp-test/0.1
            contact: https://example.org/ogp-tests
            sources:
              - name: page
                kind: text
                url: "\(server.url("/page.txt"))"
                allow_private_network: true
                min_delay_ms: 0
                max_retries: 1
            """)
        let root = scratch.root
        let result = try await Binaries.offPool {
            try Binaries.run(
                Binaries.ogp,
                [
                    "harvest", "--config", scratch.path("config.yml"), "--data-dir", scratch.path("data"), "--quiet",
                    "--log-level", "info",
                    "--log-file", scratch.path("h.log"),
                ], in: root)
        }
        let log = try String(contentsOfFile: scratch.path("h.log"), encoding: .utf8)
        #expect([0, 1, 2].contains(result.status))
        let retry = try #require(log.split(separator: "\n").first { $0.contains(" retrying ") }, "\(log)")
        #expect(retry.contains("url=\(server.url("/page.txt"))"))
        #expect(retry.contains("source=page"))
        #expect(retry.contains("reason=\"HTTP 503\""))
    }

    /// At debug, the politeness wait between two requests to one host is logged with its host.
    @Test func politenessWaitsAreLoggedAtDebug() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/robots.txt", .text("", status: 404))
        server.route("/a.txt", .text("Premier texte sur le gouvernement ouvert.\n"))
        server.route("/b.txt", .text("Second texte sur le gouvernement ouvert.\n"))
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(
            "config.yml",
            """
            user_agent: ogp-test/0.1
            contact: https://example.org/ogp-tests
            sources:
              - name: pages
                kind: text
                url: "\(server.url("/a.txt"))"
                urls: ["\(server.url("/a.txt"))", "\(server.url("/b.txt"))"]
                allow_private_network: true
                min_delay_ms: 300
            """)
        let root = scratch.root
        let result = try await Binaries.offPool {
            try Binaries.run(
                Binaries.ogp,
                [
                    "harvest", "--config", scratch.path("config.yml"), "--data-dir", scratch.path("data"), "--quiet",
                    "--log-level", "debug",
                    "--log-file", scratch.path("h.log"),
                ], in: root)
        }
        #expect(result.status == 0, "\(result.stderr)")
        let log = try String(contentsOfFile: scratch.path("h.log"), encoding: .utf8)
        let wait = try #require(
            log.split(separator: "\n").first { $0.contains(" debug ") && $0.contains(" politeness wait ") }, "\(log)")
        #expect(wait.contains("host=127.0.0.1"))
        #expect(wait.contains("source=pages"))
    }

    /// The summary is a table within 100 columns, or one block per source when names are long.
    @Test func theSummaryFitsAHundredColumns() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let config = try Self.config(scratch, [("site", ["2019-03-25-bon.md": Self.goodPost])])
            let short = try Binaries.run(
                Binaries.ogp, ["harvest", "--config", config, "--data-dir", scratch.path("data")], in: scratch.root)
            #expect(short.status == 0, "\(short.stderr)")
            let lines = short.stdout.split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= 100 }, "\(short.stdout)")
            #expect(lines.first?.hasPrefix("source ") == true)
            #expect(lines.contains { $0.hasPrefix("site ") && $0.contains(" ok ") })
            let long = String(repeating: "un-nom-de-source-tres-long-", count: 2) + "fin"
            let config2 = try Self.config(scratch, [(long, ["2019-03-25-bon.md": Self.goodPost])])
            let blocks = try Binaries.run(
                Binaries.ogp, ["harvest", "--config", config2, "--data-dir", scratch.path("data2")], in: scratch.root)
            #expect(blocks.status == 0, "\(blocks.stderr)")
            #expect(blocks.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(blocks.stdout)")
            #expect(blocks.stdout.contains("\(long): ok"))
            #expect(blocks.stdout.contains("1 added, 0 updated, 0 unchanged"))
        }
    }

    /// A refused private address says how to allow it.
    @Test func aRefusedPrivateAddressSaysHowToAllowIt() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/x", .text("x"))
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = server.url("/x")
        let result = try await Binaries.offPool {
            try Binaries.run(Binaries.ogp, ["fetch", "--ignore-robots", url], in: scratch.root)
        }
        #expect(result.status == 2)
        #expect(result.stderr.contains("allow_private_network"), "\(result.stderr)")
        #expect(result.stderr.contains("--allow-private-network"))
    }
}
