import Foundation
import Logging
import OGPCatalog
import OGPStore

/// After the index update: the suggested datasets of every commitment (see
/// ``DatasetSuggestions``), recomputed when the run added, changed or archived a record — a
/// commitment or a dataset, either side of a suggestion — or when none were ever computed.
/// A failure is logged, never fails the run: suggestions are a help, not harvested data.
struct SuggestionPass {
    let store: any CatalogStore
    let indexDirectory: String
    let logger: Logger

    func run(after reports: [SourceReport]) {
        let changed = reports.contains { $0.items.added + $0.items.updated + $0.items.archived > 0 }
        guard changed || !DatasetSuggestions.isComputed(store) else { return }
        do {
            let suggestions = try DatasetSuggestions.update(store: store, indexDirectory: indexDirectory)
            logger.info("suggested datasets computed", metadata: ["commitments": "\(suggestions.byCommitment.count)"])
        } catch {
            logger.warning("cannot compute suggested datasets", metadata: ["error": "\(error)"])
        }
    }
}
