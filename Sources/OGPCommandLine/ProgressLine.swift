import Foundation

/// The text of the live progress line: per source, items (and failures) or, while a download
/// runs, its bytes, rate and, when the size is known, percentage and time left; cut to the
/// terminal's width (never wrapped, which would break the redraw).
public enum ProgressLine {
    /// One source's progress.
    public struct Source: Sendable, Hashable {
        public var name: String
        public var started: Date
        public var items = 0
        public var failed = 0
        public var finished = false
        public var transfer: Transfer?

        public init(name: String, started: Date) {
            self.name = name
            self.started = started
        }
    }

    /// A download in progress.
    public struct Transfer: Sendable, Hashable {
        public var received: Int64
        public var expected: Int64?
        public var started: Date

        public init(received: Int64, expected: Int64?, started: Date) {
            self.received = received
            self.expected = expected
            self.started = started
        }
    }

    /// The line for `sources` at `now`, at most `width` columns.
    public static func render(_ sources: [Source], now: Date, width: Int) -> String {
        let parts = sources.map { part($0, now: now) }
        return fit(parts.joined(separator: " · "), width: width)
    }

    static func part(_ s: Source, now: Date) -> String {
        if s.finished { return "\(s.name) \(s.items) ✓" + (s.failed > 0 ? " \(s.failed) failed" : "") }
        if let t = s.transfer {
            let seconds = max(0.001, now.timeIntervalSince(t.started))
            let rate = Double(t.received) / seconds
            var text = "\(s.name) \(bytes(t.received))"
            if let expected = t.expected, expected > 0 {
                let fraction = min(1, Double(t.received) / Double(expected))
                text += "/\(bytes(expected)) \(Int(fraction * 100))%"
                if rate > 0, t.received < expected {
                    text += " \(bytes(Int64(rate)))/s, \(duration(Double(expected - t.received) / rate)) left"
                    return text
                }
            }
            return text + " \(bytes(Int64(rate)))/s"
        }
        let rate = Double(s.items) / max(0.001, now.timeIntervalSince(s.started))
        return "\(s.name) \(s.items)" + String(format: " (%.0f/s)", rate) + (s.failed > 0 ? " \(s.failed) failed" : "")
    }

    /// `812 B`, `15.2 KB`, `3.4 MB`, `1.2 GB` (powers of 1000).
    public static func bytes(_ n: Int64) -> String {
        let value = Double(n)
        if value < 1000 { return "\(n) B" }
        if value < 1e6 { return String(format: "%.1f KB", value / 1e3) }
        if value < 1e9 { return String(format: "%.1f MB", value / 1e6) }
        return String(format: "%.2f GB", value / 1e9)
    }

    /// `42s`, `3m05s`, `1h02m`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 360_000 else { return "?" }
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60)
    }

    /// Cuts `text` to `width` columns (one column per character), ending with `…` when cut.
    public static func fit(_ text: String, width: Int) -> String {
        // The last column stays empty: some terminals wrap when it is written.
        let room = max(1, width - 1)
        guard text.count > room else { return text }
        return String(text.prefix(room - 1)) + "…"
    }
}
