import Foundation
import OGPCommandLine
import OGPHarvest

/// A live progress line on a terminal (standard error), redrawn at most five times a second and
/// cut to the terminal's width; nothing when standard error is not a terminal.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [String: ProgressLine.Source] = [:]
    private var lastDraw = Date.distantPast

    /// A display when standard error is a terminal, else nil.
    static func forTerminal() -> ProgressDisplay? {
        Console.allowsEscapes(on: STDERR_FILENO) ? ProgressDisplay() : nil
    }

    func update(_ event: ProgressEvent) {
        lock.lock()
        defer { lock.unlock() }
        var source = sources[event.source] ?? ProgressLine.Source(name: event.source, started: Date())
        source.items = event.items
        source.failed = event.failed
        source.finished = event.finished
        sources[event.source] = source
        draw(force: event.finished)
    }

    /// A transfer's bytes (received, and expected when the server said).
    func transfer(source name: String, received: Int64, expected: Int64?, finished: Bool) {
        lock.lock()
        defer { lock.unlock() }
        var source = sources[name] ?? ProgressLine.Source(name: name, started: Date())
        source.transfer = ProgressLine.Transfer(
            received: received, expected: expected, started: source.transfer?.started ?? Date())
        if finished { source.transfer = nil }
        sources[name] = source
        draw(force: false)
    }

    private func draw(force: Bool) {
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = now
        let text = ProgressLine.render(
            sources.keys.sorted().compactMap { sources[$0] }, now: now, width: Console.width(of: STDERR_FILENO))
        Console.errorRaw("\r\u{1B}[K" + text)
    }

    func finish() {
        Console.errorRaw("\r\u{1B}[K")
    }
}
