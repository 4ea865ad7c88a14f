import CZlib

/// zlib deflate/inflate for stored-field blocks.
enum Zlib {
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var destLen = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(destLen))
        let rc = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in
                compress2(o.baseAddress, &destLen, i.baseAddress, uLong(i.count), 6)
            }
        }
        guard rc == Z_OK else { return [] }
        out.removeSubrange(Int(destLen)...)
        return out
    }

    static func decompress(
        _ input: UnsafeRawBufferPointer, size: Int, file: String, offset: Int
    ) throws(IndexError) -> [UInt8] {
        guard size >= 0, size < 1 << 28 else { throw .corrupt("bad block size", file: file, offset: offset) }
        var out = [UInt8](repeating: 0, count: size)
        var destLen = uLong(size)
        let rc = out.withUnsafeMutableBufferPointer { o in
            uncompress(
                o.baseAddress, &destLen, input.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(input.count))
        }
        guard rc == Z_OK, Int(destLen) == size else {
            throw .corrupt("bad compressed block", file: file, offset: offset)
        }
        return out
    }
}
