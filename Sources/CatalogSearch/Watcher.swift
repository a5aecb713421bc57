import CatalogCore
import CatalogNode
import CatalogStore
import Foundation

/// A saved search: its name and query, and where it last looked.
public struct Watch: Sendable {
    public let name: String
    public let query: SearchQuery
    public let stored: StoredWatch
}

/// An entry that matched a watch since it last looked.
public struct WatchMatch: Sendable, Codable {
    public let origin: String
    public let id: String
    public let title: String
    public let updated: String
    /// The next session (UTC), for trainings.
    public let nextStart: String?
}

/// What a watch found since it last looked.
public struct WatchNews: Sendable, Codable {
    public let watch: String
    /// The new matches, newest first (at most `Watcher.maxListed`).
    public let matches: [WatchMatch]
    /// How many there are in all.
    public let count: Int
    /// The change-feed position they were found up to.
    public let throughReceipt: Int64
}

/// Saved searches: searches the operator keeps, whose new matches the node lists after every sync.
/// A watch searches as the web catalog's feeds do (public entries, every word), so its list and
/// its Atom feed (`/feed.atom?` with its parameters) agree.
public struct Watcher: Sendable {
    public static let maxListed = 50

    public let node: Node

    public init(node: Node) {
        self.node = node
    }

    /// A watch name: 1 to 40 lowercase letters, digits, `-` or `_`, starting with a letter or digit.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (1...40).contains(name.unicodeScalars.count) else { return false }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-_")
        return CharacterSet.alphanumerics.contains(first) && name.unicodeScalars.allSatisfy(allowed.contains)
    }

    public func add(name: String, query: SearchQuery, now: Date = Date()) async throws -> Watch {
        guard Self.isValidName(name) else {
            throw CatalogError(
                .invalidInput,
                "watch name '\(SafeText.excerpt(name, limit: 60))' must be 1 to 40 lowercase letters, digits, - or _")
        }
        var query = try query.validated()
        query.includeLocal = false
        let stored = try await node.store.addWatch(name: name, parameters: Self.encode(query), now: now)
        return Watch(name: name, query: query, stored: stored)
    }

    public func list() async throws -> [Watch] {
        try await node.store.watches().map(Self.watch)
    }

    public func watch(named name: String) async throws -> Watch {
        guard let stored = try await node.store.watch(named: name) else {
            throw CatalogError(
                .notFound, "no watch named '\(SafeText.excerpt(name, limit: 60))' (see: clusternode watch list)")
        }
        return try Self.watch(stored)
    }

    public func remove(named name: String) async throws {
        guard try await node.store.removeWatch(named: name) else {
            throw CatalogError(
                .notFound, "no watch named '\(SafeText.excerpt(name, limit: 60))' (see: clusternode watch list)")
        }
    }

    /// The entries stored since the watch last looked that match it, newest first; with
    /// `markSeen`, the watch has looked afterwards.
    public func news(for watch: Watch, markSeen: Bool, now: Date = Date()) async throws -> WatchNews {
        let through = try await node.store.lastReceipt()
        var query = watch.query
        query.order = .newest
        query.facets = false
        query.includeLocal = false
        query.allWordsOnly = true
        // Stored after the last look, up to this one (what is stored meanwhile, the next look lists).
        query.storedAfter = watch.stored.seenReceipt
        query.storedThrough = through
        query.limit = Self.maxListed
        query.offset = 0
        let result = try await node.store.search(query, now: now)
        let matches = result.matches.compactMap { match -> WatchMatch? in
            guard let entry = try? match.entry.signedEntry().entry else { return nil }
            return WatchMatch(
                origin: match.entry.origin, id: match.entry.id, title: entry.title.preferred() ?? entry.id,
                updated: match.entry.updated, nextStart: match.nextStart)
        }
        let count = result.total
        if markSeen { try await node.store.markWatchSeen(named: watch.name, through: through) }
        return WatchNews(watch: watch.name, matches: matches, count: count, throughReceipt: through)
    }

    /// The new matches of every watch, without marking them seen: what a sync reports.
    public func allNews(now: Date = Date()) async throws -> [WatchNews] {
        var news: [WatchNews] = []
        for watch in try await list() { news.append(try await self.news(for: watch, markSeen: false, now: now)) }
        return news
    }

    /// The search as URL query parameters, without paging: what the watch stores and its feed uses.
    public static func encode(_ query: SearchQuery) -> String {
        var components = URLComponents()
        components.queryItems = query.parameters.filter { name, value in
            !["limit", "offset", "facets", "order"].contains(name) && !(name == "q" && value.isEmpty)
        }.map { URLQueryItem(name: $0.0, value: $0.1) }
        return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }

    static func watch(_ stored: StoredWatch) throws -> Watch {
        var parameters: [String: String] = [:]
        for item in URLComponents(string: "?" + stored.parameters)?.queryItems ?? [] {
            parameters[item.name] = item.value ?? ""
        }
        var query = try SearchQuery(parameters: parameters).validated()
        query.includeLocal = false
        return Watch(name: stored.name, query: query, stored: stored)
    }
}
