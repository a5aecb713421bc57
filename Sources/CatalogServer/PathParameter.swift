import Hummingbird

extension Parameters {
    /// A path parameter with its percent-encoding undone (`gmp%2Dgrundlagen` is `gmp-grundlagen`),
    /// as RFC 3986 says equivalent paths are; one that does not decode stays as sent, and matches
    /// nothing.
    func decoded(_ name: String) throws -> String {
        let raw = try require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
