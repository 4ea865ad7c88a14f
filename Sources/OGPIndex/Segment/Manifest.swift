import Foundation

/// A segment as listed in the manifest.
struct SegmentInfo: Codable, Sendable, Equatable {
    /// File base name (`s000012`).
    var name: String
    /// Documents in the segment, deleted ones included.
    var docs: Int
    /// Generation of the deletion bitmap file (`name.GEN.del`), nil when nothing is deleted.
    var delGen: Int?
}

/// The commit point: which segments (and deletion generations) make up the index.
/// Replaced atomically (temp file, fsync, rename) on each commit.
struct Manifest: Codable, Sendable {
    var format: UInt32 = FileFormat.version
    var generation: Int = 0
    var nextSegment: Int = 0
    var schema: IndexSchema
    var segments: [SegmentInfo] = []
    /// What the application recorded with the commit (Lucene's commit user data), e.g. the
    /// version of the mapping that made its documents; absent from older manifests.
    var userData: [String: String]?

    static let fileName = "manifest.json"

    static func read(dir: String) throws(IndexError) -> Manifest {
        let path = "\(dir)/\(fileName)"
        guard FileManager.default.fileExists(atPath: path) else {
            throw IndexError(.notAnIndex, "no committed index", file: dir)
        }
        let bytes = try DurableFile.read(path)
        let m: Manifest
        do {
            m = try JSONDecoder().decode(Manifest.self, from: Data(bytes))
        } catch {
            throw IndexError.corrupt("unreadable manifest: \(error)", file: path, offset: 0)
        }
        guard m.format == FileFormat.version else {
            throw IndexError(
                .formatVersion,
                "manifest format \(m.format), expected \(FileFormat.version); rebuild with `ogp index --rebuild`",
                file: path)
        }
        try m.validate(path: path)
        return m
    }

    /// Segment names are `s` and digits (never a path: `../../etc/passwd` is refused), counts and
    /// generations are not negative, names are unique, and the schema has 1 to 255 fields.
    func validate(path: String) throws(IndexError) {
        func bad(_ what: String) -> IndexError {
            IndexError.corrupt("manifest: \(what); rebuild with `ogp index --rebuild`", file: path, offset: 0)
        }
        guard generation >= 0, nextSegment >= 0 else { throw bad("negative generation") }
        guard (1...255).contains(schema.fields.count) else { throw bad("schema with \(schema.fields.count) fields") }
        if let userData, userData.count > 64 || userData.contains(where: { $0.key.utf8.count + $0.value.utf8.count > 4096 }) {
            throw bad("user data too large")
        }
        var names = Set<String>()
        for s in segments {
            guard Self.isSegmentName(s.name) else { throw bad("invalid segment name `\(s.name.prefix(40))`") }
            guard names.insert(s.name).inserted else { throw bad("segment `\(s.name)` listed twice") }
            guard s.docs >= 0, s.docs <= Int(UInt32.max), (s.delGen ?? 0) >= 0 else {
                throw bad("segment `\(s.name)` has invalid counts")
            }
        }
    }

    /// `s` followed by 6 to 18 digits, as ``IndexWriter`` names segments.
    static func isSegmentName(_ name: String) -> Bool {
        let b = Array(name.utf8)
        return b.count >= 7 && b.count <= 19 && b[0] == UInt8(ascii: "s")
            && b.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    func write(dir: String) throws(IndexError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(self) } catch { throw IndexError(.io, "cannot encode manifest: \(error)") }
        try DurableFile.replace("\(dir)/\(Manifest.fileName)", with: [UInt8](data))
    }

    /// Every file the manifest refers to.
    var files: Set<String> {
        var out: Set<String> = [Manifest.fileName]
        for s in segments {
            for ext in ["tim", "pst", "doc", "sto"] { out.insert("\(s.name).\(ext)") }
            if let g = s.delGen { out.insert("\(s.name).\(g).del") }
        }
        return out
    }
}
