import ArgumentParser
import Foundation
import OGPCatalog
import OGPCommandLine

/// `ogp schedule`: a crontab line and a systemd service + timer for the current configuration.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract:
            "Print, or write to files, a crontab line and a systemd service and timer that run the harvest every night.",
        discussion: """
            Paths are absolute and name the installed binary (never a .build directory: then --binary, else ogp on the PATH, else /usr/local/bin/ogp). The harvest lock makes overlapping runs safe (a second run exits 3). The service runs as the dedicated user ogp (create it with `useradd --system --home-dir /var/lib/ogp --shell /usr/sbin/nologin ogp`) with systemd's hardening, and may write only to the data directory.

            With --output-dir DIR, writes DIR/ogp.crontab, DIR/ogp-harvest.service and DIR/ogp-harvest.timer instead of printing them.

            Examples:
              ogp schedule --config /etc/ogp/sources.yml --data-dir /var/lib/ogp --at 03:17
              ogp schedule --config /etc/ogp/sources.yml --output-dir /tmp/ogp-units
              sudo cp /tmp/ogp-units/ogp-harvest.* /etc/systemd/system/
            """
    )

    @OptionGroup var common: DataOptions

    @Option(help: "Time of day (HH:MM, local time).")
    var at: String = "03:17"

    @Option(help: "What to print: cron, systemd or both.")
    var format: ScheduleFormat = .both

    @Option(
        help: "Write the crontab line, the service and the timer as three files in this directory.",
        completion: .directory)
    var outputDir: String?

    @Option(
        help: "The ogp binary the schedule runs (default: this one when installed, else ogp on the PATH).",
        completion: .file())
    var binary: String?

    @Option(help: "The user the systemd service runs as.")
    var user: String = "ogp"

    func validate() throws {
        guard Self.time(at) != nil else { throw ValidationError("--at must be HH:MM, 00:00 to 23:59 (got `\(at)`)") }
    }

    static func time(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let h = Int(parts[0]), let m = Int(parts[1]),
            (0..<24).contains(h), (0..<60).contains(m)
        else { return nil }
        return (h, m)
    }

    func run() async throws {
        try reportingFailures {
            guard let (hour, minute) = Self.time(at) else { return }
            guard let config = try common.loadConfiguration(required: true) else { return }
            let dir = common.dataDirectory(config)
            let schedule = Schedule(
                binary: binary.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? Self.installedBinary(),
                config: URL(fileURLWithPath: config.file).standardizedFileURL.path,
                dataDir: dir.path, hour: hour, minute: minute, user: user,
                otherPaths: config.plansFile.map { [URL(fileURLWithPath: $0).standardizedFileURL.path] } ?? [])
            if format != .cron {
                for warning in schedule.warnings { Console.error("ogp schedule: warning: \(warning)") }
            }
            if let outputDir {
                try write(schedule, to: outputDir)
                return
            }
            if format != .systemd { Console.line(schedule.crontab) }
            if format == .both { Console.line() }
            if format != .cron {
                Console.line("# /etc/systemd/system/ogp-harvest.service")
                Console.line(schedule.service)
                Console.line("# /etc/systemd/system/ogp-harvest.timer")
                Console.line(schedule.timer)
            }
        }
    }

    private func write(_ schedule: Schedule, to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(.cannotCreate, "cannot create the directory", path: directory, error: error)
        }
        let files = [
            ("ogp.crontab", schedule.crontab), ("ogp-harvest.service", schedule.service),
            ("ogp-harvest.timer", schedule.timer),
        ]
        for (name, text) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CommandFailure(.cannotCreate, "cannot write", path: path, error: error)
            }
            Console.line(path)
        }
    }

    /// This executable when it is installed; from a build directory, `ogp` on the PATH outside
    /// build directories, else `/usr/local/bin/ogp` (what `make install` installs).
    static func installedBinary(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let this =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        if !isBuildProduct(this) { return this }
        for dir in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("ogp").standardizedFileURL.path
            if !isBuildProduct(candidate), FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/local/bin/ogp"
    }

    static func isBuildProduct(_ path: String) -> Bool {
        path.contains("/.build/") || path.contains("/.build-")
    }
}
