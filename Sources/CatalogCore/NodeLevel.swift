/// Where a node stands in the federation: a cluster organization, a state agency, or the national
/// programme. The level decides what a node may vouch for.
public enum NodeLevel: String, Codable, Sendable, CaseIterable, ClosedSetDecodable, Comparable {
    case cluster
    case agency
    case national

    /// Agencies and the national node may endorse other origins; clusters may not.
    public var mayEndorse: Bool { self != .cluster }

    private var rank: Int {
        switch self {
        case .cluster: return 0
        case .agency: return 1
        case .national: return 2
        }
    }

    public static func < (lhs: NodeLevel, rhs: NodeLevel) -> Bool { lhs.rank < rhs.rank }

    /// Whether a node at this level, for `region`, may endorse a subject at `subjectLevel` in
    /// `subjectRegion`: the national node endorses agencies and clusters, an agency the clusters of
    /// its own region, a cluster nobody; and the subject's region must lie within the endorser's.
    public func mayEndorse(_ subjectLevel: NodeLevel, in subjectRegion: String, from region: String) -> Bool {
        switch self {
        case .cluster: return false
        case .agency: return subjectLevel == .cluster && NodeLevel.region(subjectRegion, liesWithin: region)
        case .national: return subjectLevel < .national && NodeLevel.region(subjectRegion, liesWithin: region)
        }
    }

    /// `DE` holds every German state; a state (`DE-BW`) holds only itself.
    public static func region(_ inner: String, liesWithin outer: String) -> Bool {
        outer == "DE" || inner == outer
    }
}
