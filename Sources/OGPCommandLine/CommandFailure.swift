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
    } catch let failure as CommandFailure {
        Console.error("\(Console.programName): \(failure.message)")
        throw ExitCode(failure.status.rawValue)
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        Console.error("\(Console.programName): \(FileErrorText.describe(error))")
        throw ExitCode(ExitStatus.io.rawValue)
    }
}

/// The synchronous form of ``reportingFailures(_:)-(()async throws->Void)``.
public func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        Console.error("\(Console.programName): \(failure.message)")
        throw ExitCode(failure.status.rawValue)
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        Console.error("\(Console.programName): \(FileErrorText.describe(error))")
        throw ExitCode(ExitStatus.io.rawValue)
    }
}

extension ExitCode {
    /// The exit code of a status of the table.
    public init(_ status: ExitStatus) {
        self.init(status.rawValue)
    }
}
