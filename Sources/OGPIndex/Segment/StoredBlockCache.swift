import Foundation

/// Decompressed stored-field blocks, least recently used evicted first, shared by every search
/// of one ``IndexReader`` (thread-safe: one lock around a dictionary and a linked list).
///
/// Memory-bounded: the blocks it holds total at most `capacity` bytes (each block is about
/// 16 KB, see ``StoredFieldsWriter/blockBytes``), plus about 100 bytes of bookkeeping per block.
/// A capacity of 0 caches nothing.
final class StoredBlockCache: @unchecked Sendable {
    private struct Key: Hashable {
        var segment: Int
        var block: Int
    }

    private struct Entry {
        var key: Key
        var data: [UInt8]
        var newer: Int  // toward the most recently used; -1 at the head
        var older: Int  // toward the least recently used; -1 at the tail
    }

    /// The most bytes of blocks held.
    let capacity: Int
    private let lock = NSLock()
    private var index: [Key: Int] = [:]
    private var entries: [Entry] = []
    private var freeSlots: [Int] = []
    private var head = -1  // most recently used
    private var tail = -1  // least recently used
    private var held = 0
    private var counters = (hits: 0, misses: 0)

    init(capacity: Int) { self.capacity = max(0, capacity) }

    /// Bytes of blocks held now (≤ ``capacity``).
    var bytesHeld: Int { lock.withLock { held } }
    /// Lookups answered from the cache, and not, since it was made.
    var statistics: (hits: Int, misses: Int) { lock.withLock { counters } }

    /// The block, if held (it becomes the most recently used).
    func get(segment: Int, block: Int) -> [UInt8]? {
        guard capacity > 0 else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let i = index[Key(segment: segment, block: block)] else {
            counters.misses += 1
            return nil
        }
        counters.hits += 1
        unlink(i)
        pushFront(i)
        return entries[i].data
    }

    /// Holds `data` as the most recently used block, evicting the least recently used ones
    /// beyond the capacity. A block larger than the capacity is not held.
    func put(segment: Int, block: Int, _ data: [UInt8]) {
        guard data.count <= capacity else { return }
        let key = Key(segment: segment, block: block)
        lock.lock()
        defer { lock.unlock() }
        guard index[key] == nil else { return }  // another thread read it meanwhile
        while held + data.count > capacity, tail >= 0 { evict(tail) }
        let entry = Entry(key: key, data: data, newer: -1, older: -1)
        let i: Int
        if let slot = freeSlots.popLast() {
            entries[slot] = entry
            i = slot
        } else {
            entries.append(entry)
            i = entries.count - 1
        }
        index[key] = i
        held += data.count
        pushFront(i)
    }

    private func evict(_ i: Int) {
        unlink(i)
        index[entries[i].key] = nil
        held -= entries[i].data.count
        entries[i].data = []
        freeSlots.append(i)
    }

    private func unlink(_ i: Int) {
        let (newer, older) = (entries[i].newer, entries[i].older)
        if newer >= 0 { entries[newer].older = older } else { head = older }
        if older >= 0 { entries[older].newer = newer } else { tail = newer }
        entries[i].newer = -1
        entries[i].older = -1
    }

    private func pushFront(_ i: Int) {
        entries[i].older = head
        entries[i].newer = -1
        if head >= 0 { entries[head].newer = i }
        head = i
        if tail < 0 { tail = i }
    }
}
