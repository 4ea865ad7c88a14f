import Foundation
import OGPHarvest

/// A live progress line per source on a terminal (standard error); nothing when not a terminal.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private var state: [String: (items: Int, failed: Int, done: Bool, started: Date)] = [:]
    private var lastDraw = Date.distantPast

    /// A display when standard error is a terminal, else nil.
    static func forTerminal() -> ProgressDisplay? {
        isatty(STDERR_FILENO) == 1 ? ProgressDisplay() : nil
    }

    func update(_ event: ProgressEvent) {
        lock.lock()
        defer { lock.unlock() }
        let started = state[event.source]?.started ?? Date()
        state[event.source] = (event.items, event.failed, event.finished, started)
        guard event.finished || Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let parts = state.keys.sorted().map { name -> String in
            guard let s = state[name] else { return name }
            let rate = Double(s.items) / max(0.001, Date().timeIntervalSince(s.started))
            return "\(name) \(s.items)\(s.done ? " ✓" : String(format: " (%.0f/s)", rate))\(s.failed > 0 ? " \(s.failed) failed" : "")"
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(parts.joined(separator: " · "))".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
