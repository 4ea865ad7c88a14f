/// One entry of a `file://` directory listing (see `FetchResponse.directoryListing()`).
///
/// A directory URL answers status 200, `Content-Type: application/vnd.ogp.directory+json`,
/// and a body that is a JSON array of these entries, sorted by name.
public struct DirectoryEntry: Codable, Sendable, Hashable {
    /// The content type of a directory listing.
    public static let contentType = "application/vnd.ogp.directory+json"

    /// The entry's file name (not a path).
    public var name: String
    /// `true` for a subdirectory.
    public var isDirectory: Bool
    /// Size in bytes (0 for directories).
    public var size: Int
    /// The entry's absolute `file://` URL (directories end with `/`).
    public var url: String

    /// Creates an entry.
    public init(name: String, isDirectory: Bool, size: Int, url: String) {
        self.name = name
        self.isDirectory = isDirectory
        self.size = size
        self.url = url
    }
}
