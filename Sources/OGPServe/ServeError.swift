import Foundation
import HTTPTypes

/// A request the server cannot answer, with the HTTP status it maps to. Rendered as a JSON
/// problem (RFC 9457) under `/api/`, as a French HTML page elsewhere.
public struct ServeError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A short French title (the problem's `title`).
    public var title: String
    /// What went wrong, for people (the problem's `detail`).
    public var detail: String

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, title: String, detail: String) {
        self.status = status
        self.title = title
        self.detail = detail
    }

    public var description: String { "\(status.code) \(title): \(detail)" }

    /// 400: a parameter is missing, malformed or out of its limits.
    public static func badRequest(_ detail: String) -> ServeError {
        ServeError(.badRequest, title: "Requête invalide", detail: detail)
    }

    /// 404: no such page or record.
    public static func notFound(_ detail: String) -> ServeError {
        ServeError(.notFound, title: "Introuvable", detail: detail)
    }

    /// 503: the catalogue or index cannot be read (no harvest yet, or a broken file).
    public static func unavailable(_ detail: String) -> ServeError {
        ServeError(.serviceUnavailable, title: "Catalogue indisponible", detail: detail)
    }

    /// The problem+json body.
    func problemJSON(instance: String) -> Data {
        let problem: [String: ProblemValue] = [
            "type": .string("about:blank"), "title": .string(title), "status": .int(status.code),
            "detail": .string(detail), "instance": .string(instance),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(problem)) ?? Data("{\"status\":\(status.code)}".utf8)
    }
}

/// A problem member's value.
enum ProblemValue: Encodable {
    case string(String)
    case int(Int)

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        }
    }
}
