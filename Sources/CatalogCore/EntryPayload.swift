/// What an entry's envelope signs: the entry with its origin and place in the origin's history.
/// A tombstone has `deleted: true` and no `entry`.
public struct EntryPayload: Codable, Sendable, Hashable {
    public let origin: String
    public let id: String
    /// The origin's sequence number: every write of an origin gets the next one.
    public let seq: Int64
    /// When the origin wrote this version, `2026-11-29T09:12:00Z`.
    public let updated: String
    public let deleted: Bool
    public let entry: Entry?

    public init(origin: String, id: String, seq: Int64, updated: String, deleted: Bool, entry: Entry?) {
        self.origin = origin
        self.id = id
        self.seq = seq
        self.updated = updated
        self.deleted = deleted
        self.entry = entry
    }

    public static func version(of entry: Entry, origin: String, seq: Int64, updated: String) -> EntryPayload {
        EntryPayload(origin: origin, id: entry.id, seq: seq, updated: updated, deleted: false, entry: entry)
    }

    public static func tombstone(origin: String, id: String, seq: Int64, updated: String) -> EntryPayload {
        EntryPayload(origin: origin, id: id, seq: seq, updated: updated, deleted: true, entry: nil)
    }

    /// Checks what the signature alone does not: the parts agree with each other.
    public func checkConsistency() throws {
        guard Slug.isValidOrigin(origin) else {
            throw CatalogError(.invalidEnvelope, "origin '\(origin)' is not a slug")
        }
        guard Slug.isValid(id) else { throw CatalogError(.invalidEnvelope, "entry id '\(id)' is not a slug") }
        guard (1...Timestamp.maxWireInteger).contains(seq) else {
            throw CatalogError(.invalidEnvelope, "seq must be 1 to 2^53 - 1")
        }
        guard Timestamp.isWireForm(updated) else {
            throw CatalogError(
                .invalidEnvelope, "updated '\(updated)' is not an RFC 3339 UTC time (YYYY-MM-DDTHH:MM:SSZ)")
        }
        if deleted {
            guard entry == nil else { throw CatalogError(.invalidEnvelope, "a tombstone carries no entry") }
        } else {
            guard let entry else { throw CatalogError(.invalidEnvelope, "payload carries no entry") }
            guard entry.id == id else {
                throw CatalogError(.invalidEnvelope, "payload id '\(id)' differs from its entry's id '\(entry.id)'")
            }
        }
    }
}
