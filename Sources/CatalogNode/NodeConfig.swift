import CatalogCore
import Foundation
import Yams

/// The node's configuration, read from `config.yaml` in its data directory. `init` writes the file
/// with every key documented (see `NodeConfig.yaml`).
public struct NodeConfig: Codable, Sendable, Equatable {
    /// The origin name: a slug naming the node in the federation and in every signature it makes.
    public var name: String
    /// How people see the node, e.g. "MedicalMountains".
    public var displayName: String
    public var level: NodeLevel
    /// ISO 3166-2 code of the node's state, or `DE` for the national node.
    public var region: String
    /// Host names the TLS certificate covers besides 127.0.0.1 and ::1.
    public var hosts: [String]
    /// The TCP port `serve` listens on. Default 8443.
    public var port: Int
    /// How many days a signed head stays valid. Default 30.
    public var headValidityDays: Int
    /// How often `serve` pulls from each peer, in seconds. Default 300.
    public var syncIntervalSeconds: Int
    /// Web origins (`https://www.example.de`) whose pages may frame the embeddable list (`/embed`)
    /// and read `GET /v1/search` from a browser (CORS). Default: none.
    public var embedOrigins: [String]
    /// The licence the node's open-data description (`/dcat.jsonld`) states for the catalog, as an
    /// IRI. Default: Creative Commons BY 4.0 in the EU's licence vocabulary.
    public var dataLicence: String
    /// The office's locale: with `de`, every CSV the node writes (exports, overview tables) is in
    /// German Excel's form unless asked otherwise. Default `en`.
    public var locale: OfficeLocale

    public static let defaultDataLicence = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"

    public static let defaultPort = 8443
    public static let defaultHeadValidityDays = 30
    public static let defaultSyncIntervalSeconds = 300

    public init(
        name: String, displayName: String, level: NodeLevel, region: String, hosts: [String] = [],
        port: Int = defaultPort, headValidityDays: Int = defaultHeadValidityDays,
        syncIntervalSeconds: Int = defaultSyncIntervalSeconds, embedOrigins: [String] = [],
        dataLicence: String = defaultDataLicence, locale: OfficeLocale = .en
    ) {
        self.name = name
        self.displayName = displayName
        self.level = level
        self.region = region
        self.hosts = hosts
        self.port = port
        self.headValidityDays = headValidityDays
        self.syncIntervalSeconds = syncIntervalSeconds
        self.embedOrigins = embedOrigins
        self.dataLicence = dataLicence
        self.locale = locale
    }

    enum CodingKeys: String, CodingKey {
        case name, displayName, level, region, hosts, port, headValidityDays, syncIntervalSeconds, embedOrigins
        case dataLicence, locale
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        displayName = try c.decode(String.self, forKey: .displayName)
        level = try c.decode(NodeLevel.self, forKey: .level)
        region = try c.decode(String.self, forKey: .region)
        hosts = try c.decodeIfPresent([String].self, forKey: .hosts) ?? []
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? Self.defaultPort
        headValidityDays = try c.decodeIfPresent(Int.self, forKey: .headValidityDays) ?? Self.defaultHeadValidityDays
        syncIntervalSeconds =
            try c.decodeIfPresent(Int.self, forKey: .syncIntervalSeconds) ?? Self.defaultSyncIntervalSeconds
        embedOrigins = try c.decodeIfPresent([String].self, forKey: .embedOrigins) ?? []
        dataLicence = try c.decodeIfPresent(String.self, forKey: .dataLicence) ?? Self.defaultDataLicence
        locale = try c.decodeIfPresent(OfficeLocale.self, forKey: .locale) ?? .en
    }

    /// Every rule the values break, as one-line reasons naming the setting.
    public func problems() -> [String] {
        var problems: [String] = []
        if !Slug.isValidOrigin(name) {
            problems.append(
                "name '\(name)' must be a slug: a lowercase letter, then lowercase letters, digits or inner hyphens, at most \(Slug.maxOriginLength)"
            )
        }
        if displayName.trimmingCharacters(in: .whitespaces).isEmpty || displayName.count > 200 {
            problems.append("display name must have 1 to 200 characters")
        }
        if !Vocabularies.regions.contains(region) {
            problems.append("region '\(region)' is not a German state code (DE-BW, DE-BY, ...) or DE")
        }
        for host in hosts where !Self.isHostName(host) {
            problems.append("host '\(host)' is not a DNS name")
        }
        if !(1...65535).contains(port) { problems.append("port \(port) is not between 1 and 65535") }
        if !(1...365).contains(headValidityDays) { problems.append("headValidityDays must be 1 to 365") }
        if !(1...86_400).contains(syncIntervalSeconds) {
            problems.append("syncIntervalSeconds must be 1 to 86400")
        }
        if embedOrigins.count > 20 { problems.append("embedOrigins may list at most 20 origins") }
        for origin in embedOrigins where !Self.isWebOrigin(origin) {
            problems.append(
                "embedOrigins entry '\(SafeText.excerpt(origin, limit: 80))' is not a web origin such as https://www.example.de (scheme and host, an optional port, no path)"
            )
        }
        if !Self.isLinkIRI(dataLicence) {
            problems.append(
                "dataLicence '\(SafeText.excerpt(dataLicence, limit: 80))' is not an http or https address")
        }
        return problems
    }

    /// An http(s) address without spaces, quotes or angle brackets, at most 500 characters.
    static func isLinkIRI(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && text.count <= 500
            && !text.unicodeScalars.contains { $0.value <= 0x20 || "\"<>\\`{}|^".unicodeScalars.contains($0) }
    }

    /// `https://host` or `http://host`, with an optional port, and nothing else: what a browser
    /// sends as `Origin` and what a Content-Security-Policy source may name.
    static func isWebOrigin(_ text: String) -> Bool {
        let rest: Substring
        if text.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if text.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let host = parts.first, isHostName(String(host)) else { return false }
        if parts.count == 2 {
            guard let port = Int(parts[1]), (1...65535).contains(port), parts[1].allSatisfy(\.isNumber) else {
                return false
            }
        }
        return true
    }

    static func isHostName(_ host: String) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return !host.isEmpty && host.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }

    /// Reads and checks `config.yaml`.
    public static func load(from url: URL) throws -> NodeConfig {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CatalogError(.configuration, "cannot read \(url.path): \(error.localizedDescription)")
        }
        let config: NodeConfig
        do {
            config = try YAMLDecoder().decode(NodeConfig.self, from: text)
        } catch {
            throw CatalogError(.configuration, "\(url.path): \(DecodingErrorText.describe(error))")
        }
        if let problem = config.problems().first {
            throw CatalogError(.configuration, "\(url.path): \(problem)")
        }
        return config
    }

    /// The file `init` writes: the values with a comment on every key.
    public var yaml: String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return """
            # clusternode configuration. Read at every start; each key says its default.

            # The origin name: names this node in the federation and in every signature it makes.
            # Fixed at init: a new name would orphan the signed catalog. Required.
            name: \(name)

            # How people see the node. Required.
            displayName: \(quoted(displayName))

            # cluster, agency or national. Agencies and the national node may endorse other nodes.
            # Required.
            level: \(level.rawValue)

            # ISO 3166-2 code of the node's state (DE-BW, DE-BY, ...), or DE for the national node.
            # Required.
            region: \(region)

            # Host names the TLS certificate in tls/cert.pem was made for; 127.0.0.1 and ::1 are
            # always included. Changing this list does not remake the certificate. Default: [].
            hosts: [\(hosts.map(quoted).joined(separator: ", "))]

            # The TCP port `clusternode serve` listens on (its --port overrides it). Default: \(Self.defaultPort).
            port: \(port)

            # How many days a signed head stays valid. Peers report a catalog whose head has
            # expired as stale. Default: \(Self.defaultHeadValidityDays).
            headValidityDays: \(headValidityDays)

            # How often `clusternode serve` pulls from each peer, in seconds. A peer that fails is
            # retried with a growing delay, up to an hour. Default: \(Self.defaultSyncIntervalSeconds).
            syncIntervalSeconds: \(syncIntervalSeconds)

            # Web origins whose pages may show the catalog's embeddable list (/embed) in an iframe
            # and call GET /v1/search from a browser, e.g. ["https://www.medicalmountains.de"].
            # Every other site gets frame-ancestors 'none'. Default: [].
            embedOrigins: [\(embedOrigins.map(quoted).joined(separator: ", "))]

            # The licence /dcat.jsonld states for this catalog, as an address (IRI), for
            # open-data portals that harvest it. Default: \(Self.defaultDataLicence) (CC BY 4.0).
            dataLicence: \(quoted(dataLicence))

            # de or en. With de, the CSV files the node writes (export --format csv, overview
            # --format csv) are in the form German Excel opens: semicolons, UTF-8 with a byte
            # order mark, decimal commas (--standard-csv asks for the other form). Default: en.
            locale: \(locale.rawValue)

            """
    }
}
