/// Frame-of-reference bit packing of up to ``PostingsBlock/size`` unsigned values: each value
/// in `width` bits (0–32), little-endian bit order, the block byte-aligned at its end. A block of
/// equal gaps (consecutive documents, every frequency 1 once shifted) takes no bytes at all.
enum BitPacking {
    /// The bits needed for the largest of `values`.
    static func width(_ values: UnsafeBufferPointer<UInt32>) -> Int {
        var m: UInt32 = 0
        for v in values { m |= v }
        return m == 0 ? 0 : 32 - m.leadingZeroBitCount
    }

    /// Bytes taken by `count` values of `width` bits.
    @inline(__always)
    static func byteCount(_ count: Int, width: Int) -> Int { (count * width + 7) >> 3 }

    /// Appends `values` packed in `width` bits each.
    static func pack(_ values: UnsafeBufferPointer<UInt32>, width: Int, into out: inout [UInt8]) {
        guard width > 0 else { return }
        var acc: UInt64 = 0
        var bits = 0
        for v in values {
            acc |= UInt64(v) << UInt64(bits)
            bits += width
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
        if bits > 0 { out.append(UInt8(truncatingIfNeeded: acc)) }
    }

    /// Unpacks `count` values of `width` bits starting at `offset` of `base` into `out`. The
    /// caller has checked that the packed bytes lie within `base`'s `end`.
    @inline(__always)
    static func unpack(
        _ base: UnsafeRawBufferPointer, offset: Int, end: Int, count: Int, width: Int, into out: UnsafeMutablePointer<UInt32>
    ) {
        guard width > 0 else {
            out.update(repeating: 0, count: count)
            return
        }
        let mask: UInt64 = (1 << UInt64(width)) - 1
        // Whole 8-byte loads while they stay inside the buffer, then byte by byte.
        let fastEnd = end - 8
        var i = 0
        if width <= 8 {
            // Narrow values (document gaps, frequencies): 8 of them in one load (8 × width
            // bits, starting on a byte).
            let w64 = UInt64(width)
            while i + 8 <= count {
                let byte = offset + (i * width) >> 3
                guard byte <= fastEnd else { break }
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
                out[i] = UInt32(truncatingIfNeeded: w & mask)
                out[i + 1] = UInt32(truncatingIfNeeded: (w >> w64) & mask)
                out[i + 2] = UInt32(truncatingIfNeeded: (w >> (2 * w64)) & mask)
                out[i + 3] = UInt32(truncatingIfNeeded: (w >> (3 * w64)) & mask)
                out[i + 4] = UInt32(truncatingIfNeeded: (w >> (4 * w64)) & mask)
                out[i + 5] = UInt32(truncatingIfNeeded: (w >> (5 * w64)) & mask)
                out[i + 6] = UInt32(truncatingIfNeeded: (w >> (6 * w64)) & mask)
                out[i + 7] = UInt32(truncatingIfNeeded: (w >> (7 * w64)) & mask)
                i += 8
            }
        } else if width <= 16 {
            // 4 of them in one load: 4 × width bits from a shift of at most 4 (odd widths) fit
            // the 64 bits up to 15, and 16 starts on a byte.
            let w64 = UInt64(width)
            while i + 4 <= count {
                let bit = i * width
                let byte = offset + bit >> 3
                guard byte <= fastEnd else { break }
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) >> UInt64(bit & 7)
                out[i] = UInt32(truncatingIfNeeded: w & mask)
                out[i + 1] = UInt32(truncatingIfNeeded: (w >> w64) & mask)
                out[i + 2] = UInt32(truncatingIfNeeded: (w >> (2 * w64)) & mask)
                out[i + 3] = UInt32(truncatingIfNeeded: (w >> (3 * w64)) & mask)
                i += 4
            }
        }
        var bit = i * width
        while i < count {
            let byte = offset + bit >> 3
            guard byte <= fastEnd else { break }
            let w = base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)
            out[i] = UInt32(truncatingIfNeeded: (UInt64(littleEndian: w) >> UInt64(bit & 7)) & mask)
            bit += width
            i += 1
        }
        while i < count {
            var v: UInt64 = 0
            var got = 0
            var byte = offset + bit >> 3
            let shift = bit & 7
            while got < width + shift {
                v |= UInt64(base[byte]) << UInt64(got)
                got += 8
                byte += 1
            }
            out[i] = UInt32(truncatingIfNeeded: (v >> UInt64(shift)) & mask)
            bit += width
            i += 1
        }
    }

    /// The `index`-th value of `width` bits packed at `offset` (bytes checked by the caller).
    @inline(__always)
    static func value(_ base: UnsafeRawBufferPointer, offset: Int, index: Int, width: Int) -> UInt32 {
        guard width > 0 else { return 0 }
        let bit = index * width
        var byte = offset + bit >> 3
        let shift = bit & 7
        var v: UInt64 = 0
        var got = 0
        while got < width + shift {
            v |= UInt64(base[byte]) << UInt64(got)
            got += 8
            byte += 1
        }
        return UInt32(truncatingIfNeeded: (v >> UInt64(shift)) & ((1 << UInt64(width)) - 1))
    }
}
