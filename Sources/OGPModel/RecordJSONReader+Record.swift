/// The record's types, key by key as their synthesized `Codable` conformances read them:
/// optionals from a missing key or `null`, every other key required, unknown keys (and the
/// plan and commitment parts) left to the generic decoder.
extension RecordJSONReader {
    /// Reads an optional string into `slot`.
    private static func opt(_ r: inout RecordJSONReader, _ slot: inout String?) -> Bool {
        guard let v = r.optionalString() else { return false }
        slot = v
        return true
    }

    mutating func record() -> Record? {
        var id: String?, kind: RecordKind?, title: String?, language: String?
        var translations: [String: Translation]?, dates: RecordDates?
        var tags: [String]?, themes: [String]?, warnings: [String]?, references: [String]?
        var draft: Bool?, partial: Bool?
        var links: [RecordLink]?, extras: [String: String]?, provenance: [Provenance]?
        var summary: String?, body: String?, url: String?
        var archived: Archival?, dataset: DatasetInfo?, organization: OrganizationInfo?
        let ok = object { r, key in
            switch key {
            case "id": id = r.string(); return id != nil
            case "kind":
                guard let s = r.string() else { return false }
                kind = RecordKind(rawValue: s)
                return kind != nil
            case "title": title = r.string(); return title != nil
            case "language": language = r.string(); return language != nil
            case "summary": return Self.opt(&r, &summary)
            case "body": return Self.opt(&r, &body)
            case "url": return Self.opt(&r, &url)
            case "tags": tags = r.strings(); return tags != nil
            case "themes": themes = r.strings(); return themes != nil
            case "warnings": warnings = r.strings(); return warnings != nil
            case "references": references = r.strings(); return references != nil
            case "draft": draft = r.bool(); return draft != nil
            case "partial": partial = r.bool(); return partial != nil
            case "extras": extras = r.stringMap(); return extras != nil
            case "dates": dates = r.dates(); return dates != nil
            case "links": links = r.array { $0.link() }; return links != nil
            case "provenance": provenance = r.array { $0.provenance() }; return provenance != nil
            case "translations": translations = r.translations(); return translations != nil
            case "archived":
                if r.null() { return true }
                archived = r.archival()
                return archived != nil
            case "dataset":
                if r.null() { return true }
                dataset = r.dataset()
                return dataset != nil
            case "organization":
                if r.null() { return true }
                organization = r.organization()
                return organization != nil
            default: return false  // actionPlan, commitment, or a key the type does not know
            }
        }
        guard ok, let id, let kind, let title, let language, let translations, let dates, let tags, let themes,
            let warnings, let references, let draft, let partial, let links, let extras, let provenance
        else { return nil }
        return Record(
            id: RecordID(rawValue: id), kind: kind, title: title, summary: summary, body: body, language: language,
            translations: translations, dates: dates, tags: tags, themes: themes, url: url, draft: draft,
            partial: partial, warnings: warnings, links: links, references: references, extras: extras,
            provenance: provenance, archived: archived, dataset: dataset, organization: organization)
    }

    private mutating func dates() -> RecordDates? {
        var d = RecordDates()
        let ok = object { r, key in
            switch key {
            case "published": return Self.opt(&r, &d.published)
            case "modified": return Self.opt(&r, &d.modified)
            case "firstSeen": return Self.opt(&r, &d.firstSeen)
            case "lastSeen": return Self.opt(&r, &d.lastSeen)
            case "lastChanged": return Self.opt(&r, &d.lastChanged)
            default: return false
            }
        }
        return ok ? d : nil
    }

    private mutating func link() -> RecordLink? {
        var relation: RecordLink.Relation?, target: String?
        let ok = object { r, key in
            switch key {
            case "relation":
                relation = r.string().flatMap(RecordLink.Relation.init(rawValue:))
                return relation != nil
            case "target": target = r.string(); return target != nil
            default: return false
            }
        }
        guard ok, let relation, let target else { return nil }
        return RecordLink(relation, RecordID(rawValue: target))
    }

    private mutating func archival() -> Archival? {
        var reason: String?, at: String?
        let ok = object { r, key in
            switch key {
            case "reason": reason = r.string(); return reason != nil
            case "at": at = r.string(); return at != nil
            default: return false
            }
        }
        guard ok, let reason, let at else { return nil }
        return Archival(reason: reason, at: at)
    }

    private mutating func translations() -> [String: Translation]? {
        var out: [String: Translation] = [:]
        let ok = object { r, lang in
            var t = Translation()
            let one = r.object { r, key in
                switch key {
                case "title": return Self.opt(&r, &t.title)
                case "summary": return Self.opt(&r, &t.summary)
                case "body": return Self.opt(&r, &t.body)
                default: return false
                }
            }
            out[lang] = t
            return one
        }
        return ok ? out : nil
    }

    private mutating func provenance() -> Provenance? {
        var source: String?, sourceKind: String?, url: String?, parser: String?, parserVersion: String?
        var item: String?, fetchedAt: String?, etag: String?, lastModified: String?, contentHash: String?
        var sameAs: String?, matchedBy: MatchRule?
        let ok = object { r, key in
            switch key {
            case "source": source = r.string(); return source != nil
            case "sourceKind": sourceKind = r.string(); return sourceKind != nil
            case "url": url = r.string(); return url != nil
            case "parser": parser = r.string(); return parser != nil
            case "parserVersion": parserVersion = r.string(); return parserVersion != nil
            case "item": return Self.opt(&r, &item)
            case "fetchedAt": return Self.opt(&r, &fetchedAt)
            case "etag": return Self.opt(&r, &etag)
            case "lastModified": return Self.opt(&r, &lastModified)
            case "contentHash": return Self.opt(&r, &contentHash)
            case "sameAs": return Self.opt(&r, &sameAs)
            case "matchedBy":
                var raw: String?
                guard Self.opt(&r, &raw) else { return false }
                guard let raw else { matchedBy = nil; return true }
                matchedBy = MatchRule(rawValue: raw)
                return matchedBy != nil
            default: return false
            }
        }
        guard ok, let source, let sourceKind, let url, let parser, let parserVersion else { return nil }
        return Provenance(
            source: source, sourceKind: sourceKind, url: url, item: item, fetchedAt: fetchedAt, etag: etag,
            lastModified: lastModified, contentHash: contentHash, parser: parser, parserVersion: parserVersion,
            sameAs: sameAs.map(RecordID.init(rawValue:)), matchedBy: matchedBy)
    }

    private mutating func organization() -> OrganizationInfo? {
        var remoteID: String?, acronym: String?, logo: String?
        let ok = object { r, key in
            switch key {
            case "remoteID": remoteID = r.string(); return remoteID != nil
            case "acronym": return Self.opt(&r, &acronym)
            case "logo": return Self.opt(&r, &logo)
            default: return false
            }
        }
        guard ok, let remoteID else { return nil }
        return OrganizationInfo(remoteID: remoteID, acronym: acronym, logo: logo)
    }

    private mutating func dataset() -> DatasetInfo? {
        var remoteID: String?, spatial: [String]?, archivedAtSource: Bool?, deletedAtSource: Bool?
        var distributions: [Distribution]?
        var d = DatasetInfo(remoteID: "")
        var organization: String?
        let ok = object { r, key in
            switch key {
            case "remoteID": remoteID = r.string(); return remoteID != nil
            case "spatial": spatial = r.strings(); return spatial != nil
            case "archivedAtSource": archivedAtSource = r.bool(); return archivedAtSource != nil
            case "deletedAtSource": deletedAtSource = r.bool(); return deletedAtSource != nil
            case "distributions": distributions = r.array { $0.distribution() }; return distributions != nil
            case "acronym": return Self.opt(&r, &d.acronym)
            case "organization": return Self.opt(&r, &organization)
            case "owner": return Self.opt(&r, &d.owner)
            case "license": return Self.opt(&r, &d.license)
            case "licenseLabel": return Self.opt(&r, &d.licenseLabel)
            case "frequency": return Self.opt(&r, &d.frequency)
            case "temporalStart": return Self.opt(&r, &d.temporalStart)
            case "temporalEnd": return Self.opt(&r, &d.temporalEnd)
            case "uri": return Self.opt(&r, &d.uri)
            case "popularity":
                var raw: String?
                guard Self.opt(&r, &raw) else { return false }
                d.popularity = raw.flatMap(DatasetPopularity.init(rawValue:))
                return raw == nil || d.popularity != nil
            default: return false
            }
        }
        guard ok, let remoteID, let spatial, let archivedAtSource, let deletedAtSource, let distributions else {
            return nil
        }
        d.remoteID = remoteID
        d.organization = organization.map(RecordID.init(rawValue:))
        d.spatial = spatial
        d.archivedAtSource = archivedAtSource
        d.deletedAtSource = deletedAtSource
        d.distributions = distributions
        return d
    }

    private mutating func distribution() -> Distribution? {
        var url: String?
        var x = Distribution(url: "")
        let ok = object { r, key in
            switch key {
            case "url": url = r.string(); return url != nil
            case "size":
                if r.null() { x.size = nil; return true }
                x.size = r.int64()
                return x.size != nil
            case "id": return Self.opt(&r, &x.id)
            case "title": return Self.opt(&r, &x.title)
            case "format": return Self.opt(&r, &x.format)
            case "mimeType": return Self.opt(&r, &x.mimeType)
            case "checksum": return Self.opt(&r, &x.checksum)
            case "type": return Self.opt(&r, &x.type)
            case "modified": return Self.opt(&r, &x.modified)
            default: return false
            }
        }
        guard ok, let url else { return nil }
        x.url = url
        return x
    }
}
