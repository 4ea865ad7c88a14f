import ArgumentParser
import Foundation
import OGPCatalog

/// `ogp schedule`: a ready crontab line and a systemd service + timer for the current config.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Print a crontab line and a systemd service and timer that run the harvest every night.",
        discussion: """
            Paths are absolute; the harvest lock makes overlapping runs safe (a second run exits 3).
            Examples:
              ogp schedule --config /etc/ogp/sources.yml --at 03:17
              ogp schedule --config config/sources.yml --format systemd
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "Time of day (HH:MM, local time).")
    var at: String = "03:17"

    @Option(help: "cron, systemd or both.")
    var format: String = "both"

    func run() async throws {
        try await runReportingErrors {
            let parts = at.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else {
                throw CLIError(code: .usage, message: "--at must be HH:MM (got `\(at)`)")
            }
            guard ["cron", "systemd", "both"].contains(format) else {
                throw CLIError(code: .usage, message: "--format must be cron, systemd or both")
            }
            guard let config = try common.loadConfiguration(required: true) else { return }
            let dir = common.dataDirectory(config)
            let schedule = Schedule(
                binary: Self.executablePath(), config: URL(fileURLWithPath: config.file).standardizedFileURL.path,
                dataDir: dir.path, hour: parts[0], minute: parts[1])
            if format != "systemd" { print(schedule.crontab) }
            if format == "both" { print("") }
            if format != "cron" {
                print("# /etc/systemd/system/ogp-harvest.service")
                print(schedule.service)
                print("# /etc/systemd/system/ogp-harvest.timer")
                print(schedule.timer)
            }
        }
    }

    /// This executable's absolute path.
    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// The text of the schedule files.
struct Schedule {
    var binary: String
    var config: String
    var dataDir: String
    var hour: Int
    var minute: Int

    var command: String {
        "\(binary) harvest --config \(config) --data-dir \(dataDir) --quiet --log-file \(dataDir)/harvest.log --report \(dataDir)/last-report.json"
    }

    var crontab: String {
        """
        # ogp: harvest every night at \(String(format: "%02d:%02d", hour, minute)) (install with `crontab -e`).
        # Exit codes: 0 ok, 1 items failed, 2 a source failed, 3 another run holds the lock.
        \(minute) \(hour) * * * \(command)
        """
    }

    var service: String {
        """
        [Unit]
        Description=ogp harvest of open-government sources
        Wants=network-online.target
        After=network-online.target

        [Service]
        Type=oneshot
        ExecStart=\(command)
        # 1 (some items failed) is not a service failure.
        SuccessExitStatus=1
        Nice=10
        IOSchedulingClass=idle
        TimeoutStartSec=4h
        """
    }

    var timer: String {
        """
        [Unit]
        Description=Run the ogp harvest every night

        [Timer]
        OnCalendar=*-*-* \(String(format: "%02d:%02d", hour, minute)):00
        RandomizedDelaySec=15min
        Persistent=true

        [Install]
        WantedBy=timers.target
        """
    }
}
