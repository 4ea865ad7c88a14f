import Foundation
import OGPModel

/// The exporter's pieces for callers that page the catalogue themselves (ogp-serve's
/// `/catalog.jsonld`): the JSON-LD context and one dataset's description, exactly as the export
/// writes them.
extension DCATExporter {
    /// The export's `@context` object, as JSON.
    public static func contextJSON() throws -> Data {
        try RecordCoding.encoder().encode(context)
    }

    /// The DCAT-AP description (`dcat:Dataset` with its distributions) of one dataset record, as JSON.
    public static func datasetJSON(_ record: Record) throws -> Data {
        try RecordCoding.encoder().encode(dataset(record))
    }
}
