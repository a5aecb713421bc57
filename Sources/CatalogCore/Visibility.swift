/// Who may see an entry. Local entries never leave the node that holds them.
public enum Visibility: String, Codable, Sendable, CaseIterable, ClosedSetDecodable {
    case federated
    case local
}
