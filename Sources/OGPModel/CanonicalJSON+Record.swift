/// The canonical JSON of each record type, keys in sorted order (see ``CanonicalJSON``).
extension CanonicalJSON {
    mutating func record(_ r: Record) {
        object { o in
            if let p = r.actionPlan { o.value("actionPlan") { $0.actionPlan(p) } }
            if let a = r.archived {
                o.bookkeeping("archived") { j in
                    j.object {
                        $0.string("at", a.at); $0.string("reason", a.reason)
                    }
                }
            }
            o.string("body", r.body)
            if let c = r.commitment { o.value("commitment") { $0.commitment(c) } }
            if let d = r.dataset { o.value("dataset") { $0.dataset(d) } }
            o.value("dates") { $0.dates(r.dates) }
            o.bool("draft", r.draft)
            o.value("extras") { $0.dictionary(r.extras) { $0.string($1) } }
            o.string("id", r.id.rawValue)
            o.string("kind", r.kind.rawValue)
            o.string("language", r.language)
            o.value("links") { j in
                j.array(r.links) { j, l in
                    j.object {
                        $0.string("relation", l.relation.rawValue); $0.string("target", l.target.rawValue)
                    }
                }
            }
            if let org = r.organization {
                o.value("organization") { j in
                    j.object {
                        $0.string("acronym", org.acronym); $0.string("logo", org.logo);
                        $0.string("remoteID", org.remoteID)
                    }
                }
            }
            o.bool("partial", r.partial)
            o.value("provenance") { j in j.array(r.provenance) { $0.provenance($1) } }
            o.strings("references", r.references)
            o.string("summary", r.summary)
            o.strings("tags", r.tags)
            o.strings("themes", r.themes)
            o.string("title", r.title)
            o.value("translations") { j in
                j.dictionary(r.translations) { j, t in
                    j.object {
                        $0.string("body", t.body); $0.string("summary", t.summary); $0.string("title", t.title)
                    }
                }
            }
            o.string("url", r.url)
            o.strings("warnings", r.warnings)
        }
    }

    mutating func dates(_ d: RecordDates) {
        object { o in
            o.bookkeeping("firstSeen", d.firstSeen)
            o.bookkeeping("lastChanged", d.lastChanged)
            o.bookkeeping("lastSeen", d.lastSeen)
            o.string("modified", d.modified)
            o.string("published", d.published)
        }
    }

    mutating func provenance(_ p: Provenance) {
        object { o in
            o.bookkeeping("contentHash", p.contentHash)
            o.bookkeeping("etag", p.etag)
            o.bookkeeping("fetchedAt", p.fetchedAt)
            o.string("item", p.item)
            o.bookkeeping("lastModified", p.lastModified)
            o.string("matchedBy", p.matchedBy?.rawValue)
            o.string("parser", p.parser)
            o.string("parserVersion", p.parserVersion)
            o.string("sameAs", p.sameAs?.rawValue)
            o.string("source", p.source)
            o.string("sourceKind", p.sourceKind)
            if o.json.excluded != nil, RecordCoding.isLocalFile(p.url) {
                // Where a local file lives is not content: hashed as `"file:"` (see contentHash).
                o.key("url")
                let start = o.json.out.count
                o.json.string(p.url)
                o.json.substituted.append((start..<o.json.out.count, Array(#""file:""#.utf8)))
            } else {
                o.string("url", p.url)
            }
        }
    }

    mutating func actionPlan(_ p: ActionPlanInfo) {
        object { o in
            o.int("announcedCommitments", p.announcedCommitments)
            o.strings("axes", p.axes)
            o.string("country", p.country)
            o.int("endYear", p.endYear)
            o.string("institution", p.institution)
            o.int("startYear", p.startYear)
            o.value("statusReports") { j in
                j.array(p.statusReports) { j, s in
                    j.object { o in
                        o.value("counts") { $0.dictionary(s.counts) { $0.int($1) } }
                        o.string("date", s.date)
                        o.string("source", s.source?.rawValue)
                    }
                }
            }
        }
    }

    mutating func commitment(_ c: CommitmentInfo) {
        object { o in
            if !c.assessments.isEmpty { o.value("assessments") { j in j.array(c.assessments) { $0.assessment($1) } } }
            o.string("axis", c.axis)
            if let irm = c.irm { o.value("irm") { $0.irm(irm) } }
            o.strings("leadInstitutions", c.leadInstitutions)
            o.strings("milestones", c.milestones)
            o.int("number", c.number)
            o.string("numberLabel", c.numberLabel)
            o.string("ogpID", c.ogpID)
            o.string("plan", c.plan?.rawValue)
            o.string("status", c.status.rawValue)
            o.string("statusLabel", c.statusLabel)
            o.strings("supportingInstitutions", c.supportingInstitutions)
        }
    }

    mutating func dataset(_ d: DatasetInfo) {
        object { o in
            o.string("acronym", d.acronym)
            o.bool("archivedAtSource", d.archivedAtSource)
            o.bool("deletedAtSource", d.deletedAtSource)
            o.value("distributions") { j in j.array(d.distributions) { $0.distribution($1) } }
            o.string("frequency", d.frequency)
            o.string("license", d.license)
            o.string("licenseLabel", d.licenseLabel)
            o.string("organization", d.organization?.rawValue)
            o.string("owner", d.owner)
            o.string("popularity", d.popularity?.rawValue)
            o.string("remoteID", d.remoteID)
            o.strings("spatial", d.spatial)
            o.string("temporalEnd", d.temporalEnd)
            o.string("temporalStart", d.temporalStart)
            o.string("uri", d.uri)
        }
    }

    mutating func distribution(_ x: Distribution) {
        object { o in
            o.string("checksum", x.checksum)
            o.string("format", x.format)
            o.string("id", x.id)
            o.string("mimeType", x.mimeType)
            o.string("modified", x.modified)
            o.int("size", x.size)
            o.string("title", x.title)
            o.string("type", x.type)
            o.string("url", x.url)
        }
    }
}
