import ArgumentParser
import Foundation
import OGPCatalog
import OGPCommandLine
import OGPHarvest

/// Turns harvest failures into command-line errors with their exit codes.
enum Interruptible {
    /// Runs the harvest, cancelling it on SIGINT or SIGTERM (the run then ends as interrupted).
    static func run(_ body: @escaping @Sendable () async throws -> HarvestReport) async throws -> HarvestReport {
        do {
            return try await cancellingOnSignals(body)
        } catch let failure as HarvestLock.Failure {
            if case .held = failure { throw CommandFailure(.locked, failure.description) }
            throw CommandFailure(.cannotCreate, failure.description)
        } catch let error as HarvestError {
            throw CommandFailure(error.code == .config ? .config : .io, error.description)
        } catch let error as ConfigError {
            throw CommandFailure(.cannotCreate, error.description)
        }
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
            throw CommandFailure(.cannotCreate, "cannot write the report", path: path, error: error)
        }
    }
}

/// Source names of the configuration named on the command line being completed (`--source`).
enum SourceNames {
    static func complete(_ words: [String]) -> [String] {
        var path = "config/sources.yml"
        if let i = words.firstIndex(of: "--config"), i + 1 < words.count { path = words[i + 1] }
        for word in words where word.hasPrefix("--config=") { path = String(word.dropFirst("--config=".count)) }
        guard let config = try? Configuration.load(path: path) else { return [] }
        return config.sources.map(\.name)
    }
}

extension Interruptible {
    /// Runs `body` in a task that SIGINT and SIGTERM cancel (`ogp index --follow`).
    static func cancellingOnSignals<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        let sources = [SIGINT, SIGTERM].map { sig -> any DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        return try await task.value
    }
}
