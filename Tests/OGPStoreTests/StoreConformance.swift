import Foundation
import OGPModel
import OGPStore
import Testing

/// The behaviour every ``CatalogStore`` implementation must have. The SQLite suite runs it;
/// a PostgreSQL implementation runs the same checks with its own factory.
struct StoreConformance {
    let make: () throws -> any CatalogStore
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func publication(_ n: Int, title: String = "Titre", source: String = "s1") -> Record {
        Record(
            id: RecordID(kind: .publication, namespace: source, remoteID: "post-\(n)"), kind: .publication,
            title: title,
            body: "Corps \(n)", dates: RecordDates(published: "2021-01-0\(n % 9 + 1)"),
            provenance: [
                Provenance(
                    source: source, sourceKind: "jekyll", url: "file:///p\(n)", parser: "test", parserVersion: "1")
            ])
    }

    func addedUpdatedUnchanged() throws {
        let store = try make()
        let r = Self.publication(1)
        #expect(try store.upsert([r], source: "s1", at: t0) == [.added])
        #expect(try store.upsert([r], source: "s1", at: t0.addingTimeInterval(60)) == [.unchanged])
        var changed = r
        changed.title = "Nouveau titre"
        #expect(try store.upsert([changed], source: "s1", at: t0.addingTimeInterval(120)) == [.updated])
        let stored = try #require(try store.record(r.id))
        #expect(stored.title == "Nouveau titre")
        #expect(stored.dates.firstSeen == ISODate.string(from: t0))
        #expect(stored.dates.lastChanged == ISODate.string(from: t0.addingTimeInterval(120)))
        // A changed fetch time alone is not a change.
        var refetched = changed
        refetched.provenance[0].fetchedAt = "2030-01-01T00:00:00Z"
        #expect(try store.upsert([refetched], source: "s1", at: t0.addingTimeInterval(180)) == [.unchanged])
    }

    /// An unchanged record is told by its hash before the stored JSON is read; what the merge
    /// does stays: a moved local file is no change, and provenance that came out of merge order
    /// is written once in that order, then unchanged.
    func unchangedIsToldByTheHash() throws {
        let store = try make()
        var r = Self.publication(30)
        r.provenance[0].url = "file:///data/a.json"
        #expect(try store.upsert([r], source: "s1", at: t0) == [.added])
        var moved = r
        moved.provenance[0].url = "file:///elsewhere/a.json"
        #expect(try store.upsert([moved], source: "s1", at: t0.addingTimeInterval(60)) == [.unchanged])
        var two = Self.publication(31)
        var first = two.provenance[0]
        var second = first
        first.url = "https://z.example/p"
        second.url = "https://a.example/p"
        two.provenance = [first, second]
        #expect(try store.upsert([two], source: "s1", at: t0) == [.added])
        #expect(try store.upsert([two], source: "s1", at: t0.addingTimeInterval(60)) == [.updated])
        #expect(try store.upsert([two], source: "s1", at: t0.addingTimeInterval(120)) == [.unchanged])
        let urls = try store.record(two.id)?.provenance.map(\.url)
        #expect(urls == ["https://a.example/p", "https://z.example/p"], "\(String(describing: urls))")
        // Archived: the same content brings it back.
        #expect(try store.archive(r.id, reason: "gone", at: t0))
        #expect(try store.upsert([r], source: "s1", at: t0.addingTimeInterval(180)) == [.updated])
        #expect(try store.record(r.id)?.archived == nil)
    }

    func historyKeepsPreviousVersions() throws {
        let store = try make()
        var r = Self.publication(2, title: "v1")
        _ = try store.upsert([r], source: "s1", at: t0)
        r.title = "v2"
        _ = try store.upsert([r], source: "s1", at: t0.addingTimeInterval(3600))
        r.title = "v3"
        _ = try store.upsert([r], source: "s1", at: t0.addingTimeInterval(7200))
        let versions = try store.history(of: r.id)
        #expect(versions.map(\.record.title) == ["v1", "v2", "v3"])
        #expect(versions.map(\.version) == [1, 2, 3])
        #expect(versions[0].validTo == versions[1].validFrom)
        #expect(versions[2].validTo == nil)
        let since = try store.changes(since: ISODate.string(from: t0.addingTimeInterval(3000)))
        #expect(since.map(\.record.title) == ["v2", "v3"])
    }

    func commitmentStatusHistoryIsOneQuery() throws {
        let store = try make()
        var c = Record(
            id: RecordID(kind: .commitment, namespace: "ogp-fr", remoteID: "c1"), kind: .commitment,
            title: "Engagement",
            commitment: CommitmentInfo(status: .limited, statusLabel: "limité"))
        _ = try store.upsert([c], source: "s1", at: t0)
        c.commitment?.status = .substantial
        _ = try store.upsert([c], source: "s1", at: t0.addingTimeInterval(86_400))
        let statuses = try store.history(of: c.id).map { ($0.validFrom, $0.record.commitment?.status) }
        #expect(statuses.map(\.1) == [.limited, .substantial])
        #expect(statuses[1].0 == ISODate.string(from: t0.addingTimeInterval(86_400)))
    }

    func archiveNeverDeletes() throws {
        let store = try make()
        let r = Self.publication(3)
        _ = try store.upsert([r], source: "s1", at: t0)
        #expect(try store.archive(r.id, reason: "manual", at: t0))
        #expect(try !store.archive(r.id, reason: "manual", at: t0))
        let stored = try #require(try store.record(r.id))
        #expect(stored.archived?.reason == "manual")
        #expect(try store.counts()[.publication] == nil)
        #expect(try store.counts(RecordFilter(includeArchived: true))[.publication] == 1)
        #expect(try store.counts(RecordFilter(kinds: [.dataset], includeArchived: true)).isEmpty)
        var seen: [RecordID] = []
        try store.forEachRecord(RecordFilter(includeArchived: false)) { seen.append($0.id) }
        #expect(seen.isEmpty)
        try store.forEachRecord(RecordFilter(includeArchived: true)) { seen.append($0.id) }
        #expect(seen == [r.id])
        // Seen again at the source: back, as an update.
        #expect(try store.upsert([r], source: "s1", at: t0.addingTimeInterval(10)) == [.updated])
        #expect(try store.record(r.id)?.archived == nil)
    }

    func reconcileArchivesAfterGrace() throws {
        let store = try make()
        let a = Self.publication(4), b = Self.publication(5)
        _ = try store.upsert([a, b], source: "s1", at: t0)
        let week: TimeInterval = 7 * 86_400
        #expect(
            try store.reconcile(source: "s1", present: [a.id], at: t0.addingTimeInterval(3600), grace: week).isEmpty)
        #expect(try store.record(b.id)?.archived == nil)
        let archived = try store.reconcile(
            source: "s1", present: [a.id], at: t0.addingTimeInterval(3600 + week + 1), grace: week)
        #expect(archived == [b.id])
        #expect(try store.record(b.id)?.archived?.reason == "not-on-remote")
        #expect(try store.record(a.id)?.archived == nil)
    }

    func recordsStreamSortedByKindThenID() throws {
        let store = try make()
        let dataset = Record(id: RecordID(kind: .dataset, namespace: "d", remoteID: "x"), kind: .dataset, title: "D")
        let plan = Record(id: RecordID(kind: .actionPlan, namespace: "p", remoteID: "y"), kind: .actionPlan, title: "P")
        _ = try store.upsert([dataset, Self.publication(7), Self.publication(6), plan], source: "s1", at: t0)
        var ids: [String] = []
        try store.forEachRecord(RecordFilter()) { ids.append($0.id.rawValue) }
        #expect(
            ids == [
                plan.id.rawValue, Self.publication(6).id.rawValue, Self.publication(7).id.rawValue, dataset.id.rawValue,
            ])
        var onlyDatasets: [String] = []
        try store.forEachRecord(RecordFilter(kinds: [.dataset])) { onlyDatasets.append($0.id.rawValue) }
        #expect(onlyDatasets == [dataset.id.rawValue])
    }

    /// A tag filter gives exactly the records a full read filtered by folded tags gives, in the
    /// same order: ASCII and accented capitals, escaped tags, archived and other kinds left out.
    func tagFilterGivesWhatAFullReadGives() throws {
        let store = try make()
        func dataset(_ n: Int, _ tags: [String]) -> Record {
            Record(
                id: RecordID(kind: .dataset, namespace: "d", remoteID: "x\(n)"), kind: .dataset, title: "D\(n)",
                tags: tags)
        }
        var records = [
            dataset(1, ["OGP"]), dataset(2, ["transport"]), dataset(3, []), dataset(4, ["PGÓ", "eau"]),
            dataset(5, ["Gouvernement-Ouvert"]), dataset(6, ["quote \" ogp"]), dataset(7, ["a\tb", "open-gov"]),
            dataset(8, ["ogpx", "gouvernement ouvert"]), dataset(9, ["ogp"]), dataset(10, ["x]y", "ogp"]),
            dataset(11, ["a]b"]),
        ]
        var tagged = Self.publication(1)
        tagged.tags = ["ogp"]
        records.append(tagged)
        _ = try store.upsert(records, source: "s1", at: t0)
        #expect(try store.archive(dataset(9, []).id, reason: "gone", at: t0))
        let wanted: Set<String> = ["ogp", "pgo", "gouvernement-ouvert", "open-gov"]
        var expected: [Record] = []
        try store.forEachRecord(RecordFilter(kinds: [.dataset], includeArchived: false)) { r in
            if r.tags.contains(where: { wanted.contains(TextFolding.fold($0)) }) { expected.append(r) }
        }
        var got: [Record] = []
        try store.forEachRecord(RecordFilter(kinds: [.dataset], includeArchived: false, tags: wanted)) { got.append($0) }
        #expect(got == expected)
        #expect(
            got.map(\.id.rawValue) == ["dataset:d:x1", "dataset:d:x10", "dataset:d:x4", "dataset:d:x5", "dataset:d:x7"])
        #expect(try store.counts(RecordFilter(kinds: [.dataset], includeArchived: false, tags: wanted)) == [.dataset: 5])
        var all: [String] = []
        try store.forEachRecord(RecordFilter(tags: wanted)) { all.append($0.id.rawValue) }
        #expect(
            all == [
                tagged.id.rawValue, "dataset:d:x1", "dataset:d:x10", "dataset:d:x4", "dataset:d:x5", "dataset:d:x7",
                "dataset:d:x9",
            ])
    }

    /// `containing` narrows reads and counts to the records whose JSON holds the text.
    func containingFilterNarrowsTheRead() throws {
        let store = try make()
        func dataset(_ n: Int, slug: String) -> Record {
            Record(
                id: RecordID(kind: .dataset, namespace: "d", remoteID: "x\(n)"), kind: .dataset, title: "D\(n)",
                extras: ["slug": slug])
        }
        _ = try store.upsert(
            [dataset(1, slug: "budget-2024"), dataset(2, slug: "budget-2024-bis"), dataset(3, slug: "eau")],
            source: "s1", at: t0)
        var got: [String] = []
        try store.forEachRecord(RecordFilter(containing: #""slug":"budget-2024""#)) { got.append($0.id.rawValue) }
        #expect(got == ["dataset:d:x1"])
        got = []
        try store.forEachRecord(RecordFilter(kinds: [.dataset], containing: "budget")) { got.append($0.id.rawValue) }
        #expect(got == ["dataset:d:x1", "dataset:d:x2"])
        #expect(try store.counts(RecordFilter(containing: "\"eau\"")) == [.dataset: 1])
        #expect(try store.counts(RecordFilter(containing: "absent")).isEmpty)
    }

    func provenanceOfOtherSourcesIsKept() throws {
        let store = try make()
        let id = RecordID(kind: .dataset, namespace: "data.gouv.fr", remoteID: "620bc18f19e4cfe601d272c4")
        func record(_ source: String) -> Record {
            Record(
                id: id, kind: .dataset, title: "Engagements",
                provenance: [
                    Provenance(source: source, sourceKind: source, url: "u:\(source)", parser: "t", parserVersion: "1")
                ])
        }
        _ = try store.upsert([record("api")], source: "api", at: t0)
        _ = try store.upsert([record("csv")], source: "csv", at: t0)
        #expect(try store.record(id)?.provenance.map(\.source) == ["api", "csv"])
    }

    func richerSourceFieldsWin() throws {
        let store = try make()
        let id = RecordID(kind: .dataset, namespace: "data.gouv.fr", remoteID: "5d13a8b6634f41070a43dff3")
        func record(_ source: String, title: String) -> Record {
            Record(
                id: id, kind: .dataset, title: title,
                provenance: [
                    Provenance(source: source, sourceKind: source, url: "u:\(source)", parser: "t", parserVersion: "1")
                ])
        }
        #expect(
            try store.upsert([record("api", title: "Catalogue (API)")], source: "api", precedence: 2, at: t0) == [
                .added
            ])
        // The poorer CSV row adds its provenance once, then changes nothing.
        #expect(
            try store.upsert([record("csv", title: "Catalogue")], source: "csv", precedence: 1, at: t0) == [.updated])
        #expect(
            try store.upsert([record("csv", title: "Catalogue")], source: "csv", precedence: 1, at: t0) == [.unchanged])
        #expect(try store.record(id)?.title == "Catalogue (API)")
        #expect(try store.record(id)?.provenance.map(\.source) == ["api", "csv"])
        #expect(
            try store.upsert([record("api", title: "Catalogue v2")], source: "api", precedence: 2, at: t0) == [.updated]
        )
        #expect(try store.record(id)?.title == "Catalogue v2")
    }

    func indexStateFollowsChanges() throws {
        let store = try make()
        var r = Self.publication(8)
        _ = try store.upsert([r], source: "s1", at: t0)
        let pending = try store.pendingIndex(limit: 10)
        #expect(pending.map(\.record.id) == [r.id])
        try store.markIndexed(pending)
        #expect(try store.pendingIndex(limit: 10).isEmpty)
        _ = try store.upsert([r], source: "s1", at: t0)
        #expect(try store.pendingIndex(limit: 10).isEmpty)
        r.title = "changed"
        _ = try store.upsert([r], source: "s1", at: t0)
        // Marking the old version does not clear the new one.
        try store.markIndexed(pending)
        #expect(try store.pendingIndex(limit: 10).map(\.version) == [2])
        try store.markIndexed(try store.pendingIndex(limit: 10))
        _ = try store.archive(r.id, reason: "manual", at: t0)
        #expect(try store.pendingIndex(limit: 10).first?.record.archived != nil)
        try store.markIndexed(try store.pendingIndex(limit: 10))
        try store.resetIndexState()
        #expect(try store.pendingIndex(limit: 10).count == 1)
    }

    /// An update reads its pending records a page at a time (`after:` the last one read) while
    /// the cursor stays put until its index commits: the pages are the pending records in
    /// change order, once each, and a page never goes back behind the cursor.
    func pendingPagesFollowTheCursor() throws {
        let store = try make()
        let f = IndexFollower(rawValue: "paged")
        let records = (1...5).map { Self.publication(20 + $0) }
        _ = try store.upsert(records, source: "s1", at: t0)
        let all = try store.pendingIndex(for: f, limit: 10)
        #expect(all.count == 5)
        var pages: [[PendingRecord]] = []
        var after: Int?
        while true {
            let page = try store.pendingIndex(for: f, after: after, limit: 2)
            if page.isEmpty { break }
            pages.append(page)
            after = page.last?.sequence
        }
        #expect(pages.map(\.count) == [2, 2, 1])
        #expect(pages.flatMap { $0.map(\.record.id) } == all.map(\.record.id))
        // Nothing is marked yet: the whole list is still pending.
        #expect(try store.pendingIndex(for: f, limit: 10).count == 5)
        try store.markIndexed(Array(all.prefix(3)), for: f)
        // `after` behind the cursor reads from the cursor.
        #expect(try store.pendingIndex(for: f, after: all[0].sequence, limit: 10).map(\.record.id) == all.suffix(2).map(\.record.id))
        #expect(try store.pendingIndex(for: f, after: all[3].sequence, limit: 10).map(\.record.id) == [all[4].record.id])
    }

    /// Two search hosts follow one catalogue: each has its own cursor, so one host committing
    /// its index never hides a change from the other; changes and archivals reach both.
    func followersIndexIndependently() throws {
        let store = try make()
        let a = IndexFollower(rawValue: "host-a:/var/lib/ogp/index")
        let b = IndexFollower(rawValue: "host-b:/srv/ogp/index")
        var records = (1...3).map { Self.publication($0) }
        _ = try store.upsert(records, source: "s1", at: t0)
        let first = try store.pendingIndex(for: a, limit: 10)
        #expect(first.map(\.record.id) == records.map(\.id))
        #expect(first.map(\.sequence) == first.map(\.sequence).sorted())
        try store.markIndexed(first, for: a)
        #expect(try store.pendingIndex(for: a, limit: 10).isEmpty)
        #expect(try store.pendingIndex(for: b, limit: 10).count == 3)

        records[1].title = "changed"
        _ = try store.upsert(records, source: "s1", at: t0)
        _ = try store.archive(records[2].id, reason: "manual", at: t0)
        let forA = try store.pendingIndex(for: a, limit: 10)
        // In change order: the update, then the archival.
        #expect(forA.map(\.record.id) == [records[1].id, records[2].id])
        #expect(forA.map(\.version) == [2, 1])
        #expect(forA.last?.record.archived != nil)
        // b never indexed: it sees every record once, at its current version.
        let forB = try store.pendingIndex(for: b, limit: 10)
        #expect(Set(forB.map(\.record.id)) == Set(records.map(\.id)))
        #expect(forB.first { $0.record.id == records[1].id }?.record.title == "changed")
        // A limit splits the pending records in change order; the rest comes next.
        let part = try store.pendingIndex(for: b, limit: 2)
        try store.markIndexed(part, for: b)
        #expect(try store.pendingIndex(for: b, limit: 10).count == 1)
        try store.markIndexed(try store.pendingIndex(for: b, limit: 10), for: b)
        #expect(try store.pendingIndex(for: b, limit: 10).isEmpty)
        #expect(try store.pendingIndex(for: a, limit: 10).count == 2)

        let states = try store.indexFollowers()
        #expect(states.map(\.follower) == [a, b])
        #expect(states.map(\.pending) == [2, 0])
        // A rebuild of a's index starts a over and leaves b where it is.
        try store.resetIndexState(for: a)
        #expect(try store.pendingIndex(for: a, limit: 10).count == 3)
        #expect(try store.pendingIndex(for: b, limit: 10).isEmpty)
        #expect(try store.forgetIndexFollower(b))
        #expect(try !store.forgetIndexFollower(b))
        #expect(try store.indexFollowers().map(\.follower) == [a])
        // Marking an older batch never moves a cursor back.
        try store.markIndexed(try store.pendingIndex(for: a, limit: 10), for: a)
        try store.markIndexed(first, for: a)
        #expect(try store.pendingIndex(for: a, limit: 10).isEmpty)
    }

    func runsAndItems() throws {
        let store = try make()
        try store.startRun(RunInfo(id: "r1", startedAt: "2026-01-01T00:00:00Z", status: .running, host: "h", pid: 1))
        try store.recordItems([
            RunItem(runID: "r1", source: "s1", item: "a.md", outcome: .added),
            RunItem(
                runID: "r1", source: "s1", item: "b.md", outcome: .failed, url: "file:///b.md",
                message: "bad YAML at line 3"),
        ])
        try store.saveSourceReport(
            SourceRunInfo(
                runID: "r1", source: "s1", kind: "jekyll", status: .itemsFailed,
                counts: {
                    var c = ItemCounts(); c.added = 1; c.failed = 1; return c
                }(),
                startedAt: "2026-01-01T00:00:00Z"))
        try store.finishRun(id: "r1", status: .itemsFailed, endedAt: t0)
        let runs = try store.runs(limit: 5)
        #expect(runs.map(\.status) == [.itemsFailed])
        #expect(try store.items(run: "r1").map(\.outcome) == [.added, .failed])
        #expect(try store.items(run: "r1")[1].message == "bad YAML at line 3")
        #expect(try store.sourceReports(run: "r1").first?.counts["failed"] == 1)
    }

    func sameRecordTwiceInOneBatch() throws {
        let store = try make()
        let r = Self.publication(9, title: "v1")
        var changed = r
        changed.title = "v2"
        #expect(
            try store.upsert([r, Self.publication(10), changed, changed], source: "s1", at: t0) == [
                .added, .added, .updated, .unchanged,
            ])
        #expect(try store.history(of: r.id).map(\.record.title) == ["v1", "v2"])
        #expect(try store.counts()[.publication] == 2)
    }

    func validatorsAndState() throws {
        let store = try make()
        #expect(try store.validators(for: "https://x/") == nil)
        try store.setValidators(
            HTTPValidators(etag: "\"abc\"", lastModified: "Wed, 21 Oct 2015 07:28:00 GMT"), for: "https://x/")
        #expect(try store.validators(for: "https://x/")?.etag == "\"abc\"")
        try store.setState(source: "s1", key: "commit", value: "deadbeef")
        #expect(try store.state(source: "s1", key: "commit") == "deadbeef")
        try store.setState(source: "s1", key: "commit", value: nil)
        #expect(try store.state(source: "s1", key: "commit") == nil)
    }
}
