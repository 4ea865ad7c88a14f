import Foundation
import OGPModel
import OGPStore

/// An action plan at a glance: its years and its commitments counted by status.
public struct PlanSummary: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var institution: String?
    public var startYear: Int?
    public var endYear: Int?
    /// Commitments of the plan in the catalogue.
    public var commitments: Int
    /// The number the plan announced, when known.
    public var announcedCommitments: Int?
    /// Commitments by status (`notStarted`, `limited`, `substantial`, `complete`, `unknown`).
    public var statuses: [String: Int]

    /// Catalogues hold a handful of plans and a few hundred commitments; beyond these the
    /// overview shows the first ones.
    static let maxPlans = 500
    static let maxCommitments = 10_000

    /// Every plan, newest first, with its commitments' statuses.
    public static func all(store: any CatalogBrowsing) throws(StoreError) -> [PlanSummary] {
        let plans = try store.records(kind: .actionPlan, offset: 0, limit: maxPlans)
        let commitments = try store.records(kind: .commitment, offset: 0, limit: maxCommitments)
        var byPlan: [RecordID: [CommitmentStatus: Int]] = [:]
        for c in commitments {
            guard let plan = c.commitment?.plan ?? c.links.first(where: { $0.relation == .partOf })?.target else {
                continue
            }
            byPlan[plan, default: [:]][c.commitment?.status ?? .unknown, default: 0] += 1
        }
        return plans.map { p in
            let counts = byPlan[p.id] ?? [:]
            return PlanSummary(
                id: p.id.rawValue, title: p.title, institution: p.actionPlan?.institution,
                startYear: p.actionPlan?.startYear, endYear: p.actionPlan?.endYear,
                commitments: counts.values.reduce(0, +), announcedCommitments: p.actionPlan?.announcedCommitments,
                statuses: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }))
        }.sorted { ($0.startYear ?? 0, $0.id) > ($1.startYear ?? 0, $1.id) }
    }
}

/// French labels of the interface's enumerations.
enum Labels {
    static func kind(_ raw: String) -> String {
        switch RecordKind(rawValue: raw) {
        case .actionPlan: "Plan d’action"
        case .commitment: "Engagement"
        case .publication: "Publication"
        case .dataset: "Jeu de données"
        case .organization: "Organisation"
        case nil: raw
        }
    }

    static func status(_ raw: String) -> String {
        switch CommitmentStatus(rawValue: raw) {
        case .notStarted: "Non commencé"
        case .limited: "Limité"
        case .substantial: "Substantiel"
        case .complete: "Achevé"
        case .withdrawn: "Retiré"
        case .unknown, nil: "Inconnu"
        }
    }

    static func relation(_ raw: String?) -> String {
        switch raw.flatMap(RecordLink.Relation.init(rawValue:)) {
        case .partOf: "fait partie de"
        case .reportsOn: "rend compte de"
        case .usesDataset: "utilise le jeu de données"
        case .publishedBy: "publié par"
        case .duplicateOf: "doublon probable de"
        case nil: "lié à"
        }
    }

    /// Statuses in the order of the scale.
    static let statusOrder = CommitmentStatus.allCases.map(\.rawValue)
}
