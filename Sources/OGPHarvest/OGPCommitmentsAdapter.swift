import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// `ogp-commitments`: the OGP's commitments database, its spreadsheet exported as CSV (a few MB
/// for every member). Fetched whole (redirects followed, as a Google Sheets export needs), read
/// as a stream, one commitment per row (see ``OGPCommitmentMapper``), attached to the plans of
/// the run's plans reference; `members` and `plan_years` keep only some rows. A header without
/// the key columns fails the source with the missing column's name; a bad row is a failed item
/// with its line. An unchanged file (304, same bytes) is not read again.
struct OGPCommitmentsAdapter: SourceAdapter {
    func harvest(_ run: SourceRun) async throws(HarvestError) {
        let url = run.config.url
        let fetched = try await run.fetch(url)
        guard case .changed(let response) = fetched else {
            // The whole file is unchanged: its records are counted from the last complete read.
            run.unchanged(count: run.previous.itemCount ?? 0)
            run.state.itemCount = run.previous.itemCount
            run.stopListing(reason: nil)
            return
        }
        var options = CSVOptions(separator: UInt8(ascii: ","))
        if let delimiter = run.config[.commitmentsDelimiter]?.utf8.first { options.separator = delimiter }
        let reader = CSVReader(data: response.body, options: options)
        let context = run.context(url: url, response: response)
        guard case .row(let header)? = reader.next() else {
            throw HarvestError(.parse, "the OGP commitments CSV has no header line", place: url)
        }
        let filter = OGPCommitmentFilter(members: run.config[.members], planYears: run.config[.planYears])
        let mapper: OGPCommitmentMapper
        do {
            mapper = try OGPCommitmentMapper(header: header.fields, plans: run.plans?.catalog, filter: filter)
        } catch {
            throw HarvestError(.parse, "unusable OGP commitments CSV", place: url, cause: error.description)
        }
        var rows = 0
        while let element = reader.next() {
            if rows % 256 == 255 { await Task.yield() }
            if run.shouldStop() { break }
            rows += 1
            switch element {
            case .row(let row):
                switch mapper.map(row, context: context) {
                case .parsed(let item, let records): try run.emit(.parsed(item: item, records: records), url: url)
                case .skipped(let item): run.skipped(item: item)
                case .failed(let failure): try run.emit(.failed(failure), url: url)
                }
            case .malformed(let bad):
                try run.emit(.failed(bad.failure(item: url, url: url)), url: url)
            }
        }
        // Validators only once the whole file is in (and, SourceRun sees to it, only when every
        // row parsed): otherwise the next run reads the file again.
        if run.listingComplete {
            run.keepValidators(response.validators, for: url)
            // The records of the rows (commitments and plans made from rows), counted unchanged next time.
            run.state.itemCount = run.present.count
        } else {
            run.state.itemCount = run.previous.itemCount
        }
    }
}
