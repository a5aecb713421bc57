import CatalogCore
import Foundation

/// Valid entries to start tests from; each test changes what it is about.
public enum Fixtures {
    public static func training(id: String = "gmp-grundlagen") -> Entry {
        Entry(
            id: id, type: .training,
            title: LocalizedText(["de": "GMP-Grundlagen für Einsteiger", "en": "GMP basics for beginners"]),
            summary: LocalizedText(["de": "Gute Herstellungspraxis für Medizinprodukte."]),
            topics: ["medtech"], keywords: ["GMP"], audience: ["companies"], regions: ["DE-BW"], languages: ["de"],
            url: "https://cluster.example/gmp", contact: Contact(email: "akademie@cluster.example"),
            price: Price(amount: "450.00", currency: "EUR"), format: "seminar",
            sessions: [
                Session(
                    start: CatalogDateTime("2027-03-15T09:00")!, end: CatalogDateTime("2027-03-15T17:00")!,
                    mode: .onsite, location: Location(city: "Tuttlingen", region: "DE-BW"), seats: 18)
            ],
            durationHours: 8, level: .beginner)
    }

    public static func offering(id: String = "medtech-forum", kind: String = "event") -> Entry {
        Entry(
            id: id, type: .offering, title: LocalizedText(["de": "MedTech-Forum Süd"]), topics: ["medtech"],
            regions: ["DE-BW"], price: .gratis, kind: kind, validFrom: CatalogDate("2027-06-17"),
            validUntil: CatalogDate("2027-06-18"))
    }

    /// A small catalog of six entries (one of them local) in `Tests/Fixtures/`, the same entries in
    /// each format.
    public static func exampleCatalog(_ fileExtension: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/Fixtures/catalog.\(fileExtension)")
    }

    /// The example federation's catalog of `cluster` in `examples/`.
    public static func federationCatalog(_ cluster: String) -> URL {
        repositoryRoot.appendingPathComponent("examples/\(cluster)/catalog.json")
    }

    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
