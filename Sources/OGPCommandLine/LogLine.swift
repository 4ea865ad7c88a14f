import Foundation
import Logging
import OGPConfig
import OGPCore
import OGPModel

/// The one log format of ogp, the same on standard error and in a `--log-file`:
///
///     2026-11-30T03:17:00.412Z info ogp.harvest: source finished source=datagouv-api status=ok added=3
///
/// An ISO 8601 UTC timestamp to the millisecond, the level, the label, the message, then the
/// metadata as sorted `key=value` pairs (values with spaces or quotes are quoted), so that
/// `grep`, `awk` and log shippers read it without a schema.
public struct LogLine: LogHandler, Sendable {
    public let label: String
    private let sink: LogSink
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    public init(label: String, sink: LogSink, level: Logger.Level) {
        self.label = label
        self.sink = sink
        logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        sink.write(
            Self.format(date: Date(), level: event.level, label: label, message: "\(event.message)", metadata: all))
    }

    /// One line, newline included.
    public static func format(
        date: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        var line = "\(timestamp(date)) \(level) \(label): \(message.replacingOccurrences(of: "\n", with: " "))"
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            line += " \(key)=\(quoted("\(value)"))"
        }
        return line + "\n"
    }

    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else {
            return value
        }
        return "\""
            + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    static func timestamp(_ date: Date) -> String {
        let iso = ISODate.string(from: date)
        let millis = Int(((date.timeIntervalSince1970 * 1000).rounded(.down)).truncatingRemainder(dividingBy: 1000))
        return String(iso.dropLast()) + String(format: ".%03dZ", millis)
    }
}

/// Where log lines go: standard error (through ``Console``) or a file opened for appending
/// (`O_APPEND`: each line lands whole at the end, even with logrotate's `copytruncate`).
public final class LogSink: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()

    /// Standard error.
    public static let standardError = LogSink(fd: STDERR_FILENO)

    private init(fd: Int32) {
        self.fd = fd
    }

    /// Opens `path` for appending (creating it, 0644); a failure names the path and the cause (73).
    public init(appendingTo path: String) throws {
        let opened = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw CommandFailure(.cannotCreate, "cannot open the log file \(path): \(FileErrorText.text(errno: errno))")
        }
        fd = opened
    }

    func write(_ line: String) {
        if fd == STDERR_FILENO {
            Console.errorRaw(line)
            return
        }
        lock.lock()
        defer { lock.unlock() }
        // A log file that fails (disk full) must not stop the harvest: the line is dropped.
        _ = FileDescriptorWrite.all(fd, Array(line.utf8))
    }
}

extension LogOptions {
    /// A logger writing ``LogLine``s to `--log-file` (appended) or standard error.
    ///
    /// On a terminal, without `--log-level` or `--log-file`, only critical messages: the live
    /// line, the summary table and its failure lines already say what the warnings would (each
    /// failure came out three times), and log lines broke the live line. Cron and services,
    /// whose standard error is no terminal, keep the warnings.
    public func makeLogger(label: String) throws -> Logger {
        let sink = try logFile.map { try LogSink(appendingTo: $0) } ?? .standardError
        let level = effectiveLevel(terminal: isatty(STDERR_FILENO) == 1)
        return Logger(label: label) { label in LogLine(label: label, sink: sink, level: level) }
    }

    /// The level `makeLogger` uses, standard error being a terminal or not.
    public func effectiveLevel(terminal: Bool) -> Logger.Level {
        if let logLevel { return logLevel.level }
        return terminal && logFile == nil ? .critical : LogLevel.warning.level
    }
}
