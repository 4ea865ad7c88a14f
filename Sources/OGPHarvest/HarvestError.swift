/// A harvest failure that ends a source (or a run): a code, a message, the place and the cause.
/// Problems with single items are not errors: they are recorded as failed items.
public struct HarvestError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The source's listing could not be fetched (transport error or HTTP error status).
        case fetch
        /// The listing could not be read at all (not the expected format).
        case parse
        /// The catalogue store failed.
        case store
        /// `git` failed for a Jekyll repository.
        case git
        /// The source exceeded its time limit.
        case timeout
        /// The configuration is not usable for this source.
        case config
        /// The search index could not be updated.
        case index
    }

    public var code: Code
    public var message: String
    /// The URL, file or source concerned.
    public var place: String
    /// The error that caused this one (a ``FetchError``, a ``StoreError``…), kept typed.
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, place: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.place = place
        self.underlying = underlying
    }

    /// As ``init(_:_:place:underlying:)`` with a cause known only as text.
    public init(_ code: Code, _ message: String, place: String, cause: String?) {
        self.init(code, message, place: place, underlying: cause.map(TextCause.init))
    }

    /// The underlying error as text.
    public var cause: String? { underlying.map { String(describing: $0) } }

    public var description: String {
        "\(place): \(message)" + (cause.map { " (\($0))" } ?? "")
    }
}

/// A cause known only by its description (a tool's output, a message from a library).
public struct TextCause: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
