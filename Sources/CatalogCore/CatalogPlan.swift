/// What a write to an origin's own catalog changes, decided before anything is signed.
///
/// Pure: given the incoming entries and what is stored, it says which are new, which changed,
/// which are unchanged (no new seq, so a re-import is harmless) and, with `replace`, which stored
/// live entries the import no longer lists and are to be withdrawn.
public struct CatalogPlan: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case add(Entry)
        case update(Entry)
        case withdraw(id: String)

        public var id: String {
            switch self {
            case .add(let entry), .update(let entry): return entry.id
            case .withdraw(let id): return id
            }
        }
    }

    /// The stored state of one entry id: its live entry, or nil for a tombstone.
    public struct Stored: Sendable, Equatable {
        public let entry: Entry?

        public init(entry: Entry?) { self.entry = entry }
    }

    public let changes: [Change]
    public let unchanged: [String]

    public init(changes: [Change], unchanged: [String]) {
        self.changes = changes
        self.unchanged = unchanged
    }

    public static func make(incoming: [Entry], stored: [String: Stored], replace: Bool) -> CatalogPlan {
        var changes: [Change] = []
        var unchanged: [String] = []
        for entry in incoming {
            switch stored[entry.id]?.entry {
            case .none: changes.append(.add(entry))
            case .some(let current) where current == entry: unchanged.append(entry.id)
            case .some: changes.append(.update(entry))
            }
        }
        if replace {
            let listed = Set(incoming.map(\.id))
            for (id, state) in stored.sorted(by: { $0.key < $1.key }) where state.entry != nil && !listed.contains(id) {
                changes.append(.withdraw(id: id))
            }
        }
        return CatalogPlan(changes: changes, unchanged: unchanged)
    }

    public var added: Int { changes.filter { if case .add = $0 { true } else { false } }.count }
    public var updated: Int { changes.filter { if case .update = $0 { true } else { false } }.count }
    public var withdrawn: Int { changes.filter { if case .withdraw = $0 { true } else { false } }.count }
}
