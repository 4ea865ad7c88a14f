/// The exit codes of `ogp` and `ogp-search`: one table for both executables, the same as the
/// README's. Codes 64 and above follow BSD's sysexits.h, so scripts and cron can tell a usage
/// error from a missing file or a full disk.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything went well (`ogp-search`: something matched).
    case ok = 0
    /// Part of the work failed: `ogp harvest`, some items failed (the rest was harvested);
    /// `ogp-search`, nothing matched (as grep does); `ogp fetch`, the server answered an HTTP error.
    case partial = 1
    /// `ogp harvest`: a source failed, timed out or looked suspicious (zero items, or more than
    /// half failed); `ogp fetch`: the fetch failed (refused address, timeout, limit, robots.txt).
    case sourceFailed = 2
    /// Another harvest holds the lock of the data directory.
    case locked = 3
    /// The command line is wrong (unknown option, invalid value).
    case usage = 64
    /// Input data is malformed (a JSON Lines line, a corrupt index).
    case dataError = 65
    /// A file or directory named on the command line (or the index) does not exist.
    case noInput = 66
    /// An output cannot be created (data directory, report, export, schedule files).
    case cannotCreate = 73
    /// Reading or writing failed (disk full, closed or full standard output, catalogue I/O).
    case io = 74
    /// The configuration is wrong (the message names the file, line and key).
    case config = 78
    /// Stopped by SIGINT or SIGTERM (the run is recorded as interrupted).
    case interrupted = 130

    /// One line per code, for `--help` and the README.
    public var meaning: String {
        switch self {
        case .ok: "success (ogp-search: at least one result)"
        case .partial:
            "harvest: some items failed; index --jsonl: some lines skipped; ogp-search: no result; show: no record matches; fetch: HTTP error status"
        case .sourceFailed: "harvest: a source failed, timed out or looked suspicious; fetch: the fetch failed"
        case .locked: "another harvest holds the lock"
        case .usage: "usage error (unknown option, invalid value)"
        case .dataError: "bad input data (JSON Lines line, corrupt index)"
        case .noInput: "missing input (configuration, catalogue, index, file)"
        case .cannotCreate: "cannot create an output (data directory, report, export, schedule files)"
        case .io: "I/O error (disk full, standard output closed or full)"
        case .config: "configuration error"
        case .interrupted: "interrupted by SIGINT or SIGTERM"
        }
    }

    /// The table as help text: one `code  meaning` line per code.
    /// A meaning too long for 80 columns goes on under itself, so the table stays a table on a
    /// terminal of 80 columns (ArgumentParser would wrap it back to the left margin).
    public static var helpTable: String {
        allCases.map { status in
            let code = String(status.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0)
            return wrapped(status.meaning, first: "  \(code) ", next: String(repeating: " ", count: 7), width: 80)
        }
        .joined(separator: "\n")
    }

    /// Greedy word wrap with a first-line prefix and a hanging indent.
    static func wrapped(_ text: String, first: String, next: String, width: Int) -> String {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ") {
            if lineHasWord, line.count + 1 + word.count > width {
                lines.append(line)
                line = next
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
