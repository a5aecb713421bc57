/// One offering or training, as its origin wrote it. Identified by `(origin, id)`; the origin is not
/// part of the entry but of the signed payload that carries it.
///
/// Both types share this schema: offering-only fields (`kind`, `validFrom`, `validUntil`) and
/// training-only fields (`format`, `sessions`, `durationHours`, `level`, `certificate`,
/// `registrationUrl`) are optional here, and `EntryValidator` enforces which belong to which type.
public struct Entry: Sendable, Hashable {
    // Common fields.
    public var id: String
    public var type: EntryType
    public var title: LocalizedText
    public var summary: LocalizedText?
    public var description: LocalizedText?
    /// Technology fields, one to three slugs from the topics vocabulary.
    public var topics: [String]
    public var keywords: [String]
    /// Audience slugs from the audiences vocabulary.
    public var audience: [String]
    /// ISO 3166-2 codes of the states the entry is for.
    public var regions: [String]
    /// ISO 639-1 codes of the languages it is offered in.
    public var languages: [String]
    public var url: String?
    /// Who runs it, when that is not the origin itself (a partner institute, a university).
    public var organizer: String?
    public var contact: Contact?
    public var price: Price?
    public var visibility: Visibility

    // Offerings.
    /// An offering kind slug from the kinds vocabulary.
    public var kind: String?
    public var validFrom: CatalogDate?
    public var validUntil: CatalogDate?

    // Trainings.
    /// A training format slug from the formats vocabulary.
    public var format: String?
    /// Dated sessions; a training without sessions is offered on demand.
    public var sessions: [Session]
    public var durationHours: Double?
    public var level: TrainingLevel?
    /// The certificate participants receive, in words ("Teilnahmezertifikat").
    public var certificate: String?
    public var registrationUrl: String?

    public init(
        id: String, type: EntryType, title: LocalizedText, summary: LocalizedText? = nil,
        description: LocalizedText? = nil, topics: [String] = [], keywords: [String] = [],
        audience: [String] = [], regions: [String] = [], languages: [String] = [], url: String? = nil,
        organizer: String? = nil, contact: Contact? = nil, price: Price? = nil,
        visibility: Visibility = .federated, kind: String? = nil, validFrom: CatalogDate? = nil,
        validUntil: CatalogDate? = nil, format: String? = nil, sessions: [Session] = [],
        durationHours: Double? = nil, level: TrainingLevel? = nil, certificate: String? = nil,
        registrationUrl: String? = nil
    ) {
        self.id = id
        self.type = type
        self.title = title
        self.summary = summary
        self.description = description
        self.topics = topics
        self.keywords = keywords
        self.audience = audience
        self.regions = regions
        self.languages = languages
        self.url = url
        self.organizer = organizer
        self.contact = contact
        self.price = price
        self.visibility = visibility
        self.kind = kind
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.format = format
        self.sessions = sessions
        self.durationHours = durationHours
        self.level = level
        self.certificate = certificate
        self.registrationUrl = registrationUrl
    }

    public var isTraining: Bool { type == .training }
    public var isLocal: Bool { visibility == .local }
}
