import ArgumentParser
import Foundation
import Logging
import OGPCatalog
import OGPHarvest

/// Turns harvest failures into command-line errors with their exit codes.
enum Interruptible {
    /// Runs the harvest, cancelling it on SIGINT or SIGTERM (the run then ends as interrupted).
    static func run(_ body: @escaping @Sendable () async throws -> HarvestReport) async throws -> HarvestReport {
        let task = Task { try await body() }
        let sources = [SIGINT, SIGTERM].map { sig -> any DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        do {
            return try await task.value
        } catch let failure as HarvestLock.Failure {
            if case .held = failure {
                FileHandle.standardError.write(Data("ogp: \(failure)\n".utf8))
                throw ExitCode(3)
            }
            throw CLIError(code: .cannotCreate, message: failure.description)
        } catch let error as HarvestError {
            throw CLIError(code: error.code == .config ? .config : .io, message: error.description)
        } catch let error as ConfigError {
            throw CLIError(code: .cannotCreate, message: error.description)
        } catch let error as CLIError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            throw CLIError(code: .io, message: "\(error)")
        }
    }
}

/// The one-line-per-source summary printed at the end of a run.
enum Summary {
    static func lines(_ report: HarvestReport) -> [String] {
        var out: [String] = []
        for s in report.sources {
            let i = s.items
            func pad(_ text: String, _ width: Int) -> String {
                text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
            }
            var line = pad(s.name, 26) + " " + pad(s.status.rawValue, 11) + String(
                format: "%6d added %6d updated %7d unchanged %4d skipped %4d failed %4d archived  %6.1fs",
                i.added, i.updated, i.unchanged, i.skipped, i.failed, i.archived, s.seconds)
            if s.http.requests > 0 { line += "  \(s.http.requests) req (\(s.http.notModified) not modified)" }
            out.append(line)
            if let message = s.message { out.append("    \(message)") }
            out += s.warnings.map { "    warning: \($0)" }
        }
        if let index = report.index {
            out.append("index: \(index.indexed) indexed, \(index.deleted) deleted" + (index.error.map { " — error: \($0)" } ?? "")
                + (index.rebuilt.map { " (rebuilt from the catalogue: \($0))" } ?? ""))
        }
        out.append("run \(report.runID): \(report.status)\(report.dryRun ? " (dry run: nothing written)" : "")")
        return out
    }
}

/// Writes the JSON report atomically.
enum ReportWriter {
    static func write(_ report: HarvestReport, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(report)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError(code: .cannotCreate, message: "cannot write the report to \(path): \(error)")
        }
    }
}

/// Loggers for the commands: swift-log, to standard error or a file.
enum Logging {
    static func make(level: String, file: String?, label: String) throws -> Logger {
        guard let parsed = Logger.Level(rawValue: level) else {
            throw CLIError(code: .usage, message: "unknown --log-level `\(level)`")
        }
        var handle = FileHandle.standardError
        if let file {
            guard FileManager.default.createFile(atPath: file, contents: nil) || FileManager.default.fileExists(atPath: file),
                  let h = FileHandle(forWritingAtPath: file) else {
                throw CLIError(code: .cannotCreate, message: "cannot write the log file \(file)")
            }
            h.seekToEndOfFile()
            handle = h
        }
        let output = handle
        var logger = Logger(label: label) { label in FileLogHandler(label: label, handle: output) }
        logger.logLevel = parsed
        return logger
    }
}

/// A log handler writing one line per message to a file handle.
struct FileLogHandler: LogHandler {
    let label: String
    let handle: FileHandle
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let line = "\(ISO8601DateFormatter().string(from: Date())) \(event.level) \(label): \(event.message)\n"
        handle.write(Data(line.utf8))
    }
}
