/// The words of the pages that are not vocabulary labels, in both languages. Vocabulary terms
/// (kinds, fields, regions, modes, languages, audiences) come from the vocabularies themselves.
enum WebText {
    static func strings(_ language: WebLanguage) -> [String: String] {
        language == .en ? english : german
    }

    static let german: [String: String] = [
        "skip": "Zum Inhalt", "catalog": "Katalog", "searchHeading": "Angebote und Weiterbildungen finden",
        "words": "Suchbegriffe", "filters": "Filter", "any": "alle", "type": "Art", "kind": "Angebotsart",
        "topic": "Technologiefeld", "region": "Region", "mode": "Durchführung", "language": "Sprache",
        "from": "Termine ab", "to": "Termine bis", "free": "nur kostenfreie", "searchButton": "Suchen",
        "results": "Ergebnisse", "previous": "Vorherige Seite", "next": "Nächste Seite", "pages": "Seiten",
        "offering": "Angebot", "training": "Weiterbildung", "nextDate": "Nächster Termin",
        "description": "Beschreibung", "sessions": "Termine", "seats": "Plätze",
        "registrationDeadline": "Anmeldeschluss", "register": "Zur Anmeldung", "price": "Preis",
        "freeOfCharge": "kostenfrei", "freeForMembers": "für Mitglieder kostenfrei", "contact": "Kontakt",
        "audience": "Zielgruppe", "organizer": "Veranstalter", "provenance": "Herkunft",
        "addToCalendar": "In den Kalender eintragen", "website": "Zur Website", "online": "Online-Teilnahme",
        "cancelled": "abgesagt", "validity": "Gültig", "duration": "Dauer", "hours": "Stunden",
        "certificate": "Zertifikat", "level": "Niveau", "topics": "Technologiefelder", "regions": "Regionen",
        "languages": "Sprachen", "backToSearch": "Zur Suche", "notFound": "Nicht gefunden",
        "badRequest": "Ungültige Anfrage", "switchLanguage": "English", "facetCounts": "Eingrenzen",
        "keywords": "Schlagwörter", "verified": "Signatur geprüft", "unverified": "Signatur nicht bestätigt",
        "entriesHeld": "Einträge", "freshness": "Stand", "searchThisCatalog": "In diesem Katalog suchen",
        "catalogTable": "Katalog als Tabelle (CSV)", "catalogTableExcel": "für Excel",
        "related": "Passende Angebote anderer Cluster", "subscribe": "Abonnieren",
        "subscribeCalendar": "Termine als Kalender abonnieren", "subscribeFeed": "Neue Einträge als Feed",
        "moreAt": "Mehr im Katalog von",
    ]

    static let english: [String: String] = [
        "skip": "Skip to content", "catalog": "Catalog", "searchHeading": "Find offerings and trainings",
        "words": "Search words", "filters": "Filters", "any": "any", "type": "Type", "kind": "Kind of offering",
        "topic": "Technology field", "region": "Region", "mode": "Format", "language": "Language",
        "from": "Dates from", "to": "Dates until", "free": "free of charge only", "searchButton": "Search",
        "results": "Results", "previous": "Previous page", "next": "Next page", "pages": "Pages",
        "offering": "Offering", "training": "Training", "nextDate": "Next date",
        "description": "Description", "sessions": "Dates", "seats": "Seats",
        "registrationDeadline": "Registration deadline", "register": "Register", "price": "Price",
        "freeOfCharge": "free of charge", "freeForMembers": "free for members", "contact": "Contact",
        "audience": "Audience", "organizer": "Organizer", "provenance": "Provenance",
        "addToCalendar": "Add to calendar", "website": "Website", "online": "Join online",
        "cancelled": "cancelled", "validity": "Valid", "duration": "Duration", "hours": "hours",
        "certificate": "Certificate", "level": "Level", "topics": "Technology fields", "regions": "Regions",
        "languages": "Languages", "backToSearch": "Back to search", "notFound": "Not found",
        "badRequest": "Bad request", "switchLanguage": "Deutsch", "facetCounts": "Narrow down",
        "keywords": "Keywords", "verified": "signature checked", "unverified": "signature not confirmed",
        "entriesHeld": "Entries", "freshness": "State", "searchThisCatalog": "Search this catalog",
        "catalogTable": "Catalog as a spreadsheet (CSV)", "catalogTableExcel": "for Excel",
        "related": "Related offerings from other clusters", "subscribe": "Subscribe",
        "subscribeCalendar": "Subscribe to the dates as a calendar", "subscribeFeed": "New entries as a feed",
        "moreAt": "More in the catalog of",
    ]
}
