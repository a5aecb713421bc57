import CatalogCore
import Foundation

/// Entries as schema.org JSON-LD, for a cluster's website: a training is a `Course` with a
/// `CourseInstance` per session, an offering of kind event an `Event`, any other offering a
/// `Service`. A registration deadline becomes the offer's `validThrough`.
public enum JSONLDExport {
    public static func render(_ items: [ICalendarExport.Item]) throws -> Data {
        let graph: [JSONValue] = items.map(node)
        let document: JSONValue = ["@context": "https://schema.org", "@graph": .array(graph)]
        // Written into a page's <script type="application/ld+json">: no text may close that element.
        // `<` only occurs inside JSON strings, where `\u003c` means the same.
        let json = try CatalogJSON.encode(document, pretty: true)
        return Data(String(decoding: json, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c").utf8)
    }

    static func node(_ item: ICalendarExport.Item) -> JSONValue {
        let entry = item.entry
        var object: [String: JSONValue] = [
            "@id": .string("urn:clusterexchange:\(item.origin):\(entry.id)"),
            "name": .string(entry.title.preferred() ?? entry.id),
            "provider": ["@type": "Organization", "name": .string(entry.organizer ?? item.organizerName)],
        ]
        object.set("description", (entry.summary?.preferred() ?? entry.description?.preferred()).map(JSONValue.string))
        object.set("url", entry.url.map(JSONValue.string))
        if !entry.languages.isEmpty { object["inLanguage"] = .array(entry.languages.map(JSONValue.string)) }
        if !entry.keywords.isEmpty { object["keywords"] = .string(entry.keywords.joined(separator: ", ")) }
        let topics = entry.topics.map { JSONValue.string(Vocabularies.topics.term($0)?.en ?? $0) }
        if !topics.isEmpty { object["about"] = .array(topics) }
        if !entry.regions.isEmpty {
            object["areaServed"] = .array(entry.regions.map { .string(Vocabularies.regions.term($0)?.de ?? $0) })
        }
        switch entry.type {
        case .training:
            object["@type"] = "Course"
            object.set("offers", offer(entry.price, validThrough: nil, url: entry.registrationUrl))
            object["hasCourseInstance"] = .array(entry.sessions.map { instance($0, entry: entry) })
            object.set("educationalLevel", entry.level.map { .string($0.rawValue) })
            object.set("timeRequired", entry.durationHours.map { .string("PT\(Int(($0 * 60).rounded()))M") })
            object.set("educationalCredentialAwarded", entry.certificate.map(JSONValue.string))
        case .offering where entry.kind == "event":
            object["@type"] = "Event"
            object.set("startDate", entry.validFrom.map { .string($0.text) })
            object.set("endDate", (entry.validUntil ?? entry.validFrom).map { .string($0.text) })
            object.set("offers", offer(entry.price, validThrough: nil, url: entry.url))
        case .offering:
            object["@type"] = "Service"
            object.set("serviceType", entry.kind.map { .string(Vocabularies.kinds.term($0)?.en ?? $0) })
            object.set("offers", offer(entry.price, validThrough: entry.validUntil?.text, url: entry.url))
        }
        return .object(object)
    }

    static func instance(_ session: Session, entry: Entry) -> JSONValue {
        var object: [String: JSONValue] = [
            "@type": "CourseInstance",
            "courseMode": .string(session.mode == .hybrid ? "blended" : session.mode.rawValue),
            "startDate": .string(BerlinTime.iso(session.start.instant)),
            "endDate": .string(BerlinTime.iso(session.end.instant)),
            "eventAttendanceMode": .string(
                "https://schema.org/"
                    + [
                        "onsite": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
                        "hybrid": "MixedEventAttendanceMode",
                    ][session.mode.rawValue, default: "MixedEventAttendanceMode"]),
            "eventStatus": .string("https://schema.org/" + (session.isCancelled ? "EventCancelled" : "EventScheduled")),
        ]
        var locations: [JSONValue] = []
        if let location = session.location {
            var address: [String: JSONValue] = [
                "@type": "PostalAddress", "addressLocality": .string(location.city),
                "addressCountry": .string(location.country ?? "DE"),
            ]
            address.set("streetAddress", location.street.map(JSONValue.string))
            address.set("postalCode", location.postalCode.map(JSONValue.string))
            address.set("addressRegion", location.region.map(JSONValue.string))
            var place: [String: JSONValue] = ["@type": "Place", "address": .object(address)]
            place.set("name", location.name.map(JSONValue.string))
            locations.append(.object(place))
        }
        if let online = session.onlineUrl { locations.append(["@type": "VirtualLocation", "url": .string(online)]) }
        if locations.count == 1 {
            object["location"] = locations[0]
        } else if !locations.isEmpty {
            object["location"] = .array(locations)
        }
        object.set("inLanguage", session.language.map(JSONValue.string))
        if let seats = session.seats { object["maximumAttendeeCapacity"] = .number(Double(seats)) }
        object.set(
            "offers",
            offer(
                entry.price, validThrough: session.registrationDeadline?.text, url: entry.registrationUrl ?? entry.url))
        return .object(object)
    }

    static func offer(_ price: Price?, validThrough: String?, url: String?) -> JSONValue? {
        guard price != nil || validThrough != nil else { return nil }
        var offer: [String: JSONValue] = ["@type": "Offer"]
        if let price {
            offer["price"] = .string(price.isFree ? "0" : price.amount ?? "0")
            offer["priceCurrency"] = .string(price.currency ?? "EUR")
        }
        offer.set("validThrough", validThrough.map(JSONValue.string))
        offer.set("url", url.map(JSONValue.string))
        return .object(offer)
    }
}
