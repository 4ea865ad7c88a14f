import Foundation
import Logging
import OGPCommandLine
import OGPConfig
import OGPCore
import Testing

/// The log line format and the progress line, as pure functions.
@Suite struct FormatTests {
    @Test func aLogLineHasTimestampLevelLabelMessageAndSortedMetadata() {
        let date = Date(timeIntervalSince1970: 1_764_475_020.412)
        let line = LogLine.format(
            date: date, level: .info, label: "ogp.harvest", message: "source finished",
            metadata: ["status": "ok", "added": "3", "message": "two words"])
        #expect(
            line
                == "2025-11-30T03:57:00.412Z info ogp.harvest: source finished added=3 message=\"two words\" status=ok\n"
        )
    }

    @Test func theLogFileIsAppendedNotTruncated() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ogp-log-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("earlier night\n".utf8).write(to: URL(fileURLWithPath: path))
        var options = LogOptions()
        options.logFile = path
        options.logLevel = .info
        let logger = try options.makeLogger(label: "ogp.test")
        logger.info("tonight", metadata: ["run": "r1"])
        logger.debug("not at info")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "earlier night")
        #expect(lines.last?.hasSuffix(" info ogp.test: tonight run=r1") == true)
    }

    @Test func aLogFileThatCannotBeOpenedNamesThePathAndTheCause() {
        var options = LogOptions()
        options.logFile = "/nonexistent-ogp-dir/harvest.log"
        #expect {
            _ = try options.makeLogger(label: "ogp.test")
        } throws: { error in
            guard let failure = error as? CommandFailure else { return false }
            return failure.status == .cannotCreate
                && failure.message
                    == "cannot open the log file /nonexistent-ogp-dir/harvest.log: no such file or directory"
        }
    }

    @Test func theProgressLineShowsBytesRatePercentageAndTimeLeftWithinTheWidth() {
        let start = Date(timeIntervalSince1970: 1000)
        var source = ProgressLine.Source(name: "datagouv-export", started: start)
        source.transfer = ProgressLine.Transfer(received: 50_000_000, expected: 200_000_000, started: start)
        let line = ProgressLine.render([source], now: start.addingTimeInterval(10), width: 120)
        #expect(line == "datagouv-export 50.0 MB/200.0 MB 25% 5.0 MB/s, 30s left")
        var unknown = source
        unknown.transfer?.expected = nil
        #expect(
            ProgressLine.render([unknown], now: start.addingTimeInterval(10), width: 120)
                == "datagouv-export 50.0 MB 5.0 MB/s")
        let narrow = ProgressLine.render([source, unknown], now: start.addingTimeInterval(10), width: 40)
        #expect(narrow.count <= 39)
        #expect(narrow.hasSuffix("…"))
    }
}

/// Causes in words.
@Suite struct FileErrorTextTests {
    struct OwnError: Error, CustomStringConvertible {
        var description: String { "the catalogue is locked" }
    }

    @Test func foundationErrorsBecomeWords() throws {
        let missing = "/nonexistent-ogp/x.json"
        do {
            try Data().write(to: URL(fileURLWithPath: missing))
            Issue.record("the write should fail")
        } catch {
            #expect(FileErrorText.describe(error, path: missing) == "\(missing): no such file or directory")
            #expect(!FileErrorText.cause(error).contains("Domain="))
        }
        #expect(FileErrorText.cause(POSIXError(.EACCES)) == "permission denied")
        #expect(FileErrorText.cause(CocoaError(.fileWriteOutOfSpace)) == "no space left on device")
        #expect(FileErrorText.cause(OwnError()) == "the catalogue is locked")
    }
}
