import Foundation

/// A distribution's format guessed from its URL's file extension, for portals that leave the
/// format empty (CKAN resources often have `"format": ""`, although CKAN itself guesses one when
/// a file is uploaded). Only extensions that name a data or document format are trusted: a
/// `.php` or `.aspx` download says nothing about what it returns.
enum FormatGuess {
    static let known: Set<String> = [
        "csv", "tsv", "txt", "json", "geojson", "jsonld", "xml", "rdf", "ttl", "xls", "xlsx", "ods", "odt", "pdf",
        "doc", "docx", "zip", "gz", "7z", "shp", "kml", "kmz", "gpkg", "gml", "parquet", "sqlite", "html", "ics",
        "gtfs", "wms", "wfs",
    ]

    /// `csv` for `…/air.csv?download=1`; nil when the path has no known extension.
    static func format(url: String) -> String? {
        guard let path = URLComponents(string: url)?.path, let last = path.split(separator: "/").last,
            let dot = last.lastIndex(of: "."), dot != last.startIndex
        else { return nil }
        let ext = last[last.index(after: dot)...].lowercased()
        return known.contains(ext) ? ext : nil
    }
}
