import OGPModel

/// Gathers triples as a parser reads them and builds each dataset once it is complete, so that
/// a streamed RDF/XML catalogue keeps only its pending datasets in memory.
///
/// In eager mode (large inputs), a dataset is built when its node element closes and every
/// distribution it names has been read (nested or earlier; otherwise as soon as the last one
/// arrives); its triples and its distributions' are then dropped. Agents, licences and other
/// shared nodes stay until the end. Otherwise everything is built at the end of the document,
/// with every reference resolved.
struct DCATAssembler {
    private(set) var graph = RDFGraph()
    private var order: [String] = []
    private var known = Set<String>()
    private var built = Set<String>()
    /// Datasets waiting for distributions: distribution key → dataset key.
    private var waitingFor: [String: String] = [:]
    let eager: Bool
    /// The most triples held at once (for the benchmark's memory figures and tests).
    private(set) var peakTriples = 0

    init(eager: Bool) {
        self.eager = eager
    }

    mutating func add(_ t: RDFTriple) {
        graph.add(t)
        if graph.tripleCount > peakTriples { peakTriples = graph.tripleCount }
        if t.predicate == NS.type, t.object == .iri(NS.dcatDataset), let k = t.subject.nodeKey { register(k) }
        if t.predicate == NS.dcatDatasetProperty, let k = t.object.nodeKey { register(k) }
    }

    private mutating func register(_ key: String) {
        guard !built.contains(key), known.insert(key).inserted else { return }
        order.append(key)
    }

    /// Node elements open per subject: a dataset is complete only when its outermost element closes.
    private var open: [String: Int] = [:]

    mutating func nodeStart(_ subject: RDFTerm) {
        guard eager, let key = subject.nodeKey else { return }
        open[key, default: 0] += 1
    }

    /// A node element closed: in eager mode, builds the datasets it completes.
    mutating func nodeEnd(_ subject: RDFTerm, context: ParseContext, emit: (ItemResult) throws -> Void) rethrows {
        guard eager, let key = subject.nodeKey else { return }
        if let n = open[key] {
            if n > 1 { open[key] = n - 1; return }
            open.removeValue(forKey: key)
        }
        if known.contains(key), !built.contains(key) { try buildIfReady(key, context: context, emit: emit) }
        if let dataset = waitingFor.removeValue(forKey: key), !built.contains(dataset) {
            try buildIfReady(dataset, context: context, emit: emit)
        }
    }

    private mutating func buildIfReady(_ key: String, context: ParseContext, emit: (ItemResult) throws -> Void) rethrows
    {
        let missing = graph.objects(key, NS.dcatDistribution).compactMap(\.nodeKey).filter { !graph.has($0) }
        if let first = missing.first {
            waitingFor[first] = key
            return
        }
        try build(key, context: context, emit: emit)
    }

    private mutating func build(_ key: String, context: ParseContext, emit: (ItemResult) throws -> Void) rethrows {
        built.insert(key)
        known.remove(key)
        let result = DCATMapper(graph: graph).dataset(key, context: context)
        if eager {
            let dists = graph.objects(key, NS.dcatDistribution).compactMap(\.nodeKey)
            var drop = [key] + dists
            for k in [key] + dists {
                for (_, o) in graph.nodes[k] ?? [] { if case .blank = o, let b = o.nodeKey { drop.append(b) } }
            }
            for k in drop { graph.remove(k) }
        }
        try emit(result)
    }

    /// Builds every dataset not built yet (in order of appearance).
    mutating func finish(context: ParseContext, emit: (ItemResult) throws -> Void) rethrows {
        // A dataset only named (`dcat:dataset` of a catalogue describing it on another page) is not built.
        for key in order where !built.contains(key) && graph.has(key) {
            try build(key, context: context, emit: emit)
        }
        order.removeAll()
    }

    /// The hydra next page (`hydra:next`, `hydra:nextPage`, old or current namespace; IRI or literal).
    func nextPage() -> String? {
        for ns in [NS.hydra, NS.hydraOld] {
            for p in ["next", "nextPage"] {
                for s in graph.subjects(with: ns + p).sorted() {
                    if let next = graph.objects(s, ns + p).first?.text { return next }
                }
            }
        }
        return nil
    }

    /// `hydra:totalItems`.
    func totalItems() -> Int? {
        for ns in [NS.hydra, NS.hydraOld] {
            for s in graph.subjects(with: ns + "totalItems") {
                if let t = graph.objects(s, ns + "totalItems").first?.text,
                    let n = Int(t.split(separator: ".").first ?? "")
                {
                    return n
                }
            }
        }
        return nil
    }
}
