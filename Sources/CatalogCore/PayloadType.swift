/// The DSSE payload types of the protocol (version 1).
public enum PayloadType {
    /// An entry or its tombstone: `EntryPayload`.
    public static let entry = "application/vnd.clusterexchange.entry+json"
    /// An origin's statement of its catalog state: `HeadPayload`.
    public static let head = "application/vnd.clusterexchange.head+json"
    /// An endorser's statement about another origin's key: `EndorsementPayload`.
    public static let endorsement = "application/vnd.clusterexchange.endorsement+json"
    /// An origin's statement that it signs with a new key: `KeyRotationPayload`.
    public static let keyRotation = "application/vnd.clusterexchange.key-rotation+json"
}
