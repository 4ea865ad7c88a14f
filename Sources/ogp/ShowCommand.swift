import ArgumentParser
import Foundation
import OGPCatalog
import OGPCommandLine

/// `ogp show ID`: one record in full, with its status history and every link in both directions
/// (the lookup is ``RecordLookup``'s; this command only parses and prints).
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one record: its fields, provenance, status history and links both ways.",
        discussion: """
            ID is a record id (commitment:ogp:FR0001), an OGP commitment id (FR0001), a plan id (plan-2015-2017-gov) or OGP plan id (AP_FRA01), a data.gouv.fr id or slug, a data.gouv.fr dataset URL, or a record's URL. ogp-search prints each hit's id.

            Examples:
              ogp show FR0001 --data-dir demo-data
              ogp show commitment:ogp-fr:plan-2021-2023-gov-c4 --json
              ogp show FR0001 --store postgres://ogp@db/ogp

            Exit codes: 0 shown; 1 no record matches ID; 66 no catalogue; 74 I/O error.

            --json prints {record, versions, statusHistory, outgoing, incoming, mentions, suggested}.
            """
    )

    @OptionGroup var common: DataOptions

    @OptionGroup var stores: StoreOptions

    @Argument(help: "The record to show.")
    var id: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        try reportingFailures {
            let config = try common.loadConfiguration(required: false)
            let store = try stores.openForReading(common.dataDirectory(config), config: config, common: common)
            let lookup = RecordLookup(store: store)
            let view: RecordView
            do {
                guard let found = try lookup.resolve(id), let v = try lookup.view(found) else {
                    throw CommandFailure(.partial, "no record matches `\(id)` (try an id printed by ogp-search)")
                }
                view = v
            } catch let failure as CommandFailure {
                throw failure
            } catch {
                throw CommandFailure(.io, "cannot read the catalogue: \(error)")
            }
            if json {
                let data: Data
                do { data = try view.json() } catch { throw CommandFailure(.io, "\(error)") }
                Console.out(data + Data("\n".utf8))
            } else {
                Console.out(view.text())
            }
        }
    }
}
