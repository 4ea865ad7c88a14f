import Foundation
import Testing

/// `ogp export --format dcat|dcat-ttl|dcat-xml [--rdf-format …]` from the command line.
@Suite("DCAT export command")
struct DCATExportCommandTests {
    @Test func threeSerialisationsAndTheirOptions() async throws {
        try await Binaries.offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let data = try scratch.harvestDemo()
            func export(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
                let r = try Binaries.run(
                    Binaries.ogp, ["export", "--data-dir", data, "--reproducible"] + args, in: scratch.root)
                return (r.status, r.stdout, r.stderr)
            }
            let jsonld = try export(["--format", "dcat"])
            #expect(jsonld.status == 0, "\(jsonld.stderr)")
            #expect(jsonld.stdout.hasPrefix("{\"@context\":"))
            let turtle = try export(["--format", "dcat-ttl"])
            #expect(turtle.status == 0, "\(turtle.stderr)")
            #expect(turtle.stdout.contains("_:catalog a dcat:Catalog"))
            let xml = try export(["--format", "dcat-xml"])
            #expect(xml.status == 0, "\(xml.stderr)")
            #expect(xml.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF"))
            // --rdf-format names the same serialisations; it goes with --format dcat only.
            #expect(try export(["--format", "dcat", "--rdf-format", "rdfxml"]).stdout == xml.stdout)
            #expect(try export(["--format", "dcat", "--rdf-format", "turtle"]).stdout == turtle.stdout)
            let misplaced = try export(["--format", "jsonl", "--rdf-format", "turtle"])
            #expect(misplaced.status == 64)
            #expect(misplaced.stderr.contains("--rdf-format"))
            #expect(try export(["--format", "dcat", "--rdf-format", "n3"]).status == 64)
        }
    }
}
