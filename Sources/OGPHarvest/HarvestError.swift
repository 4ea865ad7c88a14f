import OGPCore

/// A harvest failure that ends a source (or a run): a code, a message, the place and the cause.
/// Problems with single items are not errors: they are recorded as failed items.
public struct HarvestError: OGPError {
    /// Harvest error codes.
    public struct Code: ErrorCode {
        /// The code as text.
        public let rawValue: String
        /// A code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The source's listing could not be fetched (transport error or HTTP error status).
        public static let fetch = Code(rawValue: "fetch")
        /// The listing could not be read at all (not the expected format).
        public static let parse = Code(rawValue: "parse")
        /// The catalogue store failed.
        public static let store = Code(rawValue: "store")
        /// `git` failed for a Jekyll repository.
        public static let git = Code(rawValue: "git")
        /// The source exceeded its time limit.
        public static let timeout = Code(rawValue: "timeout")
        /// The configuration is not usable for this source.
        public static let config = Code(rawValue: "config")
        /// The search index could not be updated.
        public static let index = Code(rawValue: "index")
        /// The run was cancelled (SIGINT/SIGTERM, the run's time limit) during this step.
        public static let interrupted = Code(rawValue: "interrupted")
    }

    /// What went wrong.
    public var code: Code
    /// A sentence for people.
    public var message: String
    /// The URL, file or source concerned.
    public var place: ErrorPlace
    /// The error that caused this one (a ``FetchError``, a ``StoreError``…), kept typed.
    public var underlying: (any Error & Sendable)?

    /// An error at a URL, file or source.
    public init(_ code: Code, _ message: String, place: String, underlying: (any Error & Sendable)? = nil) {
        self.init(code, message, at: .at(place), underlying: underlying)
    }

    /// An error at a place.
    public init(_ code: Code, _ message: String, at place: ErrorPlace, underlying: (any Error & Sendable)? = nil) {
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


    /// Any error as a harvest error of `code` (kept as is when it already is one).
    public static func wrapping(_ error: any Error, _ code: Code, _ message: String, place: String) -> HarvestError {
        if let own = error as? HarvestError { return own }
        return HarvestError(code, message, place: place, underlying: error)
    }
}
