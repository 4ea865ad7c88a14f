import Foundation
import Testing

@testable import OGPIndex

/// The builder's term table (``TermTable``) against a Swift dictionary: same values, through
/// growth, keys that share prefixes and lengths, empty and long keys, and entries appended
/// from another table with their hashes.
@Suite struct TermTableTests {
    static func keys(_ n: Int) -> [[UInt8]] {
        var seed: UInt64 = 7
        var out: [[UInt8]] = [[], Array("a".utf8), Array("\u{01}données".utf8)]
        for i in 0..<n {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(seed >> 59) + (i % 50 == 0 ? 40 : 0)  // 0–31, some longer
            // Few distinct bytes: many keys equal in length and in their first 8 bytes.
            out.append((0..<length).map { k in UInt8(0x61 + (seed >> UInt64(k % 60)) & 3) })
        }
        return out
    }

    @Test func insertsAndFindsWhatADictionaryWould() {
        var table = TermTable()
        var reference: [[UInt8]: Int32] = [:]
        for key in Self.keys(20_000) {
            let next = Int32(reference.count)
            let r = key.withUnsafeBytes { table.insert($0, value: next) }
            if let known = reference[key] {
                #expect(!r.inserted)
                #expect(r.value == known)
            } else {
                #expect(r.inserted)
                #expect(r.value == next)
                reference[key] = next
            }
        }
        #expect(table.count == reference.count)
        for (key, value) in reference {
            #expect(key.withUnsafeBytes { table.value($0) } == value)
        }
        #expect(Array("absent-key-zz".utf8).withUnsafeBytes { table.value($0) } == nil)
        // Insertion order, with each key's bytes.
        var seen = 0
        table.forEach { key, hash, value in
            #expect(value == Int32(seen))
            #expect(reference[Array(key)] == value)
            #expect(hash == TermTable.hash(key))
            #expect(Array(table.key(seen)) == Array(key))
            seen += 1
        }
        #expect(seen == reference.count)
    }

    @Test func entriesAppendedWithTheirHashesAreFoundByKey() {
        var a = TermTable()
        var b = TermTable()
        let keys = Self.keys(3_000)
        for (i, key) in keys.enumerated() where i % 2 == 0 {
            _ = key.withUnsafeBytes { a.insert($0, value: Int32(a.count)) }
        }
        for (i, key) in keys.enumerated() where i % 3 == 0 {
            _ = key.withUnsafeBytes { b.insert($0, value: Int32(b.count)) }
        }
        b.forEach { key, hash, _ in _ = a.insert(key, hash: hash, value: Int32(a.count)) }
        let union = Set(keys.enumerated().filter { $0.offset % 2 == 0 || $0.offset % 3 == 0 }.map(\.element))
        #expect(a.count == union.count)
        for key in union { #expect(key.withUnsafeBytes { a.value($0) } != nil) }
    }
}
