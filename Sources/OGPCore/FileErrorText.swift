import Foundation

/// Says what went wrong with a file in words a person can act on: the cause of a Foundation or
/// POSIX error ("permission denied", "no such file or directory", "read-only file system"),
/// instead of `Error Domain=NSCocoaErrorDomain Code=4 "(null)"`. Where ``describeError(_:)`` gives
/// one sentence, this gives the cause alone, for messages of the form `what PATH: cause`.
public enum FileErrorText {
    /// The cause of `error`, without the path.
    public static func cause(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return text(errno: posix.code.rawValue) }
        // ogp's own errors (StoreError, IndexError…) describe themselves.
        if let own = error as? any OGPError { return own.description }
        if !(error is CocoaError), !(type(of: error) is NSError.Type) {
            return String(describing: error)
        }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return text(errno: Int32(truncatingIfNeeded: underlying.code))
        }
        if ns.domain == NSPOSIXErrorDomain { return text(errno: Int32(truncatingIfNeeded: ns.code)) }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or directory"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "no space left on device"
            case .fileWriteVolumeReadOnly: return "read-only file system"
            case .fileWriteFileExists: return "a file already exists there"
            case .fileReadCorruptFile: return "the file is corrupt"
            case .fileReadTooLarge: return "the file is too large"
            case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding:
                return "the text is not in the expected encoding"
            case .fileReadInvalidFileName, .fileWriteInvalidFileName: return "invalid file name"
            default: break
            }
        }
        let text = ns.localizedFailureReason ?? ns.localizedDescription
        return text.isEmpty || text.contains("Error Domain=") ? "error \(ns.code) (\(ns.domain))" : text
    }

    /// `PATH: cause` for an error about `path` (the path the error carries wins when it has one).
    public static func describe(_ error: any Error, path: String? = nil) -> String {
        let ns = error as NSError
        let carried = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        guard let where_ = path ?? carried else { return cause(error) }
        return "\(where_): \(cause(error))"
    }

    /// `strerror` for an errno value, lower-cased as in the other causes.
    public static func text(errno code: Int32) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return "error \(code)" }
        return first.lowercased() + text.dropFirst()
    }
}
