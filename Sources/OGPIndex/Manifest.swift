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
            throw IndexError(.formatVersion, "manifest format \(m.format), expected \(FileFormat.version)", file: path)
        }
        return m
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
