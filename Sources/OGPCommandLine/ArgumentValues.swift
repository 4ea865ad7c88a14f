import ArgumentParser
import Logging
import OGPIndex
import OGPModel

// Values of options as types: ArgumentParser checks them, lists them in `--help` and in the
// shell completions, and says "invalid value" naming the accepted ones. No hand-checked strings.

extension RecordKind: ExpressibleByArgument {
    /// English or French names, any case or accents (`commitment`, `engagement`, `jeu-de-données`).
    public init?(argument: String) {
        self.init(name: argument)
    }

    public static var allValueStrings: [String] {
        allCases.map(\.rawValue) + ["plan", "engagement", "actualité", "jeu-de-données", "organisation"]
    }
}

/// `--log-level`: swift-log's levels.
public enum LogLevel: String, CaseIterable, ExpressibleByArgument, Sendable {
    case trace, debug, info, notice, warning, error, critical

    /// swift-log's level.
    public var level: Logger.Level {
        switch self {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }
}

/// `ogp export --format`.
public enum ExportFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// One JSON document.
    case json
    /// One record per line.
    case jsonl
    /// The catalogue as DCAT-AP 3 in JSON-LD (in Turtle or RDF/XML with `--rdf-format`).
    case dcat
    /// DCAT-AP 3 in Turtle.
    case dcatTurtle = "dcat-ttl"
    /// DCAT-AP 3 in RDF/XML.
    case dcatXML = "dcat-xml"
    /// One table for a spreadsheet (semicolons, UTF-8), one row per record.
    case csv
}

/// `ogp export --rdf-format`: the serialisation of `--format dcat` (raw values of OGPCatalog's `RDFFormat`).
public enum RDFFormatArgument: String, CaseIterable, ExpressibleByArgument, Sendable {
    case jsonld, turtle, rdfxml
}

/// `ogp-search --sort`.
public enum SortArgument: String, CaseIterable, ExpressibleByArgument, Sendable {
    case relevance, date

    /// The index's order.
    public var order: SortOrder {
        switch self {
        case .relevance: .relevance
        case .date: .date
        }
    }
}

/// `ogp schedule --format`.
public enum ScheduleFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case cron, systemd, both
}

/// `ogp-search --latency-clock`.
public enum LatencyClock: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Elapsed time.
    case wall
    /// This thread's CPU time (steady on a loaded machine).
    case cpu
}

/// A count given on the command line (`--max-items`, `--limit`, `--runs`): a whole number of
/// at least 1. Parsed with `.unconditional` options so that `-1` is read as a value and refused
/// as invalid rather than taken for an option ("missing value").
public struct PositiveCount: ExpressibleByArgument, Sendable, Hashable {
    public let value: Int

    public init?(argument: String) {
        guard let n = Int(argument), n >= 1 else { return nil }
        value = n
    }

    public init(_ value: Int) {
        self.value = max(1, value)
    }

    public var defaultValueDescription: String { String(value) }

    /// For `@Option(transform:)`: the count, or an error that says what is accepted.
    @Sendable public static func transform(_ text: String) throws -> PositiveCount {
        guard let value = PositiveCount(argument: text) else {
            throw ValidationError("must be a whole number of at least 1")
        }
        return value
    }
}

/// A duration in seconds (`--time-limit`, `--timeout`): a positive number, at most 30 days.
public struct Seconds: ExpressibleByArgument, Sendable, Hashable {
    public static let maximum: Double = 30 * 86_400
    public let value: Double

    public init?(argument: String) {
        guard let n = Double(argument), n.isFinite, n > 0, n <= Self.maximum else { return nil }
        value = n
    }

    /// For `@Option(transform:)`: the duration, or an error that gives the range.
    @Sendable public static func transform(_ text: String) throws -> Seconds {
        guard let value = Seconds(argument: text) else {
            throw ValidationError("must be a number of seconds above 0 and at most \(Int(maximum)) (30 days)")
        }
        return value
    }
}
