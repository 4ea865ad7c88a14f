import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Turns errors into responses (a JSON problem for machine paths, a French page elsewhere) and
/// adds the security headers to every response: a strict Content-Security-Policy (only this
/// server's own script and stylesheet, no inline code, no frames), `nosniff`, no referrer.
struct SafetyMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as ServeError {
            response = Self.errorResponse(error, request: request)
        } catch let error as HTTPError {
            let e: ServeError =
                switch error.status {
                case .notFound: .notFound("aucune page à cette adresse")
                case .methodNotAllowed:
                    ServeError(
                        .methodNotAllowed, title: "Méthode non permise", detail: "seules GET et HEAD sont acceptées")
                default:
                    ServeError(
                        error.status, title: error.status.reasonPhrase, detail: error.body ?? error.status.reasonPhrase)
                }
            response = Self.errorResponse(e, request: request)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = Self.errorResponse(
                ServeError(.internalServerError, title: "Erreur interne", detail: "la requête n’a pas pu aboutir"),
                request: request)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        if let name = HTTPField.Name.referrerPolicy { response.headers[name] = "no-referrer" }
        if let name = HTTPField.Name.xFrameOptions { response.headers[name] = "DENY" }
        return response
    }

    /// Paths whose clients are programs: errors as `application/problem+json`.
    static func wantsJSON(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path == "/api" || path == "/openapi.json" || path == "/healthz"
            || path.hasPrefix("/catalog.")
    }

    static func errorResponse(_ e: ServeError, request: Request) -> Response {
        let path = request.uri.path
        if wantsJSON(path) {
            // The instance is the path only: a query string may be long and is echoed nowhere.
            return Routes.data(
                e.problemJSON(instance: String(path.prefix(300))), type: "application/problem+json", status: e.status)
        }
        return Routes.html(HomePage.error(e), status: e.status)
    }
}

extension HTTPField.Name {
    // Not among HTTPTypes' predefined names (the initialiser fails only for invalid tokens).
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")
}

/// One access-log line per request through swift-log: method, path, status, time.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ServeCatalogue.monotonicSeconds()
        let response = try await next(request, context)
        let ms = (ServeCatalogue.monotonicSeconds() - start) * 1000
        logger.info(
            "\(request.method.rawValue) \(request.uri.path) \(response.status.code)",
            metadata: ["ms": "\(String(format: "%.2f", ms))", "request": "\(context.id)"])
        return response
    }
}

/// Sets ``Layout/root`` (the path of `--base-url`) for everything a request renders, error
/// pages included: behind a reverse proxy that serves ogp under `/ogp/`, a page's links must
/// keep that prefix (a `<base>` element would do it too, but the policy forbids `base-uri`).
struct BasePathMiddleware<Context: RequestContext>: RouterMiddleware {
    let root: String

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        try await Layout.$root.withValue(root) { try await next(request, context) }
    }

    /// The path of `baseURL` without its trailing slash (`https://example.org/ogp/` → `/ogp`).
    static func root(of baseURL: String) -> String {
        var path = URLComponents(string: baseURL)?.percentEncodedPath ?? ""
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
