import Foundation
import OGPModel
import Testing

@testable import OGPParse

@Suite("DCATDecoder")
struct DCATDecoderTests {
    static func page(_ name: String, url: String, type: String? = nil) throws -> CatalogPage {
        DCATDecoder.decodePage(
            try CatalogFixtures.data(name), contentType: type, context: CatalogFixtures.context("dcat", url: url))
    }

    @Test func dataGouvRDFXMLWithHydraAndSeparateNodes() throws {
        let url =
            "https://www.data.gouv.fr/api/1/organizations/54884a24c751df7226a3fc16/catalog.rdf?page=1&page_size=100"
        let page = try Self.page("datagouv-catalog.rdf.xml", url: url, type: "application/rdf+xml")
        #expect(page.failure == nil)
        #expect(page.total == 2)
        #expect(page.nextPage == nil)  // first == last
        #expect(page.datasets.count == 2)
        let d = try #require(page.datasets.first { $0.title == "Bureaux de vote - Vanves" })
        #expect(
            d.id.rawValue
                == "dataset:uri:https://vanves-seineouest.opendatasoft.com/explore/dataset/bureau-de-vote-vanves")
        #expect(d.url == "https://vanves-seineouest.opendatasoft.com/explore/dataset/bureau-de-vote-vanves/")
        #expect(d.tags == ["administration-finances-publiques", "bureaux-de-vote", "elections"])
        #expect(d.dates.published == "2019-04-19T12:21:56Z")
        let dists = try #require(d.dataset?.distributions)
        #expect(dists.count == 4)
        let csv = try #require(dists.first { $0.format == "csv" })
        // The download URL is preferred over the access URL.
        #expect(
            csv.url
                == "https://vanves-seineouest.opendatasoft.com/api/explore/v2.1/catalog/datasets/bureau-de-vote-vanves/exports/csv?use_labels=true"
        )
        #expect(csv.mimeType == "text/csv")
        #expect(d.dataset?.licenseLabel == "License Not Specified")
        #expect(d.dataset?.license == "notspecified")
    }

    @Test func openDataSoftExportNestedWithCDATA() throws {
        let url = "https://data.capatlantique.fr/api/explore/v2.1/catalog/exports/dcat/"
        let page = try Self.page("ods-capatlantique-dcat.rdf.xml", url: url)
        #expect(page.failure == nil)
        #expect(page.datasets.count == 1)
        let d = try #require(page.datasets.first { $0.url?.contains("264400516_arretes_ccas_guerande") == true })
        #expect(d.body?.hasPrefix("Actes réglementaires pris par le CCAS de la Commune de Guérande.") == true)
        #expect(d.dataset?.license == "lov2")
        #expect(CatalogFixtures.organisations(page).contains { $0.title == "CCAS Guérande" })
        #expect(d.dataset?.distributions.isEmpty == false)
    }

    @Test func geoNetworkDCATAPFrenchLiteralsAndBlankNodes() throws {
        let page = try Self.page(
            "udata--datara--5a26b0f6-0ccf-46ad-ac58-734054b91977.rdf.xml",
            url: "https://catalogue.open-datara.fr/geonetwork/srv/api/records/5a26b0f6")
        #expect(page.failure == nil)
        let d = try #require(page.datasets.first)
        #expect(d.title == "Campings issus de la BDTopo de Auvergne Rhône-Alpes")
        #expect(d.tags.contains("RHONE ALPES"))
        #expect(d.themes.contains("Gestion des crises et des risques"))
        #expect(d.dataset?.distributions.isEmpty == false)
    }

    @Test func dcatAPdeChecksumsAndTranslations() throws {
        let page = try Self.page(
            "ckanext-dcat--dataset_gov_de.rdf", url: "https://www.govdata.de/ckan/catalog/catalog.rdf")
        #expect(page.failure == nil)
        let d = try #require(page.datasets.first)
        #expect(d.title == "Liefer- und Abholservices (Gastronomie)")
        #expect(d.tags.contains("ökonomie"))
        let sums = d.dataset?.distributions.compactMap(\.checksum) ?? []
        #expect(sums.contains("sha256:1d5a3926327046c8fcd75652c6e44d3c74004c6727939f33fb05e16e324df241"))
    }

    @Test func turtleRealPortals() throws {
        let es = try Self.page(
            "ckanext-dcat--dataset_gob_es.ttl", url: "https://datos.gob.es/catalogo.ttl", type: "text/turtle")
        #expect(es.failure == nil)
        let d = try #require(es.datasets.first)
        #expect(
            d.title
                == "Estudio de Satisfacción con el Programa de Escuelas Municipales de Promoción Deportiva en centros escolares"
        )
        #expect(d.extras["identifier"] == "https://datos.madrid.es/egob/catalogo/300676-0-deporte-encuesta-escuelas")
        #expect(d.dataset?.distributions.first?.title == "Estudio de satisfacción temporada 2023-2024")
        let deri = try Self.page("ckanext-dcat--dataset_deri.ttl", url: "http://data.london.gov.uk/dataset.ttl")
        #expect(deri.failure == nil)
        #expect(deri.datasets.first?.dataset?.frequency == "annual")  // literal "Annual"
    }

    @Test func jsonLDHydraPaging() throws {
        let one = try Self.page(
            "udata--paged-collection-1.jsonld", url: "http://data.test.org/catalog.jsonld?page=1",
            type: "application/ld+json")
        #expect(one.failure == nil)
        #expect(one.nextPage == "http://data.test.org/catalog.jsonld?page=2")
        #expect(one.total == 4)
        #expect(one.datasets.count == 3)
        let two = try Self.page("udata--paged-collection-2.jsonld", url: "http://data.test.org/catalog.jsonld?page=2")
        #expect(two.nextPage == nil)
        #expect(two.datasets.count == 1)
        #expect(Set(one.datasets.map(\.id)).isDisjoint(with: two.datasets.map(\.id)))
    }

    @Test func jsonLDCompactedWithoutRemoteContext() throws {
        let json = #"""
            {"@context": ["https://www.w3.org/ns/dcat3.jsonld", {"titre": {"@id": "dct:title", "@container": "@language"}}],
             "@graph": [{"@id": "https://portail.example.fr/ds/1", "@type": "dcat:Dataset",
               "titre": {"en": "Bike racks", "fr": "Stationnements vélo"},
               "dcat:keyword": ["vélo", "mobilité"], "dct:identifier": "ds-1",
               "dcat:distribution": {"@type": "dcat:Distribution", "dcat:downloadURL": {"@id": "https://portail.example.fr/ds/1.csv"}, "dct:format": "CSV"},
               "dct:publisher": {"@id": "https://portail.example.fr/org/ville", "foaf:name": "Ville"}},
              {"@type": "hydra:PartialCollectionView", "hydra:next": "https://portail.example.fr/catalog?page=2"}]}
            """#
        let page = DCATDecoder.decodePage(
            Data(json.utf8), contentType: "application/ld+json",
            context: CatalogFixtures.context("dcat", url: "https://portail.example.fr/catalog"))
        #expect(page.failure == nil)
        let d = try #require(page.datasets.first)
        #expect(d.title == "Stationnements vélo")
        #expect(d.translations["en"]?.title == "Bike racks")
        #expect(d.tags == ["vélo", "mobilité"])
        #expect(d.dataset?.distributions.first?.url == "https://portail.example.fr/ds/1.csv")
        #expect(d.dataset?.distributions.first?.format == "csv")
        #expect(CatalogFixtures.organisations(page).first?.title == "Ville")
        #expect(page.nextPage == "https://portail.example.fr/catalog?page=2")
    }

    @Test func multilingualFrenchFirstThenUntaggedThenEnglish() {
        let pick = RDFGraph.pick([
            .literal("Title", language: "en", datatype: nil), .literal("Titel", language: "de", datatype: nil),
            .literal("Sans langue", language: nil, datatype: nil),
        ])
        #expect(pick.text == "Sans langue")
        #expect(pick.translations == ["en": "Title", "de": "Titel"])
        #expect(
            RDFGraph.pick([
                .literal("Title", language: "en", datatype: nil), .literal("Titre", language: "fr-FR", datatype: nil),
            ]).text == "Titre")
    }

    @Test func dcatUSDataJSON() throws {
        let page = try Self.page(
            "arcgis-evian-data.json", url: "https://ville-d-evian-opendata-ville-evian.hub.arcgis.com/data.json",
            type: "application/json")
        #expect(page.failure == nil)
        let d = try #require(page.datasets.first)
        #expect(d.title == "stationnement velos")
        #expect(d.body == "Emplacement et description des stationnement vélos à Evian-les-Bains")
        #expect(
            d.url == "https://ville-d-evian-opendata-ville-evian.hub.arcgis.com/maps/f6565516d1354383b25793e630cf3f2b_5"
        )
        #expect(
            d.dataset?.uri == "https://www.arcgis.com/home/item.html?id=f6565516d1354383b25793e630cf3f2b&sublayer=5")
        #expect(d.dates.modified == "2022-07-29T11:29:07Z")
        #expect(CatalogFixtures.organisations(page).first?.title == "Ville d'Evian-les-Bains")
        #expect(d.dataset?.distributions.isEmpty == false)
    }

    @Test func brokenXMLKeepsWhatWasReadAndNamesTheLine() {
        let xml = """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">
              <dcat:Dataset rdf:about="https://p.example.fr/a"><dct:title>A</dct:title></dcat:Dataset>
              <dcat:Dataset rdf:nodeID="n1"><dct:title>no identity</dct:title></dcat:Dataset>
              <dcat:Dataset rdf:about="https://p.example.fr/b"><dct:title>B</dct:title>
            </rdf:RDF
            """
        let page = DCATDecoder.decodePage(
            Data(xml.utf8), context: CatalogFixtures.context("dcat", url: "https://p.example.fr/catalog.rdf"))
        #expect(page.failure != nil)
        #expect(page.failure?.line != nil)
        #expect(page.datasets.map(\.title).contains("A"))
        #expect(page.failures.contains { $0.code == "missing-id" })
    }

    @Test func eagerStreamingDropsBuiltDatasets() throws {
        // 2,000 datasets, each with a nested distribution: the eager assembler never holds many.
        var xml =
            #"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">"#
        for i in 0..<2000 {
            xml +=
                #"<dcat:Dataset rdf:about="https://p.example.fr/d/\#(i)"><dct:title>D\#(i)</dct:title><dcat:distribution><dcat:Distribution><dcat:downloadURL rdf:resource="https://p.example.fr/f/\#(i).csv"/></dcat:Distribution></dcat:distribution></dcat:Dataset>"#
        }
        // A relative hydra:next resolves against the page's URL, not the file's path.
        xml +=
            #"<rdf:Description rdf:about="catalog.rdf?page=1"><hydra:next xmlns:hydra="http://www.w3.org/ns/hydra/core#" rdf:resource="catalog.rdf?page=2"/></rdf:Description>"#
        xml += "</rdf:RDF>"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ogp-dcat-\(UUID().uuidString).rdf")
            .path
        try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var count = 0
        var urls = Set<String>()
        let page = try DCATDecoder.decodeFile(
            path: path, context: CatalogFixtures.context("dcat", url: "https://p.example.fr/catalog.rdf"), eager: true
        ) { item in
            guard case .parsed(_, let records) = item else { return }
            count += 1
            urls.formUnion(records.first?.dataset?.distributions.map(\.url) ?? [])
        }
        #expect(page.failure == nil)
        #expect(count == 2000)
        #expect(urls.count == 2000)
        #expect(page.nextPage == "https://p.example.fr/catalog.rdf?page=2")
    }
}

@Suite("DCATDecoder streaming")
struct DCATStreamingTests {
    /// The eager (file) path gives the same datasets as the in-memory one.
    @Test(arguments: ["ods-capatlantique-dcat.rdf.xml", "datagouv-catalog.rdf.xml", "ckanext-dcat--dataset_gov_de.rdf"])
    func fileAndMemoryAgree(_ name: String) throws {
        let ctx = CatalogFixtures.context("dcat", url: "https://p.example.fr/catalog.rdf")
        let memory = DCATDecoder.decodePage(try CatalogFixtures.data(name), context: ctx)
        var streamed: [ItemResult] = []
        let page = try DCATDecoder.decodeFile(
            path: CatalogFixtures.directory.appendingPathComponent(name).path, context: ctx, eager: true
        ) {
            streamed.append($0)
        }
        #expect(page.failure == nil)
        #expect(streamed.count == memory.items.count)
        let a = Dictionary(memory.datasets.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        for case .parsed(_, let records) in streamed {
            guard let d = records.first else { continue }
            #expect(d.dataset?.distributions == a[d.id]?.dataset?.distributions, "\(d.id)")
            #expect(d.title == a[d.id]?.title)
        }
    }

    /// A dataset without a landing page links to its own http(s) IRI (before: no link at all,
    /// so `ogp show`, search hits and the web page had nothing to follow); a blank node does not.
    @Test func anHTTPIRIIsTheAddressWhenThereIsNoLandingPage() throws {
        let turtle = """
            @prefix dcat: <http://www.w3.org/ns/dcat#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            <https://data.exemple.fr/catalogue> a dcat:Catalog ;
                dcat:dataset <https://data.exemple.fr/jdd/budget>, [ a dcat:Dataset ; dct:identifier "sans-iri" ; dct:title "Sans IRI" ] .
            <https://data.exemple.fr/jdd/budget> a dcat:Dataset ; dct:title "Budget primitif 2024"@fr .
            """
        let page = DCATDecoder.decodePage(
            Data(turtle.utf8), contentType: "text/turtle",
            context: CatalogFixtures.context("dcat", url: "https://data.exemple.fr/catalogue.ttl"))
        #expect(page.failure == nil)
        #expect(page.datasets.first { $0.title == "Budget primitif 2024" }?.url == "https://data.exemple.fr/jdd/budget")
        #expect(page.datasets.first { $0.title == "Sans IRI" }.map { $0.url == nil } == true)
    }

    /// The fuzz target's finding: a Turtle prefixed name ending with a lone backslash read one byte
    /// past the end (a trap). Each input is now a clean failure or an empty page.
    @Test(arguments: ["\\\\", "\\", "ex:a\\", "<s> <p> ex:\\"])
    func aBackslashAtTheEndIsNoCrash(_ text: String) {
        let page = DCATDecoder.decodePage(
            Data(text.utf8), contentType: "text/turtle",
            context: CatalogFixtures.context("dcat", url: "https://data.exemple.fr/catalogue.ttl"))
        #expect(page.datasets.isEmpty)
    }
}
