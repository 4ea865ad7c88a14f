import Foundation
import OGPModel
import OGPParse

/// Access to the page fixtures (`Fixtures/pages/`).
enum Fixtures {
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: "Fixtures/pages/\(name)", withExtension: nil) else {
            throw FixtureError.missing(name)
        }
        return try Data(contentsOf: url)
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    static let jekyllContext = ParseContext(
        source: "numerique-gouv", sourceKind: "jekyll", url: "https://github.com/numerique-gouv/numerique.gouv.fr",
        options: ["baseURL": "https://www.numerique.gouv.fr"])

    static let videoPath =
        "_actualites/video-partenariat-pour-un-gouvernement-ouvert-le-plan-daction-francais-evalue-a-mi-parcours.markdown"

    /// Decodes a Jekyll fixture and returns its one record.
    static func jekyll(_ name: String, path: String? = nil) throws -> Record {
        let result = JekyllPostDecoder.decode(try data(name), path: path ?? name, context: jekyllContext)
        guard case .parsed(_, let records) = result, let record = records.first else {
            throw FixtureError.notParsed("\(result)")
        }
        return record
    }

    /// Markup that must never remain in a body.
    static let forbidden = ["{:", "<figure", "<iframe", "[:fr]", "[:]", "&#8217;", "**"]

    /// The forbidden markers found in `text`.
    static func leftovers(_ text: String?) -> [String] {
        forbidden.filter { (text ?? "").contains($0) }
    }
}

enum FixtureError: Error {
    case missing(String)
    case notParsed(String)
}
