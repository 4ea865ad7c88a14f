import ArgumentParser
import Foundation
import OGPConfig
import OGPCore

/// A command that cannot go on: a message for stderr (naming the path and the cause) and the
/// exit status from the one table, ``ExitStatus``.
public struct CommandFailure: Error, CustomStringConvertible, Sendable {
    public var status: ExitStatus
    public var message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// A failure about a file: `what` (e.g. "cannot write the report"), the path and the cause
    /// in words (never a bare `NSCocoaErrorDomain Code=4`).
    public init(_ status: ExitStatus, _ what: String, path: String, error: any Error) {
        self.init(status, "\(what) \(path): \(FileErrorText.cause(error))")
    }

    public var description: String { message }
}

/// Runs a command's body: a ``CommandFailure`` becomes its message on stderr and its exit code;
/// ArgumentParser's own errors (``ExitCode``, validation errors) pass through; anything else is
/// described (path and cause) and exits 74.
public func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        throw exitError(for: error)
    }
}

/// The synchronous form of ``reportingFailures(_:)-(()async throws->Void)``.
public func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        throw exitError(for: error)
    }
}

/// What a command's error becomes at the top: ArgumentParser's own errors as they are, ours said
/// on stderr and turned into the exit code of the table.
private func exitError(for error: any Error) -> any Error {
    switch error {
    case let failure as CommandFailure:
        Console.error("\(Console.programName): \(failure.message)")
        return ExitCode(failure.status.rawValue)
    case is ExitCode, is ValidationError, is CleanExit:
        return error
    default:
        Console.error("\(Console.programName): \(FileErrorText.describe(error))")
        return ExitCode(ExitStatus.io.rawValue)
    }
}

extension ExitCode {
    /// The exit code of a status of the table.
    public init(_ status: ExitStatus) {
        self.init(status.rawValue)
    }
}
