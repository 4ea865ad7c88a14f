/// How far a download has come, for a live display (`ogp harvest` and `ogp fetch` on a
/// terminal): reported at most every 64 KB of body and at the end of each transfer.
public struct TransferProgress: Sendable, Hashable {
    /// The request's tag (the source's name in a harvest).
    public var tag: String?
    /// The URL of this hop.
    public var url: String
    /// Body bytes received so far (as sent, before content decoding).
    public var received: Int64
    /// The body's size when the server said (Content-Length), else nil.
    public var expected: Int64?
    /// True for the last report of the transfer.
    public var finished: Bool
}
