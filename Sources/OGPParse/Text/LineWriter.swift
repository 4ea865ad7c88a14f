/// Output buffer of ``DescriptionText``: collapses spaces, trims line ends, keeps at most one
/// blank line between paragraphs and none at either end.
struct LineWriter {
    private var out: [UInt8] = []
    private var lineHasText = false
    private var pendingSpace = false
    /// Line breaks owed before the next text: 1 (new line) or 2 (new paragraph).
    private var pendingBreaks = 0

    init(capacity: Int) {
        out.reserveCapacity(capacity)
    }

    mutating func byte(_ c: UInt8) {
        if c == 32 || c == 9 || c == 10 || c == 13 || c == 11 || c == 12 {
            if lineHasText { pendingSpace = true }
            return
        }
        if !lineHasText {
            if !out.isEmpty {
                out.append(10)
                if pendingBreaks >= 2 { out.append(10) }
            }
            pendingBreaks = 0
            lineHasText = true
        } else if pendingSpace {
            out.append(32)
        }
        pendingSpace = false
        out.append(c)
    }

    /// Appends `b[from..<to]`, which starts and ends with a non-space byte and has no two
    /// whitespace bytes in a row (so it is already collapsed).
    mutating func run(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
        guard to > from else { return }
        byte(b[from])
        if to > from + 1 { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[(from + 1)..<to])) }
    }

    mutating func text(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
        var k = from
        while k < to {
            byte(b[k])
            k += 1
        }
    }

    mutating func endLine() {
        if lineHasText {
            lineHasText = false
            pendingBreaks = 1
        } else if !out.isEmpty {
            pendingBreaks = 2
        }
        pendingSpace = false
    }

    mutating func blankLine() {
        lineHasText = false
        pendingSpace = false
        if !out.isEmpty { pendingBreaks = 2 }
    }

    func finish() -> String {
        String(decoding: out, as: UTF8.self)
    }
}
