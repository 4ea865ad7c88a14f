import Foundation

/// Decodes input bytes as UTF-8, reporting where invalid input starts.
enum UTF8Check {
    /// The text, or the byte offset of the first invalid sequence. A UTF-8 byte order mark is dropped.
    static func decode(_ data: Data) -> Result<String, ParseError> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let s = String(validating: bytes, as: UTF8.self) { return .success(s) }
        let offset = firstInvalidOffset(bytes)
        let line = bytes[..<min(offset, bytes.count)].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        return .failure(ParseError(.invalidEncoding, "input is not valid UTF-8", line: line, offset: offset))
    }

    /// The offset of the first byte that does not start or continue a valid sequence.
    static func firstInvalidOffset(_ b: [UInt8]) -> Int {
        var i = 0
        while i < b.count {
            let c = b[i]
            let n: Int
            if c < 0x80 { i += 1; continue }
            else if c >= 0xC2, c <= 0xDF { n = 1 }
            else if c >= 0xE0, c <= 0xEF { n = 2 }
            else if c >= 0xF0, c <= 0xF4 { n = 3 }
            else { return i }
            guard i + n < b.count else { return i }
            for k in 1...n where b[i + k] & 0xC0 != 0x80 { return i }
            if let s = String(validating: b[i...(i + n)], as: UTF8.self), !s.isEmpty { i += n + 1 } else { return i }
        }
        return b.count
    }
}
