import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// `udata-csv`: data.gouv.fr's catalogue export. The file is fetched to disk (it is large),
/// then read as a stream, one dataset record per row; a row that cannot be read is a failed
/// item with its line, and the rest of the file goes on. An unchanged file (304, same bytes)
/// is not read again.
struct UdataCSVAdapter: SourceAdapter {
    static let batchSize = 512
    static let parallelism = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    func harvest(_ run: SourceRun) async throws(HarvestError) {
        run.trackItems = false
        let downloads = (run.dataDirectory.path as NSString).appendingPathComponent("downloads")
        try? FileManager.default.createDirectory(atPath: downloads, withIntermediateDirectories: true)
        let target = (downloads as NSString).appendingPathComponent("\(run.name)-\(run.runID).csv")
        defer { try? FileManager.default.removeItem(atPath: target) }
        let fetched = try await run.fetch(run.config.url, saveToFile: target)
        guard case .changed(let response) = fetched else {
            // The whole file is unchanged: its rows are counted from the last complete read.
            run.unchanged(count: run.previous.itemCount ?? 0)
            run.state.itemCount = run.previous.itemCount
            run.stopListing(reason: nil)
            return
        }
        let path = response.bodyFile ?? target
        if response.bodyFile == nil {
            do {
                try response.body.write(to: URL(fileURLWithPath: path))
            } catch {
                throw HarvestError(.fetch, "cannot save the download", place: path, underlying: error)
            }
        }
        var options = CSVOptions()
        if let delimiter = run.config[.delimiter]?.utf8.first { options.separator = delimiter }
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, options: options)
        } catch {
            throw HarvestError(.parse, "cannot open the CSV file", place: run.config.url, underlying: error)
        }
        let context = run.context(url: run.config.url, response: response)
        guard case .row(let headerRow)? = reader.next() else {
            throw HarvestError(.parse, "the CSV file has no header line", place: run.config.url)
        }
        let mapper: UdataCSVMapper
        do {
            mapper = try UdataCSVMapper(header: headerRow.fields)
        } catch {
            throw HarvestError(.parse, "unusable CSV header", place: run.config.url, underlying: error)
        }
        // Rows are read and mapped (in batches, on both cores) on a thread of their own, a batch
        // ahead of the store writes; outcomes are recorded here in file order.
        let pipeline = UdataCSVPipeline(
            reader: reader, mapper: mapper, context: context, batchSize: Self.batchSize,
            parallelism: Self.parallelism)
        defer { pipeline.stop() }
        var rows = 0
        reading: while let element = pipeline.next() {
            let results: [ItemResult]
            switch element {
            case .mapped(let mapped): results = mapped
            case .malformed(let bad): results = [.failed(bad.failure(item: run.config.url, url: run.config.url))]
            }
            for result in results {
                // Let the other sources and the time limits run: parsing a large file never suspends.
                if rows % 256 == 255 { await Task.yield() }
                if run.shouldStop() { break reading }
                try run.emit(result, url: run.config.url)
                rows += 1
            }
        }
        // Validators only once the whole file is in: an interrupted run reads it again (and
        // a file with failed rows is read again until they parse: see SourceRun.keepValidators).
        if run.listingComplete {
            run.keepValidators(response.validators, for: run.config.url)
            run.state.itemCount = rows
        } else {
            run.state.itemCount = run.previous.itemCount
        }
    }
}
