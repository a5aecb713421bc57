import CatalogCore
import CatalogImport
import CatalogNode
import CatalogStore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogReports

@Suite("Calendar, schema.org and catalog exports", .serialized, .timeLimit(.minutes(10)))
struct ExportTests {
    /// A node with a training whose texts need escaping and folding, a cancelled session, a
    /// summer and a winter session, an online session, and an event.
    func node() async throws -> TestNode {
        let test = try await TestNode.make()
        var training = Fixtures.training(id: "gmp-grundlagen")
        training.title = LocalizedText(["de": "GMP; Grundlagen, Praxis \\ Übungen für Einsteigerinnen und Einsteiger"])
        training.summary = LocalizedText([
            "de": String(
                repeating: "Gute Herstellungspraxis für Medizinprodukte: Anforderungen, Dokumentation, Audits. ",
                count: 3)
        ])
        training.contact = Contact(email: "akademie@cluster.example")
        training.sessions = [
            Session(
                id: "winter", start: CatalogDateTime("2027-01-20T09:00")!, end: CatalogDateTime("2027-01-20T17:00")!,
                mode: .onsite,
                location: Location(
                    name: "Haus A", street: "Hauptstraße 1", postalCode: "78532", city: "Tuttlingen", region: "DE-BW")),
            Session(
                id: "sommer", start: CatalogDateTime("2027-07-14T09:00")!, end: CatalogDateTime("2027-07-14T12:30")!,
                mode: .online,
                onlineUrl: "https://meet.cluster.example/gmp"),
            Session(
                id: "abgesagt", start: CatalogDateTime("2027-09-01T09:00")!, end: CatalogDateTime("2027-09-01T17:00")!,
                mode: .hybrid, location: Location(city: "Ulm", region: "DE-BW"), status: .cancelled),
        ]
        try await test.node.put([
            training, Fixtures.offering(id: "forum", kind: "event"), Fixtures.offering(id: "studie", kind: "study"),
        ])
        return test
    }

    struct ReadEvent: Decodable {
        let uid: String
        let sequence: Int
        let summary: String
        let description: String
        let start: String
        let tzid: String
        let utcoffset: Double?
        let status: String
        let location: String
        let organizer: String
        let conference: String
        let properties: [String]
    }

    @Test("every session becomes an event that the Python icalendar package reads back exactly")
    func icalendar() async throws {
        let test = try await node()
        defer { test.remove() }
        let ics = try await Exporter.export(node: test.node, format: .ics, filter: ExportFilter(type: .training)).data
        let text = String(decoding: ics, as: UTF8.self)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 75 })
        let file = try test.directory.write("export.ics", text)
        try Tool.requirePython(module: "icalendar")
        let read = try Shell.run(
            "python3", [Fixtures.repositoryRoot.appendingPathComponent("scripts/ics-read.py").path, file.path])
        #expect(read.status == 0, "\(read.stderr)")
        let lines = read.stdout.split(separator: "\n").dropFirst()
        let events = try lines.map { try JSONDecoder().decode(ReadEvent.self, from: Data($0.utf8)) }
        #expect(events.count == 3)
        #expect(Set(events.map(\.uid)).count == 3)
        let winter = try #require(events.first { $0.uid == "medicalmountains.gmp-grundlagen.winter@clusterexchange" })
        #expect(
            winter.start == "2027-01-20T09:00:00+01:00" && winter.tzid == "Europe/Berlin" && winter.utcoffset == 3600)
        #expect(winter.summary == "GMP; Grundlagen, Praxis \\ Übungen für Einsteigerinnen und Einsteiger")
        #expect(winter.description.hasPrefix("Gute Herstellungspraxis") && winter.description.count > 200)
        #expect(winter.location == "Haus A, Hauptstraße 1, 78532 Tuttlingen")
        #expect(winter.organizer == "mailto:akademie@cluster.example" && winter.status == "CONFIRMED")
        let summer = try #require(events.first { $0.uid.contains(".sommer@") })
        #expect(summer.start == "2027-07-14T09:00:00+02:00" && summer.utcoffset == 7200)
        #expect(summer.conference == "https://meet.cluster.example/gmp")
        #expect(events.first { $0.uid.contains(".abgesagt@") }?.status == "CANCELLED")
        let seq = try #require(try await test.node.store.entry(origin: "medicalmountains", id: "gmp-grundlagen")?.seq)
        #expect(events.allSatisfy { $0.sequence == Int(seq) })
    }

    @Test("an edit keeps the UIDs and raises the SEQUENCE")
    func sequence() async throws {
        let test = try await node()
        defer { test.remove() }
        let before = String(
            decoding: try await Exporter.export(node: test.node, format: .ics, filter: .init()).data, as: UTF8.self)
        var edited = try #require(
            try await test.node.store.entry(origin: "medicalmountains", id: "gmp-grundlagen")?.signedEntry().entry)
        edited.durationHours = 7
        try await test.node.add(edited, allowUpdate: true)
        let after = String(
            decoding: try await Exporter.export(node: test.node, format: .ics, filter: .init()).data, as: UTF8.self)
        func values(_ text: String, _ name: String) -> [String] {
            text.split(separator: "\r\n").filter { $0.hasPrefix(name + ":") }.map {
                String($0.dropFirst(name.count + 1))
            }
        }
        #expect(values(before, "UID") == values(after, "UID"))
        #expect(values(after, "SEQUENCE").allSatisfy { Int($0)! > Int(values(before, "SEQUENCE")[0])! })
    }

    @Test("schema.org: a Course with a CourseInstance per session, an Event, a Service")
    func jsonld() async throws {
        let test = try await node()
        defer { test.remove() }
        let data = try await Exporter.export(node: test.node, format: .jsonld, filter: .init()).data
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["@context"] as? String == "https://schema.org")
        let graph = try #require(document["@graph"] as? [[String: Any]])
        let types = Dictionary(
            uniqueKeysWithValues: graph.map { ($0["@id"] as? String ?? "", $0["@type"] as? String ?? "") })
        #expect(types["urn:clusterexchange:medicalmountains:gmp-grundlagen"] == "Course")
        #expect(types["urn:clusterexchange:medicalmountains:forum"] == "Event")
        #expect(types["urn:clusterexchange:medicalmountains:studie"] == "Service")
        let course = try #require(graph.first { $0["@type"] as? String == "Course" })
        let instances = try #require(course["hasCourseInstance"] as? [[String: Any]])
        #expect(instances.count == 3)
        #expect(instances.map { $0["courseMode"] as? String } == ["onsite", "online", "blended"])
        #expect(instances[0]["startDate"] as? String == "2027-01-20T09:00:00+01:00")
        #expect(instances[2]["eventStatus"] as? String == "https://schema.org/EventCancelled")
        #expect((instances[1]["location"] as? [String: Any])?["@type"] as? String == "VirtualLocation")
    }

    @Test("the catalog JSON export imports back to the same entries; local entries stay out unless asked")
    func jsonRoundTrip() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put(try CatalogImporter.read(file: Fixtures.exampleCatalog("json")))
        let exported = try await Exporter.export(node: test.node, format: .json, filter: .init()).data
        let entries = try CatalogImporter.read(exported, format: .json, name: "export.json")
        let original = try CatalogImporter.read(file: Fixtures.exampleCatalog("json"))
        #expect(entries.count == 5)
        #expect(Set(entries.map(\.id)) == Set(original.filter { !$0.isLocal }.map(\.id)))
        #expect(entries.allSatisfy { entry in original.contains(entry) })
        let withLocal = try await Exporter.export(node: test.node, format: .json, filter: .init(includeLocal: true))
            .data
        #expect(try CatalogImporter.read(withLocal, format: .json, name: "all.json").count == 6)
        let bw = try await Exporter.export(
            node: test.node, format: .json, filter: .init(type: .training, region: "DE-BY")
        ).data
        #expect(try CatalogImporter.read(bw, format: .json, name: "by.json").map(\.id) == ["reinraum-praxis"])
    }
}

@Suite("Exports resist hostile text", .timeLimit(.minutes(10)))
struct ExportSafetyTests {
    @Test("control characters cannot start new calendar properties; parallel sessions get distinct UIDs")
    func calendarInjection() throws {
        var entry = Fixtures.training(id: "kurs")
        entry.url = "https://x.example/\r\nBEGIN:VALARM"
        entry.sessions = [
            Session(
                start: CatalogDateTime("2027-03-15T09:00")!, end: CatalogDateTime("2027-03-15T12:00")!, mode: .onsite,
                location: Location(city: "Ulm")),
            Session(
                start: CatalogDateTime("2027-03-15T09:00")!, end: CatalogDateTime("2027-03-15T12:00")!, mode: .online,
                onlineUrl: "https://meet.example/a\nX-EVIL:1"),
        ]
        let text = ICalendarExport.render(
            [.init(origin: "mm", organizerName: "MM", seq: 3, updated: "2026-11-29T09:00:00Z", entry: entry)],
            calendarName: "Test")
        let lines = text.components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.hasPrefix("BEGIN:VALARM") || $0.hasPrefix("X-EVIL") })
        let uids = lines.filter { $0.hasPrefix("UID:") }
        #expect(uids.count == 2 && Set(uids).count == 2)
    }

    @Test("a CRLF in an organizer, title or place starts no property, as the icalendar package reads the file")
    func crlfInjection() throws {
        var entry = Fixtures.training(id: "kurs")
        entry.organizer = "Evil\r\nATTACH:https://evil.example/x\r\nX-EVIL:1"
        entry.title = LocalizedText(["de": "Kurs\r\nX-TITLE:1"])
        entry.contact = Contact(email: "kurs@example.org")
        entry.sessions = [
            Session(
                start: CatalogDateTime("2027-03-15T09:00")!, end: CatalogDateTime("2027-03-15T12:00")!, mode: .onsite,
                location: Location(name: "Saal\r\nX-PLACE:1", city: "Ulm"))
        ]
        let text = ICalendarExport.render(
            [.init(origin: "mm", organizerName: "MM", seq: 3, updated: "2026-11-29T09:00:00Z", entry: entry)],
            calendarName: "Test")
        let directory = try TemporaryDirectory("ics")
        defer { directory.remove() }
        let file = try directory.write("hostile.ics", text)
        try Tool.requirePython(module: "icalendar")
        let read = try Shell.run(
            "python3", [Fixtures.repositoryRoot.appendingPathComponent("scripts/ics-read.py").path, file.path])
        #expect(read.status == 0, "\(read.stderr)")
        let events = try read.stdout.split(separator: "\n").dropFirst().map {
            try JSONDecoder().decode(ExportTests.ReadEvent.self, from: Data($0.utf8))
        }
        let event = try #require(events.first)
        #expect(!event.properties.contains { $0 == "ATTACH" || $0.hasPrefix("X-") }, "\(event.properties)")
        #expect(event.summary == "Kurs\nX-TITLE:1")  // a line break inside the text, not a property
        #expect(text.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 75 })
    }

    @Test("the control characters a content line drops are exactly Unicode's Cc, Zl and Zp")
    func controlCharactersAreTheCategories() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let category = scalar.properties.generalCategory
            let expected = category == .control || category == .lineSeparator || category == .paragraphSeparator
            if ICalendarExport.isControl(scalar) != expected {
                Issue.record("U+\(String(value, radix: 16)) is \(category)")
            }
        }
        #expect(ICalendarExport.escape("plain ASCII text") == "plain ASCII text")
        #expect(ICalendarExport.escape("a;b,c\\d\ne\u{7}f\u{85}g\u{2028}h") == "a\\;b\\,c\\\\d\\nefgh")
        #expect(ICalendarExport.uri("https://x.example/\r\nX-A:1") == "https://x.example/X-A:1")
    }

    @Test("a Character longer than a line is folded inside, at scalar boundaries")
    func longCharacterFolds() {
        let accented = "e" + String(repeating: "\u{301}", count: 60)  // one Character of 121 octets
        let folded = ICalendarExport.fold("SUMMARY:" + accented)
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        // Unfolded (CRLF and one space removed, as bytes), it is the line again.
        var unfolded: [UInt8] = []
        let bytes = Array(folded.utf8)
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 32 {
                index += 3
                continue
            }
            unfolded.append(bytes[index])
            index += 1
        }
        #expect(unfolded == Array(("SUMMARY:" + accented).utf8))
    }

    @Test("JSON-LD never holds a raw '<', so it cannot close the script element it is pasted into")
    func scriptBreakout() throws {
        var entry = Fixtures.offering(id: "forum")
        entry.title = LocalizedText(["de": "Forum </script><script>alert(1)</script>"])
        let data = try JSONLDExport.render([
            .init(origin: "mm", organizerName: "MM", seq: 1, updated: "2026-11-29T09:00:00Z", entry: entry)
        ])
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("<"))
        let decoded = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let graph = try #require(decoded["@graph"] as? [[String: Any]])
        #expect(graph.first?["name"] as? String == "Forum </script><script>alert(1)</script>")
    }
}
