import Foundation
@testable import OGPHarvest
import OGPModel
import OGPStore
import OGPTestServer
import Testing

/// One publication met through two sources — the numerique.gouv.fr posts in a Jekyll folder on
/// disk and in the site's git repository served on loopback — is one record with both
/// provenances, stays one when either source is harvested again, and is archived only when
/// neither lists it any more.
@Suite struct PublicationMergeTests {
    static let posts = [
        "_actualites/gouvernement-ouvert-la-france-publie-son-plan-daction-national.markdown",
        "_actualites/gouvernement-ouvert-la-france-met-laccent-sur-le-numerique-et-la-contribution-citoyenne.markdown",
    ]

    static func current(_ w: Workspace) throws -> [Record] {
        try w.records().filter { $0.kind == .publication && $0.archived == nil }
    }

    @Test(arguments: StoreChoice.available)
    func aFolderAndItsRepositoryGiveOneRecordPerPost(_ storeChoice: StoreChoice) async throws {
        let workspace = try Workspace(store: storeChoice)
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        let repo = try GitFixture(in: workspace.root, server: server)
        // A copy of the site on disk, apart from the repository's working tree (`site/`).
        let folder = workspace.root.appendingPathComponent("copy", isDirectory: true)
        for path in Self.posts {
            let data = try Workspace.fixture("jekyll/" + (path as NSString).lastPathComponent)
            try repo.write(path, data)
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        }
        try repo.commit("Posts about the OGP")
        func config(graceDays: Int = 7) throws {
            let extra = ["collections: [_actualites]", "grace_days: \(graceDays)"]
            try workspace.writeConfig([
                Workspace.source("site-folder", kind: "jekyll", url: folder.absoluteString, extra: extra),
                Workspace.source("site-git", kind: "jekyll", url: repo.url, extra: extra),
            ])
        }
        try config()

        // First run: each source adds its records, then the copies are merged into the folder's.
        let first = try await workspace.harvest()
        #expect(first.source("site-folder")?.status == .ok && first.source("site-git")?.status == .ok)
        // The report of the source whose copies were merged says so.
        #expect(first.source("site-git")?.warnings.filter { $0.contains("merged into it") }.count == Self.posts.count)
        var kept = try Self.current(workspace)
        #expect(kept.count == Self.posts.count)
        for record in kept {
            #expect(record.id.rawValue.hasPrefix("publication:site-folder:"))
            #expect(Set(record.provenance.map(\.source)) == ["site-folder", "site-git"])
            let copy = try #require(record.provenance.first { $0.source == "site-git" })
            #expect(copy.sameAs?.rawValue.hasPrefix("publication:site-git:") == true)
            #expect(copy.matchedBy == .sameTitleAndDay)
            let copyID = try #require(copy.sameAs)
            let archived = try #require(try workspace.store().record(copyID))
            #expect(archived.archived?.reason == "merged into \(record.id)")
        }

        // Again, then with a new commit editing one post in the repository: still one record
        // per post, nothing archived, and the kept record's fields are still the folder's.
        let second = try await workspace.harvest()
        #expect(second.sources.allSatisfy { $0.items.archived == 0 && $0.items.added == 0 })
        var edited = try Workspace.fixture("jekyll/" + (Self.posts[0] as NSString).lastPathComponent)
        edited.append(Data("\nUne phrase ajoutée dans le dépôt seulement.\n".utf8))
        try repo.write(Self.posts[0], edited)
        try repo.commit("Edit one post")
        let third = try await workspace.harvest()
        // (The copy's new bytes change no field of the kept record: nothing to update.)
        #expect(third.source("site-git")?.items.added == 0)
        #expect(third.source("site-folder")?.items.updated == 0)
        kept = try Self.current(workspace)
        #expect(kept.count == Self.posts.count)
        #expect(!kept.contains { $0.body?.contains("dans le dépôt seulement") == true })
        #expect(kept.allSatisfy { Set($0.provenance.map(\.source)) == ["site-folder", "site-git"] })

        // The post removed from the folder stays: the repository still lists it.
        try FileManager.default.removeItem(at: folder.appendingPathComponent(Self.posts[1]))
        try config(graceDays: 0)
        let fourth = try await workspace.harvest()
        #expect(fourth.source("site-folder")?.items.archived == 0)
        #expect(try Self.current(workspace).count == Self.posts.count)

        // Removed from the repository too: now it is archived.
        _ = try repo.git("rm", "--quiet", Self.posts[1])
        try repo.commit("Remove one post")
        let fifth = try await workspace.harvest()
        #expect(fifth.source("site-git")?.items.archived == 1)
        let left = try Self.current(workspace)
        #expect(left.count == 1)
        #expect(left.first?.provenance.contains { $0.item == Self.posts[0] } == true)
    }

    @Test func identityKeys() {
        func record(_ title: String, _ published: String?, url: String?) -> Record {
            Record(
                id: RecordID(rawValue: "publication:x:1"), kind: .publication, title: title,
                dates: RecordDates(published: published), url: url)
        }
        let post = record(
            "Gouvernement ouvert : la France publie son plan d’action national", "2015-07-17T15:23:00Z",
            url: "https://www.etalab.gouv.fr/la-france-publie/#top")
        let page = record(
            "GOUVERNEMENT OUVERT :  la France publie son plan d'action national", "2015-07-17T08:00:00Z",
            url: "http://etalab.gouv.fr/la-france-publie/")
        let keys = { (r: Record) in Set(PublicationMerge.keys(r).map(\.key)) }
        // Same page URL (scheme, www., trailing slash and fragment aside).
        #expect(!keys(post).isDisjoint(with: keys(page)))
        #expect(PublicationMerge.keys(post).first?.rule == .sameURL)
        // A file: URL names a copy, not the publication; another day is another publication.
        #expect(PublicationMerge.urlKey("file:///tmp/site/_posts/a.md") == nil)
        let otherDay = record(post.title, "2016-07-25T14:06:00Z", url: nil)
        #expect(keys(otherDay).isDisjoint(with: keys(post)))
        #expect(keys(record(post.title, nil, url: nil)).isEmpty)
    }
}
