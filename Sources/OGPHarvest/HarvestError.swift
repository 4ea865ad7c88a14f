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
        /// The run was cancelled (SIGINT/SIGTERM, the run's time limit) during this step.
        case interrupted
    }

    public var code: Code
    public var message: String
    /// The URL, file or source concerned.
    public var place: String
    public var cause: String?

    public init(_ code: Code, _ message: String, place: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.place = place
        self.cause = cause
    }

    public var description: String {
        "\(place): \(message)" + (cause.map { " (\($0))" } ?? "")
    }
}
