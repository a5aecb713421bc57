import CatalogCore
import CatalogNode
import CatalogStore
import Foundation

/// The node's catalog described in DCAT-AP 3.0 as JSON-LD, for open-data portals to harvest: a
/// `dcat:Catalog` published by the node, with one `dcat:Dataset` per origin whose public entries
/// it holds (its publisher, region, themes, keywords, modification date), and for each the ways to
/// get it: the search API, iCalendar, Atom and schema.org JSON-LD for that origin, and the node's
/// signed change feed. Only federated entries count; local ones are never described.
public enum DCATExport {
    static let context: JSONValue = [
        "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/", "xsd": "http://www.w3.org/2001/XMLSchema#",
    ]
    static let authority = "http://publications.europa.eu/resource/authority/"

    /// - Parameter base: the address the node is reached at (`https://host:port`).
    public static func render(node: Node, base: String, now: Date = Date()) async throws -> Data {
        let facts = try await node.store.datasetFacts()
        let origins = try await OriginDirectory(node: node, now: now)
        let datasets: [JSONValue] = facts.filter { $0.live > 0 }.map { fact in
            dataset(fact, info: origins.info(fact.origin), base: base, licence: node.config.dataLicence)
        }
        let modified = facts.compactMap(\.modified).max() ?? Timestamp.format(now)
        let name = node.config.displayName
        let catalog: JSONValue = [
            "@context": context,
            "@id": .string("\(base)/dcat.jsonld"),
            "@type": "dcat:Catalog",
            "dct:title": [
                text("Katalog der Angebote und Weiterbildungen: \(name)", "de"),
                text("Catalog of offerings and trainings: \(name)", "en"),
            ],
            "dct:description": [
                text(
                    "Angebote (Veranstaltungen, Studien, Partnersuchen, Dienstleistungen) und Weiterbildungen der "
                        + "Clusterorganisationen, die \(name) führt: signiert von ihrer Herkunft, über das "
                        + "Cluster-Exchange-Protokoll abgeglichen.", "de"),
                text(
                    "Offerings (events, studies, partner searches, services) and trainings of the cluster "
                        + "organizations \(name) holds: signed by their origin, synced over the Cluster Exchange "
                        + "protocol.", "en"),
            ],
            "dct:publisher": agent(node.origin, name: name, base: base),
            "dct:modified": dateTime(modified),
            "dct:language": [
                .object(["@id": .string(authority + "language/DEU")]),
                .object(["@id": .string(authority + "language/ENG")]),
            ],
            "dct:license": .object(["@id": .string(node.config.dataLicence)]),
            "dct:spatial": spatial(node.config.region),
            "dcat:themeTaxonomy": .object(["@id": .string(authority + "data-theme")]),
            "foaf:homepage": .object(["@id": .string("\(base)/")]),
            "dcat:dataset": .array(datasets),
        ]
        var data = try CatalogJSON.encode(catalog, pretty: true)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    static func dataset(_ fact: OriginDatasetFacts, info: OriginDirectory.Info, base: String, licence: String)
        -> JSONValue
    {
        let origin = fact.origin
        let landing = "\(base)/origins/\(origin)"
        let keywords = fact.topics.prefix(12).compactMap { Vocabularies.topics.term($0.value) }
        var object: [String: JSONValue] = [
            "@id": .string(landing),
            "@type": "dcat:Dataset",
            "dct:identifier": .string(origin),
            "dct:title": [
                text("Angebote und Weiterbildungen: \(info.displayName)", "de"),
                text("Offerings and trainings: \(info.displayName)", "en"),
            ],
            "dct:description": [
                text("\(fact.live) öffentliche Einträge von \(info.displayName), signiert von ihrer Herkunft.", "de"),
                text("\(fact.live) public entries of \(info.displayName), signed by their origin.", "en"),
            ],
            "dct:publisher": agent(origin, name: info.displayName, base: base),
            // Economy and education: what cluster offerings and trainings are, in the EU's themes.
            "dcat:theme": [
                .object(["@id": .string(authority + "data-theme/ECON")]),
                .object(["@id": .string(authority + "data-theme/EDUC")]),
            ],
            "dcat:keyword": .array(keywords.flatMap { [text($0.de, "de"), text($0.en, "en")] }),
            "dcat:landingPage": .object(["@id": .string(landing)]),
            "dcat:distribution": .array(distributions(origin: origin, base: base, licence: licence)),
        ]
        object.set("dct:spatial", info.region.isEmpty ? nil : spatial(info.region))
        object.set("dct:modified", fact.modified.map(dateTime))
        return .object(object)
    }

    static func distributions(origin: String, base: String, licence: String) -> [JSONValue] {
        let ways: [(path: String, title: String, media: String, format: String, download: Bool)] = [
            ("/v1/search?origin=\(origin)", "Search API (JSON)", "application/json", "JSON", false),
            ("/calendar.ics?origin=\(origin)", "Trainings as iCalendar", "text/calendar", "ICS", true),
            ("/feed.atom?origin=\(origin)", "New and changed entries as Atom", "application/atom+xml", "ATOM", true),
            ("/catalog.jsonld?origin=\(origin)", "schema.org JSON-LD", "application/ld+json", "JSON_LD", true),
            (
                "/origins/\(origin)/catalog.csv", "Catalog as CSV, one row per session (docs/CSV.md's columns)",
                "text/csv", "CSV", true
            ),
            (
                "/v1/changes", "Signed change feed of this node (all origins, NDJSON)", "application/x-ndjson",
                "JSON", false
            ),
        ]
        return ways.map { way in
            var object: [String: JSONValue] = [
                "@id": .string("\(base)\(way.path)#distribution"),
                "@type": "dcat:Distribution",
                "dct:title": .string(way.title),
                "dcat:accessURL": .object(["@id": .string(base + way.path)]),
                "dcat:mediaType": .object(["@id": .string("https://www.iana.org/assignments/media-types/\(way.media)")]
                ),
                "dct:format": .object(["@id": .string(authority + "file-type/\(way.format)")]),
                "dct:license": .object(["@id": .string(licence)]),
            ]
            if way.download { object["dcat:downloadURL"] = .object(["@id": .string(base + way.path)]) }
            return .object(object)
        }
    }

    static func agent(_ origin: String, name: String, base: String) -> JSONValue {
        [
            "@id": .string("\(base)/origins/\(origin)#publisher"), "@type": "foaf:Agent",
            "foaf:name": .string(name),
        ]
    }

    static func text(_ value: String, _ language: String) -> JSONValue {
        ["@value": .string(value), "@language": .string(language)]
    }

    static func dateTime(_ value: String) -> JSONValue {
        ["@value": .string(value), "@type": "xsd:dateTime"]
    }

    /// A state as its NUTS 1 region, Germany as the EU's country code.
    static func spatial(_ region: String) -> JSONValue {
        guard let nuts = nuts[region] else { return .object(["@id": .string(authority + "country/DEU")]) }
        return .object(["@id": .string("http://data.europa.eu/nuts/code/\(nuts)")])
    }

    static let nuts = [
        "DE-BW": "DE1", "DE-BY": "DE2", "DE-BE": "DE3", "DE-BB": "DE4", "DE-HB": "DE5", "DE-HH": "DE6",
        "DE-HE": "DE7", "DE-MV": "DE8", "DE-NI": "DE9", "DE-NW": "DEA", "DE-RP": "DEB", "DE-SL": "DEC",
        "DE-SN": "DED", "DE-ST": "DEE", "DE-SH": "DEF", "DE-TH": "DEG",
    ]
}
