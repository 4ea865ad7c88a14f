import Foundation
import OGPCore
import OGPHarvest
import OGPModel
import OGPStore
import OGPTestServer
import Testing

/// A `jekyll` source on a git repository made by the test: cloned on the first run, pulled on
/// the next, and only the files changed between the two commits parsed again.
@Suite struct JekyllGitHarvestTests {
    static let posts = [
        "_actualites/gouvernement-ouvert-la-france-met-laccent-sur-le-numerique-et-la-contribution-citoyenne.markdown",
        "_actualites/gouvernement-ouvert-la-france-publie-son-plan-daction-national.markdown",
        "_actualites/video-partenariat-pour-un-gouvernement-ouvert-le-plan-daction-francais-evalue-a-mi-parcours.markdown",
        "_communiques/ouverture-du-gouvernement-et-du-parlement-la-france-renouvelle-son-engagement-pour-une-action-publique-transparente-et-collaborative.markdown",
    ]

    @Test(arguments: StoreChoice.available)
    func aNewCommitReparsesOnlyTheChangedFile(_ storeChoice: StoreChoice) async throws {
        let workspace = try Workspace(store: storeChoice)
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        let repo = try GitFixture(in: workspace.root, server: server)
        for path in Self.posts {
            try repo.write(path, Workspace.fixture("jekyll/" + (path as NSString).lastPathComponent))
        }
        try repo.write("README.md", Data("# site\n".utf8))
        try repo.commit("Posts about the OGP")
        try workspace.writeConfig([
            Workspace.source(
                "numerique", kind: "jekyll", url: repo.url, extra: ["collections: [_actualites, _communiques]"])
        ])

        let first = try await workspace.harvest()
        let source = try #require(first.source("numerique"))
        #expect(source.status == .ok, "\(source.errors)")
        #expect(source.items.added == Self.posts.count)
        #expect(try workspace.records().filter { $0.kind == .publication }.count == Self.posts.count)

        // A new commit edits one post (a sentence added to its body) and touches no other.
        let edited = Self.posts[2]
        var text = try Workspace.fixture("jekyll/" + (edited as NSString).lastPathComponent)
        text.append(Data("\nUne phrase ajoutée par un nouveau commit.\n".utf8))
        try repo.write(edited, text)
        try repo.commit("Edit one post")

        let second = try await workspace.harvest()
        let again = try #require(second.source("numerique"))
        #expect(again.status == .ok, "\(again.errors)")
        #expect(again.items.updated == 1)
        #expect(again.items.unchanged == Self.posts.count - 1)
        #expect(again.items.added == 0)
        let items = try workspace.store().items(run: second.runID)
        #expect(items.map(\.item) == [edited])
        #expect(items.first?.outcome == .updated)
        // (The plans the post reports on carry its provenance too: look at the publication.)
        let record = try #require(
            try workspace.records().first { $0.kind == .publication && $0.provenance.contains { $0.item == edited } })
        #expect(record.body?.contains("Une phrase ajoutée par un nouveau commit.") == true)
        #expect(try workspace.store().history(of: record.id).count == 2)

        // Nothing new: the third run reads no file at all.
        let third = try await workspace.harvest()
        let still = try #require(third.source("numerique"))
        #expect(still.items.unchanged == Self.posts.count)
        #expect(still.items.updated == 0 && still.items.added == 0)
        #expect(try workspace.store().items(run: third.runID).isEmpty)

        // A post deleted by a commit is archived (`not-on-remote`, here with no grace period).
        try repo.git("rm", "--quiet", Self.posts[0])
        try repo.commit("Remove one post")
        try workspace.writeConfig([
            Workspace.source(
                "numerique", kind: "jekyll", url: repo.url,
                extra: ["collections: [_actualites, _communiques]", "grace_days: 0"])
        ])
        let fourth = try await workspace.harvest()
        let removed = try #require(fourth.source("numerique"))
        #expect(removed.items.archived == 1)
        #expect(removed.items.unchanged == Self.posts.count - 1)
        let gone = try #require(try workspace.records().first { $0.provenance.contains { $0.item == Self.posts[0] } })
        #expect(gone.archived?.reason == "not-on-remote")
    }

    /// What a run killed inside git leaves (a stale `index.lock`, a half-made clone) does not
    /// break the next runs.
    @Test func aCloneLeftBrokenByAKillIsRepaired() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        let repo = try GitFixture(in: workspace.root, server: server)
        for path in Self.posts {
            try repo.write(path, Workspace.fixture("jekyll/" + (path as NSString).lastPathComponent))
        }
        try repo.commit("Posts")
        try workspace.writeConfig([
            Workspace.source(
                "numerique", kind: "jekyll", url: repo.url, extra: ["collections: [_actualites, _communiques]"])
        ])
        _ = try await workspace.harvest()
        let clone = URL(fileURLWithPath: workspace.dataDirectory.reposPath).appendingPathComponent("numerique")

        // Killed during `git reset`: the index lock stays.
        try Data().write(to: clone.appendingPathComponent(".git/index.lock"))
        try repo.write(
            Self.posts[0], Data("---\ntitle: Un billet réécrit\ndate: 2019-03-25 11:43:00 +01:00\n---\n\nTexte.\n".utf8)
        )
        try repo.commit("Rewrite one post")
        let second = try await workspace.harvest()
        let source = try #require(second.source("numerique"))
        #expect(source.status == .ok, "\(source.errors)")
        #expect(source.items.updated == 1)

        // Killed during the first clone: a directory with a `.git` that is not a repository yet,
        // inside another repository's working tree (as `demo-data/` is in ogp's): git must not
        // take that one for the clone.
        let outer = try GitFixture(at: workspace.root, server: server)
        try outer.write("notes.txt", Data("le dépôt englobant\n".utf8))
        try outer.git("add", "notes.txt")
        try outer.git(
            "-c", "user.name=OGP Tests", "-c", "user.email=tests@example.org", "commit", "--quiet", "-m", "outer")
        let outerHead = try outer.git("rev-parse", "HEAD")
        try FileManager.default.removeItem(at: clone)
        try FileManager.default.createDirectory(
            at: clone.appendingPathComponent(".git/objects"), withIntermediateDirectories: true)
        try repo.write(
            Self.posts[1],
            Data("---\ntitle: Un autre billet réécrit\ndate: 2015-07-17 17:23:00 +02:00\n---\n\nTexte.\n".utf8))
        try repo.commit("Rewrite another post")
        let third = try await workspace.harvest()
        let again = try #require(third.source("numerique"))
        #expect(again.status == .ok, "\(again.errors)")
        #expect(again.items.updated == 1)
        #expect(again.items.unchanged == Self.posts.count - 1)
        #expect(try outer.git("rev-parse", "HEAD") == outerHead)
        #expect(try outer.git("status", "--porcelain", "--untracked-files=no").isEmpty)
    }

    @Test(arguments: StoreChoice.available)
    func aBrokenPostFailsAloneWithItsFileAndLine(_ storeChoice: StoreChoice) async throws {
        let workspace = try Workspace(store: storeChoice)
        defer { workspace.remove() }
        let site = workspace.root.appendingPathComponent("site/_actualites")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        for path in Self.posts.prefix(3) {
            let name = (path as NSString).lastPathComponent
            try Workspace.fixture("jekyll/" + name).write(to: site.appendingPathComponent(name))
        }
        // Invalid YAML on line 3 of the front matter.
        try Data("---\ntitle: Un billet\ndate: [2019-03-25\n---\n\nTexte.\n".utf8)
            .write(to: site.appendingPathComponent("2019-03-25-casse.md"))
        try workspace.writeConfig([
            Workspace.source(
                "site", kind: "jekyll", url: workspace.root.appendingPathComponent("site").absoluteString,
                extra: ["collections: [_actualites]"])
        ])
        let report = try await workspace.harvest()
        let source = try #require(report.source("site"))
        #expect(source.items.added == 3)
        #expect(source.items.failed == 1)
        #expect(source.status == .itemsFailed)
        #expect(report.exitCode == ExitStatus.partial.rawValue)
        let error = try #require(source.errors.first)
        #expect(
            error.item?.contains("2019-03-25-casse.md") == true || error.url?.contains("2019-03-25-casse.md") == true)
        #expect(error.message.contains("line") || error.message.contains(":3"), "\(error.message)")
        let failed = try workspace.store().items(run: report.runID).filter { $0.outcome == .failed }
        #expect(failed.count == 1)
    }
}
