import Foundation

/// A module's error code: a string-backed struct with static members (as swift-subprocess's
/// `Error.swift`), so that new codes can be added without breaking anyone's `switch`.
public protocol ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible where RawValue == String {}

extension ErrorCode {
    /// The code's text.
    public var description: String { rawValue }
}

/// The one shape of every ogp error: a code to branch on, a message for people, the place
/// where it happened, and the error that caused it, kept typed (a ``FetchError`` inside a
/// harvest error stays a `FetchError`, with its own code). Expected outcomes — a 304, a 404, an
/// invalid item — are values recorded per item, not errors.
public protocol OGPError: Error, Sendable, CustomStringConvertible {
    associatedtype Code: ErrorCode
    /// What went wrong, for callers that branch on it.
    var code: Code { get }
    /// A sentence for people.
    var message: String { get }
    /// Where it happened.
    var place: ErrorPlace { get }
    /// The error that caused this one, if any.
    var underlying: (any Error & Sendable)? { get }
}

extension OGPError {
    /// `place: message (cause: its cause…)`: each cause's place is named only when it is a new one,
    /// and a cause that only repeats its wrapper's message is left out (a harvest error wrapping
    /// the fetch error of the same URL reads `url: connection failed (curl's text)`, not the URL
    /// and the message three times).
    public var description: String { description(at: nil) }

    /// As ``description``, for a reader who already knows the place `known` (an item failure
    /// recorded under its URL): that place is not named again.
    public func description(at known: String?) -> String {
        let text = place.isEmpty || place.description == known ? message : "\(place): \(message)"
        var places: Set<String> = place.isEmpty ? [] : [place.description]
        if let known { places.insert(known) }
        var last = message
        var parts: [String] = []
        var next = underlying
        var depth = 0
        while let error = next, depth < 16 {
            depth += 1
            guard let own = error as? any OGPError else {
                let cause = describeError(error)
                if cause != last { parts.append(cause) }
                break
            }
            let ownPlace = own.place.description
            let named = !own.place.isEmpty && places.insert(ownPlace).inserted
            if named || own.message != last { parts.append(named ? "\(ownPlace): \(own.message)" : own.message) }
            last = own.message
            next = own.underlying
        }
        return parts.isEmpty ? text : "\(text) (\(parts.joined(separator: ": ")))"
    }

    /// The chain of causes, outermost first (this error included).
    public var causes: [any Error] {
        var out: [any Error] = [self]
        var next = underlying
        while let error = next, out.count < 16 {
            out.append(error)
            next = (error as? any OGPError)?.underlying
        }
        return out
    }

    /// A readable description of any error: Foundation's `NSError`s become their localized
    /// description and the file they name, instead of `Error Domain=NSCocoaErrorDomain Code=4`.
    public static func describe(_ error: any Error) -> String {
        describeError(error)
    }
}

/// A readable description of any error (see ``OGPError/describe(_:)``): ogp's own errors
/// describe themselves; Foundation's name the path and the cause (``FileErrorText``).
public func describeError(_ error: any Error) -> String {
    if let own = error as? any OGPError { return own.description }
    return FileErrorText.describe(error)
}
