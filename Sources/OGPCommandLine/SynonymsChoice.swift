import Foundation
import OGPConfig
import OGPIndex

/// Which synonym list a search uses (`ogp-search --synonyms`, `ogp-serve --synonyms`): a file
/// given, else the `synonyms.txt` beside the configuration, else the list built into ogp (the
/// `config/synonyms.txt` of this build). `none` searches the words as typed.
///
/// Built in by default because the list is what makes « PGO » find « partenariat pour un
/// gouvernement ouvert »: without it, a search by `--data-dir` alone (and every search of
/// `ogp-serve`) ignored the domain's acronyms. Measured on the judged sets (Benchmarks/search),
/// the list leaves SPF at 0.838, costs the known-item set 0.004 and raises the paraphrases
/// 0.673 → 0.691 (sixth round's list and ranking).
public enum SynonymsChoice {
    /// The word that turns synonyms off.
    public static let none = "none"

    /// The list to search with, and where it came from (a path, or the built-in list's name).
    public static func load(option: String?, configPath: String?) throws(CommandFailure) -> (SynonymList, String?) {
        if option == none { return (.empty, nil) }
        let beside = configPath.map {
            (($0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent("synonyms.txt")
        }
        guard let path = option ?? beside.flatMap({ FileManager.default.fileExists(atPath: $0) ? $0 : nil }) else {
            do {
                return (try SynonymList.parse(BuiltInSynonyms.text, file: BuiltInSynonyms.name), BuiltInSynonyms.name)
            } catch { throw CommandFailure(.config, error.description) }
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure(.noInput, "cannot read the synonyms", path: path, error: error)
        }
        do { return (try SynonymList.parse(text, file: path), path) } catch {
            throw CommandFailure(.config, error.description)
        }
    }
}
