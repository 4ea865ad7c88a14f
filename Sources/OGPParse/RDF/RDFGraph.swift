import OGPModel

/// Triples indexed by subject, for mapping DCAT nodes. Subjects can be dropped once the
/// dataset they describe is built (see ``DCATAssembler``), so a streamed catalogue never
/// keeps more than its pending datasets.
struct RDFGraph {
    private(set) var nodes: [String: [(predicate: String, object: RDFTerm)]] = [:]
    private(set) var tripleCount = 0

    mutating func add(_ t: RDFTriple) {
        guard let key = t.subject.nodeKey else { return }
        nodes[key, default: []].append((t.predicate, t.object))
        tripleCount += 1
    }

    func has(_ key: String) -> Bool { nodes[key] != nil }

    /// The objects of `predicate` (full IRI) for the node `key`.
    func objects(_ key: String, _ predicate: String) -> [RDFTerm] {
        guard let list = nodes[key] else { return [] }
        return list.compactMap { $0.predicate == predicate ? $0.object : nil }
    }

    /// The objects of any of `predicates`, in the order of the predicates.
    func objects(_ key: String, any predicates: [String]) -> [RDFTerm] {
        predicates.flatMap { objects(key, $0) }
    }

    func types(_ key: String) -> [String] {
        objects(key, NS.type).compactMap { if case .iri(let s) = $0 { return s } else { return nil } }
    }

    /// Every node key whose type is `type`, in no particular order.
    func subjects(ofType type: String) -> [String] {
        nodes.compactMap { key, list in list.contains { $0.predicate == NS.type && $0.object == .iri(type) } ? key : nil
        }
    }

    /// Every node key that has `predicate`.
    func subjects(with predicate: String) -> [String] {
        nodes.compactMap { key, list in list.contains { $0.predicate == predicate } ? key : nil }
    }

    mutating func remove(_ key: String) {
        if let list = nodes.removeValue(forKey: key) { tripleCount -= list.count }
    }

    /// Picks one text among multilingual literals: French first, then untagged, then English,
    /// then the first other; the others are returned by language as translations.
    static func pick(_ terms: [RDFTerm]) -> (text: String?, translations: [String: String]) {
        var byLang: [(lang: String, text: String)] = []
        for t in terms {
            guard let s = t.text, !TextFolding.trimmed(s).isEmpty else { continue }
            byLang.append(((t.language ?? "").lowercased(), s))
        }
        func rank(_ lang: String) -> Int {
            if lang == "fr" || lang.hasPrefix("fr-") { return 0 }
            if lang.isEmpty { return 1 }
            if lang == "en" || lang.hasPrefix("en-") { return 2 }
            return 3
        }
        guard
            let best = byLang.enumerated().min(by: {
                (rank($0.element.lang), $0.offset) < (rank($1.element.lang), $1.offset)
            })?.element
        else { return (nil, [:]) }
        var translations: [String: String] = [:]
        for (lang, text) in byLang where !lang.isEmpty && rank(lang) != rank(best.lang) && translations[lang] == nil {
            let short = String(lang.prefix { $0 != "-" })
            if short != String(best.lang.prefix { $0 != "-" }) { translations[short] = text }
        }
        return (best.text, translations)
    }
}
