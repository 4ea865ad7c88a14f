import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A streaming RFC 4180 reader: reads its input in fixed-size chunks (constant memory, never
/// the whole file), with a configurable separator, quoted fields holding CR, LF, separators and
/// doubled quotes, and a field-size limit.
///
/// Each record comes out as a ``CSVElement``: a ``CSVRow`` with its starting line and byte
/// offset, or a ``CSVMalformedRow`` (stray quote, unterminated quote, field too large) after
/// which the reader goes on. To resynchronise after a stray or unterminated quote (which may
/// only be noticed records later, or at the end of the input) it goes back to the bad
/// record's start and resumes after the first record terminator following it (CRLF when the
/// input's records end with CRLF, as data.gouv.fr's do, else LF), so the records after it
/// are not lost.
///
/// Scanning is byte-level over the chunk buffer. Not thread-safe: use one reader per task.
public final class CSVReader: Sequence, IteratorProtocol {
    /// The separator, quote, buffer size and field-size limit in use.
    public let options: CSVOptions

    enum Source {
        case file(Int32)
        case memory([UInt8])
    }

    private enum FieldEnd { case separator, record, eof, stray, unterminated }

    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    let source: Source
    let buffer: UnsafeMutablePointer<UInt8>
    var pos = 0
    var end = 0
    /// Input offset of `buffer[0]`.
    var base = 0
    var atEOF = false
    var ioError: Int32?
    var line = 1
    private var field: [UInt8] = []
    private var fieldTooLarge = false
    private var fields: [String] = []
    /// Whether records end with CRLF, as seen on the first record; used to resynchronise.
    private var crlf: Bool?
    private var finished = false

    /// Opens the file at `path`. Throws a ``CSVMalformedRow`` with code `io-error` when it cannot.
    public init(path: String, options: CSVOptions = CSVOptions()) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw CSVMalformedRow(code: "io-error", reason: "cannot open \(path) (errno \(errno))", line: 0, offset: 0)
        }
        self.options = options
        self.source = .file(fd)
        self.buffer = .allocate(capacity: options.bufferSize)
    }

    /// Reads from bytes in memory (tests, small inputs), still chunk by chunk.
    public init(data: Data, options: CSVOptions = CSVOptions()) {
        self.options = options
        self.source = .memory([UInt8](data))
        self.buffer = .allocate(capacity: options.bufferSize)
    }

    deinit {
        buffer.deallocate()
        if case .file(let fd) = source { close(fd) }
    }

    /// The capacity kept for one field's bytes (bounded by the field-size limit); for tests.
    var fieldCapacity: Int { field.capacity }

    /// The next record, or nil at the end of the input.
    public func next() -> CSVElement? {
        while !finished {
            guard let b = peekByte() else {
                finished = true
                if let e = ioError {
                    return .malformed(
                        CSVMalformedRow(
                            code: "io-error", reason: "read failed (errno \(e))", line: line, offset: base + pos))
                }
                return nil
            }
            if base + pos == 0, b == 0xEF, end >= 3, buffer[1] == 0xBB, buffer[2] == 0xBF {
                pos = 3
                continue
            }
            if options.skipEmptyLines, b == Self.lf || b == Self.cr {
                pos += 1
                if b == Self.lf { line += 1 }
                continue
            }
            return readRecord()
        }
        return nil
    }

    private func readRecord() -> CSVElement {
        let startOffset = base + pos
        let startLine = line
        fields.removeAll(keepingCapacity: true)
        var oversized: Int?
        fieldLoop: while true {
            field.removeAll(keepingCapacity: true)
            fieldTooLarge = false
            let outcome: FieldEnd
            if let first = peekByte() {
                if first == options.quote {
                    pos += 1
                    outcome = readQuoted()
                } else {
                    outcome = readUnquoted()
                }
            } else {
                outcome = .eof
            }
            switch outcome {
            case .separator, .record, .eof:
                if fieldTooLarge {
                    oversized = oversized ?? fields.count
                    fields.append("")
                } else {
                    fields.append(String(decoding: field, as: UTF8.self))
                }
                if outcome == .separator { continue fieldLoop }
                break fieldLoop
            case .stray:
                seek(to: startOffset, line: startLine)
                resyncToTerminator()
                return .malformed(
                    CSVMalformedRow(
                        code: "stray-quote",
                        reason: "stray quote in field \(fields.count + 1) of the record starting at line \(startLine)",
                        line: startLine, offset: startOffset))
            case .unterminated:
                seek(to: startOffset, line: startLine)
                resyncToTerminator()
                return .malformed(
                    CSVMalformedRow(
                        code: "unterminated-quote",
                        reason: "quote opened in field \(fields.count + 1) never closed before the end of the input",
                        line: startLine, offset: startOffset))
            }
        }
        if let index = oversized {
            return .malformed(
                CSVMalformedRow(
                    code: "field-too-large",
                    reason: "field \(index + 1) is larger than \(options.maxFieldSize) bytes",
                    line: startLine, offset: startOffset))
        }
        return .row(CSVRow(fields: fields, line: startLine, offset: startOffset))
    }

    private func readUnquoted() -> FieldEnd {
        let sep = options.separator, quote = options.quote, buf = buffer
        while true {
            if pos == end, !refill() { return .eof }
            let stop = end
            var i = pos
            var b: UInt8 = 0
            while i < stop {
                b = buf[i]
                if b == sep || b == Self.cr || b == Self.lf || b == quote { break }
                i += 1
            }
            append(from: pos, to: i)
            pos = i
            if i == stop { continue }
            pos += 1
            switch b {
            case sep: return .separator
            case quote: return .stray
            case Self.lf:
                line += 1
                if crlf == nil { crlf = false }
                return .record
            default:
                if peekByte() == Self.lf {
                    pos += 1
                    line += 1
                    if crlf == nil { crlf = true }
                }
                return .record
            }
        }
    }

    private func readQuoted() -> FieldEnd {
        let quote = options.quote, buf = buffer
        while true {
            if pos == end, !refill() { return .unterminated }
            let stop = end
            var i = pos
            var lines = 0
            while i < stop {
                let b = buf[i]
                if b == quote { break }
                if b == Self.lf { lines += 1 }
                i += 1
            }
            line += lines
            append(from: pos, to: i)
            pos = i
            if i == stop { continue }
            pos += 1
            guard let next = peekByte() else { return .eof }
            switch next {
            case quote:
                append(byte: quote)
                pos += 1
            case options.separator:
                pos += 1
                return .separator
            case Self.lf:
                pos += 1
                line += 1
                if crlf == nil { crlf = false }
                return .record
            case Self.cr:
                pos += 1
                if peekByte() == Self.lf {
                    pos += 1
                    line += 1
                    if crlf == nil { crlf = true }
                }
                return .record
            default:
                return .stray
            }
        }
    }

    /// Skips to just after the next record terminator (CRLF when the input's records end so, else LF).
    private func resyncToTerminator() {
        var previousCR = false
        while true {
            if pos == end, !refill() { return }
            let b = buffer[pos]
            pos += 1
            if b == Self.lf {
                line += 1
                if crlf != true || previousCR { return }
            }
            previousCR = b == Self.cr
        }
    }

    @inline(__always) private func peekByte() -> UInt8? {
        if pos == end, !refill() { return nil }
        return buffer[pos]
    }

    @inline(__always) private func append(from: Int, to: Int) {
        guard to > from, !fieldTooLarge else { return }
        if field.count + (to - from) > options.maxFieldSize {
            fieldTooLarge = true
            field.removeAll(keepingCapacity: true)
            return
        }
        field.append(contentsOf: UnsafeBufferPointer(start: buffer + from, count: to - from))
    }

    @inline(__always) private func append(byte: UInt8) {
        guard !fieldTooLarge else { return }
        if field.count + 1 > options.maxFieldSize {
            fieldTooLarge = true
            field.removeAll(keepingCapacity: true)
            return
        }
        field.append(byte)
    }
}
