/// The columns of a CSV catalog (docs/CSV.md). One row per training session; the rows of one
/// training share its `id` and repeat or leave empty its entry columns. Header names ignore case,
/// and `-` or a blank may stand for `_`.
enum CSVColumn: String, CaseIterable, Sendable {
    // The entry.
    case id, type, kind, format
    case titleDE = "title_de", titleEN = "title_en"
    case summaryDE = "summary_de", summaryEN = "summary_en"
    case descriptionDE = "description_de", descriptionEN = "description_en"
    case topics, keywords, audience, regions, languages, url, organizer
    case contactEmail = "contact_email", contactPhone = "contact_phone"
    case contactName = "contact_name", contactFunction = "contact_function"
    case price
    case freeForMembers = "free_for_members"
    case visibility
    case validFrom = "valid_from", validUntil = "valid_until"
    case durationHours = "duration_hours"
    case level, certificate
    case registrationURL = "registration_url"
    // The row's session.
    case sessionID = "session_id"
    case sessionStart = "session_start", sessionEnd = "session_end", sessionMode = "session_mode"
    case sessionVenue = "session_venue", sessionStreet = "session_street"
    case sessionPostalCode = "session_postal_code", sessionCity = "session_city"
    case sessionRegion = "session_region", sessionOnlineURL = "session_online_url"
    case sessionLanguage = "session_language", sessionSeats = "session_seats"
    case sessionRegistrationDeadline = "session_registration_deadline"
    case sessionStatus = "session_status"

    var isSessionColumn: Bool { rawValue.hasPrefix("session_") }

    /// Reads a header cell: `Title DE`, `title-de` and `title_de` are the same column.
    init?(header: String) {
        let key = header.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        self.init(rawValue: key)
    }
}
