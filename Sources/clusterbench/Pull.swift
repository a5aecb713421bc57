import CatalogCore
import CatalogStore
import Foundation

/// One `clusternode sync` of a puller, as a user runs it, with what it cost.
struct Pull {
    var seconds: Double
    var peakMiB: Double
    var envelopes = 0
    var added = 0
    var updated = 0
    var requests = 0
    /// Bytes of the answers' bodies, as the sync report counts them.
    var bodyBytes = 0
    /// Bytes through the loopback interface meanwhile: TLS, HTTP and TCP included.
    var wireBytes: Int?

    static func run(_ workspace: Workspace, puller: URL) throws -> Pull {
        let before = Loopback.bytes()
        let outcome = try workspace.clusternode(["sync", "--dir", puller.path, "--json"])
        let after = Loopback.bytes()
        var pull = Pull(seconds: outcome.seconds, peakMiB: outcome.peakMiB)
        if let before, let after { pull.wireBytes = after - before }
        guard
            let report = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
            let peers = report["peers"] as? [[String: Any]]
        else { throw BenchError("sync --json printed no report") }
        for peer in peers {
            guard peer["ok"] as? Bool == true else {
                throw BenchError("sync from \(peer["peer"] ?? "?") failed: \(peer["error"] ?? "?")")
            }
            if let refused = peer["refused"] as? [Any], !refused.isEmpty {
                throw BenchError("sync from \(peer["peer"] ?? "?") refused \(refused.count) envelopes")
            }
            pull.envelopes += peer["envelopes"] as? Int ?? 0
            pull.added += peer["added"] as? Int ?? 0
            pull.updated += peer["updated"] as? Int ?? 0
            pull.requests += peer["requests"] as? Int ?? 0
            pull.bodyBytes += peer["bytes"] as? Int ?? 0
        }
        return pull
    }
}

/// The two costs a full pull cannot avoid, each measured alone.
enum PullReferences {
    /// Seconds to check every entry signature the puller holds, on all cores: parse the envelope,
    /// build its pre-authentication encoding, verify Ed25519. Nothing else.
    static func verificationSeconds(puller: URL, keys: [String: NodePublicKey]) async throws -> (
        seconds: Double, count: Int
    ) {
        let store = try CatalogStore.open(path: puller.appendingPathComponent("catalog.sqlite").path)
        defer { try? store.close() }
        var envelopes: [Data] = []
        var cursor: Int64 = 0
        while true {
            let page = try await store.feed(since: cursor, limit: 10_000, maxBytes: 64 * 1024 * 1024)
            envelopes += page.items.map(\.envelope)
            cursor = page.next
            if !page.more { break }
        }
        // Parsed before the clock starts: what is timed is the signature check alone.
        let keyed = try envelopes.compactMap { bytes -> (Data, String, Data, NodePublicKey)? in
            let envelope = try Envelope(bytes: bytes)
            guard envelope.payloadType == PayloadType.entry, let signature = envelope.signatures.first,
                let origin = signature.keyid.split(separator: "#").first, let key = keys[String(origin)]
            else { return nil }
            return (envelope.payload, envelope.payloadType, signature.sig, key)
        }
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let start = ContinuousClock.now
        let valid = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var valid = 0
                    for index in stride(from: worker, to: keyed.count, by: workers) {
                        let (payload, type, signature, key) = keyed[index]
                        let message = PAE.encode(payloadType: type, payload: payload)
                        if key.isValidSignature(signature, for: message) { valid += 1 }
                    }
                    return valid
                }
            }
            return await group.reduce(0, +)
        }
        let seconds = (ContinuousClock.now - start).seconds
        guard valid == keyed.count, !keyed.isEmpty else {
            throw BenchError("\(keyed.count - valid) of \(keyed.count) signatures did not verify")
        }
        return (seconds, valid)
    }

    /// Seconds for the `sqlite3` shell to load the puller's rows into an empty database with the
    /// same schema and indexes (the search index included), in one transaction; the best of three.
    static func sqliteLoadSeconds(puller: URL, scratch: URL) throws -> Double {
        let source = puller.appendingPathComponent("catalog.sqlite").path
        let target = scratch.appendingPathComponent("sqlite-load.sqlite")
        let schema = try Subprocess.run(["sqlite3", source, ".schema --nosys"], in: scratch).stdout
        let tables = try Subprocess.run(
            [
                "sqlite3", source,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                    + "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%fts_%' "
                    + "AND name != 'grdb_migrations' ORDER BY name",
            ], in: scratch
        ).stdout.split(separator: "\n").map(String.init)
        let columns = SearchColumns.names.joined(separator: ", ")
        // The same settings as the node's writer: WAL, and a 16 MB page cache.
        var script =
            "PRAGMA journal_mode = WAL;\nPRAGMA cache_size = -16384;\n\(schema)\nATTACH '\(source)' AS src;\nBEGIN;\n"
        for table in tables { script += "INSERT INTO main.\"\(table)\" SELECT * FROM src.\"\(table)\";\n" }
        script +=
            "INSERT INTO main.search_fts (rowid, \(columns)) SELECT rowid, \(columns) FROM src.search_fts;\n"
            + "INSERT INTO main.search_term_fts (rowid, term) SELECT id, term FROM main.search_term;\nCOMMIT;\n"
        let file = scratch.appendingPathComponent("sqlite-load.sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        // Best of three: the load is short and mostly writing, and the disk's writeback makes single
        // runs vary by half; the best is the strictest reference.
        var best = Double.infinity
        for _ in 0..<3 {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target.path + suffix) }
            try Subprocess.run(["sync"], in: scratch)
            best = min(best, try Subprocess.run(["sqlite3", target.path], stdin: file.path, in: scratch).seconds)
        }
        let loaded = try Subprocess.run(["sqlite3", target.path, "SELECT count(*) FROM search_fts"], in: scratch)
        let expected = try Subprocess.run(["sqlite3", source, "SELECT count(*) FROM search_fts"], in: scratch)
        guard loaded.stdout == expected.stdout else {
            throw BenchError("the sqlite3 load holds \(loaded.stdout) search rows, the puller \(expected.stdout)")
        }
        return best
    }
}

enum SearchColumns {
    static let names = SearchDocument.Column.allCases.map(\.rawValue)
}
