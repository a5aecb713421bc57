/// The controlled vocabularies, decoded once from the data files compiled into the binary.
public enum Vocabularies {
    public static let topics = Vocabulary(json: PackageResources.topics_json)
    public static let kinds = Vocabulary(json: PackageResources.kinds_json)
    public static let regions = Vocabulary(json: PackageResources.regions_json)
    public static let languages = Vocabulary(json: PackageResources.languages_json)
    public static let audiences = Vocabulary(json: PackageResources.audiences_json)
    public static let modes = Vocabulary(json: PackageResources.modes_json)
    public static let formats = Vocabulary(json: PackageResources.formats_json)

    public static let all: [Vocabulary] = [topics, kinds, regions, languages, audiences, modes, formats]
}
