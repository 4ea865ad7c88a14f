/// Minimal gzip and zlib writers in pure Swift (RFC 1950/1951/1952), for test bodies: stored
/// blocks for ordinary content, and a fixed-Huffman stream of repeated matches for a bomb.
public enum Gzip {
    private static let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]

    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 of `bytes`.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// CRC-32 of `count` zero bytes.
    static func crc32Zeros(_ count: Int) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        crcTable.withUnsafeBufferPointer { table in
            for _ in 0..<count { crc = table[Int(crc & 0xFF)] ^ (crc >> 8) }
        }
        return crc ^ 0xFFFF_FFFF
    }

    private static func trailer(crc: UInt32, size: Int) -> [UInt8] {
        let isize = UInt32(truncatingIfNeeded: size)
        return [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: crc >> $0) }
            + [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: isize >> $0) }
    }

    /// `bytes` as a valid gzip member made of stored (uncompressed) deflate blocks.
    public static func stored(_ bytes: [UInt8]) -> [UInt8] {
        header + storedBlocks(bytes) + trailer(crc: crc32(bytes), size: bytes.count)
    }

    /// `bytes` as a zlib stream (HTTP `Content-Encoding: deflate`) of stored blocks.
    public static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return [0x78, 0x01] + storedBlocks(bytes) + bigEndian(b << 16 | a)
    }

    /// A zlib stream (`Content-Encoding: deflate`) inflating to about `decompressedBytes` zeros.
    public static func zlibBomb(decompressedBytes: Int) -> [UInt8] {
        let (deflate, size) = bombBlocks(decompressedBytes)
        let adler = UInt32(size % 65_521) << 16 | 1  // all zeros: a stays 1, b grows by 1
        return [0x78, 0x01] + deflate + bigEndian(adler)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }

    private static func storedBlocks(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var offset = 0
        repeat {
            let length = min(65_535, bytes.count - offset)
            let final: UInt8 = offset + length >= bytes.count ? 1 : 0
            out.append(final)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += bytes[offset..<(offset + length)]
            offset += length
        } while offset < bytes.count
        return out
    }

    /// A valid gzip member inflating to about `decompressedBytes` zero bytes
    /// (one literal, then matches of length 258 at distance 1).
    public static func bomb(decompressedBytes: Int) -> [UInt8] {
        let (deflate, size) = bombBlocks(decompressedBytes)
        return header + deflate + trailer(crc: crc32Zeros(size), size: size)
    }

    /// One fixed-Huffman block: a zero literal, then length-258 matches at distance 1.
    private static func bombBlocks(_ decompressedBytes: Int) -> (bytes: [UInt8], size: Int) {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE = fixed Huffman
        bits.writeCode(0x30, count: 8)  // literal 0
        let matches = max((decompressedBytes - 1) / 258, 0)
        for _ in 0..<matches {
            bits.writeCode(0xC5, count: 8)  // length code 285 (258)
            bits.writeCode(0, count: 5)  // distance code 0 (1)
        }
        bits.writeCode(0, count: 7)  // end of block (256)
        return (bits.finished, 1 + matches * 258)
    }
}

/// Deflate bit order: fields LSB first, Huffman codes MSB first.
private struct BitWriter {
    var bytes: [UInt8] = []
    private var current: UInt32 = 0
    private var used: UInt32 = 0

    mutating func write(_ value: UInt32, count: UInt32) {
        for i in 0..<count { push((value >> i) & 1) }
    }

    mutating func writeCode(_ code: UInt32, count: UInt32) {
        var i = count
        while i > 0 {
            i -= 1
            push((code >> i) & 1)
        }
    }

    private mutating func push(_ bit: UInt32) {
        current |= bit << used
        used += 1
        if used == 8 { flush() }
    }

    private mutating func flush() {
        bytes.append(UInt8(current))
        current = 0
        used = 0
    }

    var finished: [UInt8] {
        mutating get {
            if used > 0 { flush() }
            return bytes
        }
    }
}
