import Foundation
import OGPCore

/// Every write of `ogp` and `ogp-search` to standard output or standard error goes through here.
///
/// `print` buffers and loses a write error (`ogp status --json > /dev/full` used to exit 0 with
/// its output lost) and `FileHandle.write` traps on one; here each write goes straight to the
/// file descriptor, and a failed write is reported on stderr and ends the process with 74
/// (``ExitStatus/io``), as sysexits.h says for an output error.
public enum Console {
    /// `ogp` or `ogp-search`, for messages.
    public static let programName: String = {
        let name = (CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent }) ?? "ogp"
        return name.isEmpty ? "ogp" : name
    }()

    private static let lock = NSLock()

    /// Writes `text` to standard output as it is (add the newline yourself, or use ``line(_:)``).
    public static func out(_ text: String) {
        write(Array(text.utf8), to: STDOUT_FILENO)
    }

    /// Writes bytes to standard output.
    public static func out(_ data: Data) {
        write(Array(data), to: STDOUT_FILENO)
    }

    /// Writes `text` and a newline to standard output.
    public static func line(_ text: String = "") {
        write(Array((text + "\n").utf8), to: STDOUT_FILENO)
    }

    /// Writes `text` and a newline to standard error.
    public static func error(_ text: String) {
        write(Array((text + "\n").utf8), to: STDERR_FILENO)
    }

    /// Writes `text` to standard error as it is (progress lines that redraw themselves).
    public static func errorRaw(_ text: String) {
        write(Array(text.utf8), to: STDERR_FILENO)
    }

    /// Writes every byte, retrying short writes and EINTR; on any other error, reports it and
    /// exits 74 (a broken pipe exits quietly: the reader chose to stop, as `head` does).
    public static func write(_ bytes: [UInt8], to fd: Int32) {
        lock.lock()
        defer { lock.unlock() }
        let failure = FileDescriptorWrite.all(fd, bytes)
        if failure != 0 { fail(fd: fd, errno: failure) }
    }

    private static func fail(fd: Int32, errno code: Int32) -> Never {
        let stream =
            fd == STDOUT_FILENO ? "standard output" : fd == STDERR_FILENO ? "standard error" : "descriptor \(fd)"
        if code != EPIPE, fd != STDERR_FILENO {
            let text = "\(programName): cannot write to \(stream): \(String(cString: strerror(code)))\n"
            _ = text.withCString { Foundation.write(STDERR_FILENO, $0, strlen($0)) }
        }
        exit(ExitStatus.io.rawValue)
    }

    /// True when a redrawn line (carriage return, erase to end of line) makes sense on `fd`:
    /// a terminal whose `TERM` is not `dumb`.
    public static func allowsEscapes(
        on fd: Int32, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Bool {
        isatty(fd) == 1 && environment["TERM"] != "dumb"
    }

    /// True when colours and bold may be used on `fd`: escapes allowed and `NO_COLOR` unset or
    /// empty (https://no-color.org).
    public static func allowsColor(
        on fd: Int32, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return allowsEscapes(on: fd, environment: environment)
    }

    /// The terminal's width in columns (`COLUMNS` first, then the terminal's size), else `fallback`.
    public static func width(
        of fd: Int32, fallback: Int = 80,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Int {
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return fallback
    }
}
