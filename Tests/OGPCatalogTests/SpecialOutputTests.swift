import Foundation
import OGPModel
import OGPStore
import OGPCatalog
import Testing

/// `ogp export -o PATH` replaces only regular files: a FIFO or a device is written in place,
/// never replaced by a regular file; a directory is refused (issue 11).
@Suite struct SpecialOutputTests {
    static func isFIFO(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO
    }

    @Test func aFIFOIsWrittenInPlace() async throws {
        let store = try ExportTests.sampleStore()
        let fifo = try TestPaths.temporaryDirectory().appendingPathComponent("out.fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // A reader on the other end, as `ogp export -o fifo` is used with `cat fifo`.
        let reader = Task.detached { () -> Data in
            let handle = FileHandle(forReadingAtPath: fifo)
            defer { try? handle?.close() }
            return (try? handle?.readToEnd()) ?? Data()
        }
        let count = try Exporter(store: store).export(.init(reproducible: true), to: fifo)
        let received = await reader.value
        #expect(count == 3)
        #expect(Self.isFIFO(fifo), "the FIFO was replaced")
        let json = try JSONSerialization.jsonObject(with: received) as? [String: Any]
        #expect((json?["records"] as? [Any])?.count == 3)
    }

    @Test func devNullStaysADevice() throws {
        let store = try ExportTests.sampleStore()
        #expect(try Exporter(store: store).export(.init(), to: "/dev/null") == 3)
        var st = stat()
        #expect(stat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDeviceIsAnIOErrorAndStaysADevice() throws {
        let store = try ExportTests.sampleStore()
        #expect {
            try Exporter(store: store).export(.init(), to: "/dev/full")
        } throws: { error in
            guard let e = error as? ExportError else { return false }
            return e.code == .io && e.description.contains("/dev/full")
        }
        var st = stat()
        #expect(stat("/dev/full", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
    }

    /// A disk that fills up in the middle of the records (past the first buffer) is a write
    /// error, not "cannot read the catalogue" (the store wraps what its record loop throws).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aDiskFullMidExportIsAWriteError() throws {
        let store = try SQLiteStore(path: try TestPaths.temporaryDirectory().appendingPathComponent("c.sqlite").path)
        let records = (0..<3_000).map { i in
            Record(
                id: RecordID(kind: .publication, namespace: "t", remoteID: "p\(i)"), kind: .publication,
                title: String(repeating: "Gouvernement ouvert \(i) ", count: 20),
                provenance: [Provenance(source: "t", sourceKind: "text", url: "https://example.org/\(i)", parser: "text", parserVersion: "1")])
        }
        _ = try store.upsert(records, source: "t", at: Date())
        #expect {
            try Exporter(store: store).export(.init(), to: "/dev/full")
        } throws: { error in
            guard let e = error as? ExportError else { return false }
            return e.code == .io && !e.description.contains("cannot read the catalogue")
        }
    }

    @Test func aDirectoryIsRefused() throws {
        let store = try ExportTests.sampleStore()
        let dir = try TestPaths.temporaryDirectory().path
        #expect {
            try Exporter(store: store).export(.init(), to: dir)
        } throws: { error in
            (error as? ExportError)?.message.contains("directory") == true
        }
    }

    @Test func aSymbolicLinkKeepsPointingAtItsTarget() throws {
        let store = try ExportTests.sampleStore()
        let dir = try TestPaths.temporaryDirectory()
        let target = dir.appendingPathComponent("real.json").path
        let link = dir.appendingPathComponent("link.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.json")
        try Exporter(store: store).export(.init(), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.json")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("\"records\""))
    }
}
