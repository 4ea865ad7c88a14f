/// An append-only byte buffer with varint and fixed-width little-endian encoders.
struct ByteBuffer {
    var bytes: [UInt8] = []

    var count: Int { bytes.count }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func varint(_ value: Int) { varint(UInt64(max(0, value))) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String) {
        varint(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }
    mutating func append(_ other: ArraySlice<UInt8>) { bytes.append(contentsOf: other) }

    /// Writes the common file header: 4-byte magic and format version.
    mutating func header(_ magic: String) {
        bytes.append(contentsOf: Array(magic.utf8.prefix(4)))
        u32(FileFormat.version)
    }
}

/// File format constants.
enum FileFormat {
    /// Version written in every file header and in the manifest (3: checksum footers; 4: block
    /// postings with a skip table and block maxima, see ``PostingsBlock``, and the term
    /// dictionary in prefix-compressed blocks, see ``TermDictionaryWriter``; 5: stored fields in
    /// 16 KB zstd blocks with a per-segment dictionary, see ``StoredFieldsWriter``).
    static let version: UInt32 = 5
    /// Header size: magic (4) + version (4).
    static let headerSize = 8
}

/// A bounds-checked cursor over memory-mapped bytes. Every read throws ``IndexError`` with the
/// file name and offset instead of reading out of bounds.
struct ByteCursor {
    let base: UnsafeRawBufferPointer
    var offset: Int
    let end: Int
    let file: String

    init(_ base: UnsafeRawBufferPointer, offset: Int = 0, end: Int? = nil, file: String) {
        self.base = base
        self.offset = offset
        self.end = min(end ?? base.count, base.count)
        self.file = file
    }

    var atEnd: Bool { offset >= end }

    @inline(__always)
    mutating func byte() throws(IndexError) -> UInt8 {
        guard offset >= 0, offset < end else { throw .corrupt("read past end", file: file, offset: offset) }
        let b = base[offset]
        offset += 1
        return b
    }

    @inline(__always)
    mutating func varint() throws(IndexError) -> UInt64 {
        // Fast path: most values (field ids, frequencies, small gaps) fit in one byte.
        if offset >= 0, offset < end, base[offset] < 0x80 {
            offset += 1
            return UInt64(base[offset - 1])
        }
        return try varintSlow()
    }

    private mutating func varintSlow() throws(IndexError) -> UInt64 {
        var shift: UInt64 = 0
        var result: UInt64 = 0
        while true {
            let b = try byte()
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
            if shift > 63 { throw .corrupt("varint too long", file: file, offset: offset) }
        }
    }

    /// Skips `count` varints without decoding them (each ends at a byte below 0x80), eight
    /// bytes at a time while whole words can be skipped.
    @inline(__always)
    mutating func skipVarints(_ count: Int) throws(IndexError) {
        var left = count
        var o = offset
        guard o >= 0 else { throw .corrupt("read past end", file: file, offset: o) }
        while left > 0 {
            if o + 8 <= end {
                let w = base.loadUnaligned(fromByteOffset: o, as: UInt64.self)
                let ends = (~w & 0x8080_8080_8080_8080).nonzeroBitCount
                // Whole word: more varints follow it, or its last byte ends the last one.
                if ends < left || (ends == left && w >> 56 < 0x80) {
                    left -= ends
                    o += 8
                    continue
                }
            }
            guard o < end else { throw .corrupt("read past end", file: file, offset: o) }
            if base[o] < 0x80 { left -= 1 }
            o += 1
        }
        offset = o
    }

    @inline(__always)
    mutating func int() throws(IndexError) -> Int {
        let v = try varint()
        guard v <= UInt64(Int32.max) * 4 else { throw .corrupt("value out of range", file: file, offset: offset) }
        return Int(v)
    }

    mutating func u32() throws(IndexError) -> UInt32 {
        guard offset >= 0, offset + 4 <= end else { throw .corrupt("read past end", file: file, offset: offset) }
        let v = base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return UInt32(littleEndian: v)
    }

    mutating func u64() throws(IndexError) -> UInt64 {
        guard offset >= 0, offset + 8 <= end else { throw .corrupt("read past end", file: file, offset: offset) }
        let v = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return UInt64(littleEndian: v)
    }

    /// Reads one varint and returns its bytes.
    mutating func varintBytes() throws(IndexError) -> UnsafeRawBufferPointer {
        let start = offset
        _ = try varint()
        return UnsafeRawBufferPointer(rebasing: base[start..<offset])
    }

    /// Skips `count` bytes.
    @inline(__always)
    mutating func skip(_ count: Int) throws(IndexError) {
        guard count >= 0, offset + count <= end else { throw .corrupt("skip past end", file: file, offset: offset) }
        offset += count
    }

    /// A u64 file offset or size, checked to fit (≤ 2^40) so arithmetic on it cannot overflow.
    mutating func offset64() throws(IndexError) -> Int {
        let v = try u64()
        guard v <= 1 << 40 else { throw .corrupt("offset out of range", file: file, offset: offset - 8) }
        return Int(v)
    }

    /// Table variant of ``offset64()``.
    func offset64(at tableOffset: Int, index: Int) throws(IndexError) -> Int {
        let v = try u64(at: tableOffset, index: index)
        guard v <= 1 << 40 else { throw .corrupt("offset out of range", file: file, offset: tableOffset + 8 * index) }
        return Int(v)
    }

    /// Returns `count` bytes as a slice of the mapping and advances.
    mutating func bytes(_ count: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        guard count >= 0, offset >= 0, offset + count <= end else {
            throw .corrupt("read past end", file: file, offset: offset)
        }
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<offset + count])
        offset += count
        return slice
    }

    mutating func string() throws(IndexError) -> String {
        let n = try int()
        return String(decoding: try bytes(n), as: UTF8.self)
    }

    /// Checks the 8-byte header written by ``ByteBuffer/header(_:)``.
    mutating func header(_ magic: String) throws(IndexError) {
        let m = try bytes(4)
        guard Array(m) == Array(magic.utf8.prefix(4)) else {
            throw .corrupt("bad magic, expected \(magic)", file: file, offset: 0)
        }
        let v = try u32()
        guard v == FileFormat.version else {
            throw IndexError(
                .formatVersion, "format version \(v), expected \(FileFormat.version)", file: file, offset: 4)
        }
    }

    /// A fixed-width u32 at `index` of a table starting at `tableOffset` (no cursor movement).
    func u32(at tableOffset: Int, index: Int) throws(IndexError) -> UInt32 {
        let o = tableOffset + index * 4
        guard index >= 0, o >= 0, o + 4 <= end else {
            throw .corrupt("table index out of range", file: file, offset: o)
        }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt32.self))
    }

    /// A fixed-width u64 at `index` of a table starting at `tableOffset`.
    func u64(at tableOffset: Int, index: Int) throws(IndexError) -> UInt64 {
        let o = tableOffset + index * 8
        guard index >= 0, o >= 0, o + 8 <= end else {
            throw .corrupt("table index out of range", file: file, offset: o)
        }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt64.self))
    }
}

/// `withUnsafeBytes` for a byte array with a typed-throwing body.
func withBytes<R>(_ a: [UInt8], _ body: (UnsafeRawBufferPointer) throws(IndexError) -> R) throws(IndexError) -> R {
    let r: Result<R, IndexError> = a.withUnsafeBytes { buf in
        Result { () throws(IndexError) -> R in try body(buf) }
    }
    return try r.get()
}
