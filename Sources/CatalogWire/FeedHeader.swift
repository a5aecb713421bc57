import CatalogCore

/// The first line of an NDJSON answer from `/v1/changes`, `/v1/heads` or `/v1/endorsements`; each
/// following line is one envelope, exactly as the serving node stores it.
public struct FeedHeader: Codable, Sendable, Equatable {
    /// How many envelope lines follow.
    public let count: Int
    /// `/v1/changes`: the cursor to ask from next.
    public let next: Int64?
    /// `/v1/changes`: whether more envelopes follow after `next`.
    public let more: Bool?
    /// `/v1/changes`: the digest of the endorsements the node serves, so a puller fetches them only
    /// when they changed.
    public let endorsements: String?
    /// `/v1/changes`: the last position the node's feed has used; a cursor beyond it means the feed
    /// was rewound (a restored backup), and the puller starts again from 0.
    public let last: Int64?
    /// `/v1/changes?wait=S`: the seconds the node was prepared to hold the request (0 when it
    /// answered at once, having something or no place to hold it). Absent from nodes that do not
    /// hold requests, so a puller knows to poll them.
    public let wait: Int?

    public init(
        count: Int, next: Int64? = nil, more: Bool? = nil, endorsements: String? = nil, last: Int64? = nil,
        wait: Int? = nil
    ) {
        self.count = count
        self.next = next
        self.more = more
        self.endorsements = endorsements
        self.last = last
        self.wait = wait
    }

    /// The media type of these answers.
    public static let contentType = "application/x-ndjson"
}

extension FeedHeader {
    /// Refuses a `/v1/changes` page header that breaks the protocol: more lines than asked for, or a
    /// cursor that does not move forward past a non-empty page.
    public func checkPage(cursor: Int64, pageSize: Int) throws {
        guard count <= pageSize else {
            throw CatalogError(.invalidInput, "peer sent \(count) envelopes for a page of \(pageSize)")
        }
        if let next {
            guard next >= cursor, count == 0 || next > cursor else {
                throw CatalogError(
                    .invalidInput, "peer sent a cursor that does not move forward (\(next) after \(cursor))")
            }
        }
    }
}
