import Foundation
import OGPParse

/// Fuzz targets for the catalogue decoders that came with the CKAN, OpenDataSoft and DCAT source
/// kinds, and the OGP commitments CSV.
extension FuzzTargets {
    /// CKAN `package_search` / `package_show` / DKAN responses.
    static let ckan: Target = { bytes in
        _ = CKANDecoder.decodePage(Data(bytes), context: context("ckan"))
    }

    /// OpenDataSoft Explore v2.1 / v2.0 and v1 search pages.
    static let ods: Target = { bytes in
        _ = OpenDataSoftDecoder.decodePage(Data(bytes), context: context("opendatasoft"))
    }

    /// DCAT: the first byte chooses the serialisation (RDF/XML in memory, RDF/XML streamed from a
    /// file and assembled eagerly, Turtle, JSON-LD, or detected from the bytes: DCAT-US too).
    static let dcat: Target = { bytes in
        guard let first = bytes.first else { return }
        let data = Data(bytes.dropFirst())
        let types = ["application/rdf+xml", nil, "text/turtle", "application/ld+json", nil]
        switch Int(first) % types.count {
        case 1:
            guard ScratchFile.dcat.write(bytes.dropFirst()) else { return }
            _ = try? DCATDecoder.decodeFile(path: ScratchFile.dcat.path, context: context("dcat"), eager: true) { _ in }
        case let n:
            _ = DCATDecoder.decodePage(data, contentType: types[n], context: context("dcat"))
        }
    }

    /// The OGP commitments CSV: the reader (`,`, or `;` when the first byte is odd), the header
    /// row to the mapper (with the built-in plans), then each row.
    static let commitments: Target = { bytes in
        guard let first = bytes.first else { return }
        let reader = CSVReader(
            data: Data(bytes.dropFirst()), options: CSVOptions(separator: UInt8(ascii: first & 1 == 0 ? "," : ";")))
        guard case .row(let header)? = reader.next(),
            let mapper = try? OGPCommitmentMapper(header: header.fields, plans: BuiltInPlanCatalog.catalog)
        else { return }
        var rows = 0
        while let element = reader.next(), rows < 10_000 {
            rows += 1
            if case .row(let row) = element { _ = mapper.map(row, context: context("ogp-commitments")) }
        }
    }
}

/// The built-in plans, loaded once per process.
enum BuiltInPlanCatalog {
    static let catalog: PlanCatalog? = try? PlanCatalog.load(yaml: PlanCatalog.builtInYAML)
}
