import CatalogCore
import CatalogStore

/// An entry as `entries list --json` and `entries show --json` print it.
struct EntryView: Encodable {
    let origin: String
    let id: String
    let seq: Int64
    let updated: String
    let withdrawn: Bool
    let visibility: Visibility
    /// The peer the entry came through; absent for the node's own entries.
    let viaPeer: String?
    let entry: Entry?
    /// Who signed it and how it arrived (`entries show`); absent in lists.
    var provenance: EntryProvenance?

    init(_ stored: StoredEntry, signed: SignedEntry) {
        origin = stored.origin
        id = stored.id
        seq = stored.seq
        updated = stored.updated
        withdrawn = stored.deleted
        visibility = stored.visibility
        viaPeer = stored.viaPeer
        entry = signed.entry
    }
}
