import CatalogCore
import CatalogStore
import Foundation

extension Node {
    /// Stores `entries` in the node's own catalog: new ones are added, changed ones get a new seq,
    /// unchanged ones are left alone (so importing a file twice changes nothing). With `replace`, live
    /// entries the list does not name are withdrawn with signed tombstones. All or nothing: one
    /// invalid entry and nothing is stored. With `dryRun`, the summary says what the write would do
    /// (the same plan, the same checks) and nothing is signed or stored.
    @discardableResult
    public func put(_ entries: [Entry], replace: Bool = false, dryRun: Bool = false, now: Date = Date()) async throws
        -> WriteSummary
    {
        let normalized = try Self.checked(entries)
        return try await write(now: now, dryRun: dryRun) { state in
            CatalogPlan.make(incoming: normalized, stored: try Self.decodedEntries(state), replace: replace)
        }
    }

    /// Adds one entry; refuses an id that is live already unless `allowUpdate`.
    @discardableResult
    public func add(_ entry: Entry, allowUpdate: Bool, now: Date = Date()) async throws -> WriteSummary {
        let normalized = try Self.checked([entry])
        return try await write(now: now) { state in
            if !allowUpdate, let existing = state.entries[entry.id.trimmingCharacters(in: .whitespaces)],
                !existing.deleted
            {
                throw CatalogError(
                    .conflict, "entry '\(existing.id)' exists (seq \(existing.seq)); pass --update to replace it")
            }
            return CatalogPlan.make(incoming: normalized, stored: try Self.decodedEntries(state), replace: false)
        }
    }

    /// Stores a changed version of a live entry read at `expectedSeq`: refused when the entry was
    /// changed or withdrawn since (another import or edit), so an edit never undoes another write
    /// or brings a withdrawn entry back.
    @discardableResult
    public func replace(_ entry: Entry, expectedSeq: Int64, now: Date = Date()) async throws -> WriteSummary {
        let normalized = try Self.checked([entry])
        let id = normalized[0].id
        return try await write(now: now) { state in
            guard let stored = state.entries[id], !stored.deleted else {
                throw CatalogError(.conflict, "entry '\(id)' was withdrawn meanwhile; nothing was changed")
            }
            guard stored.seq == expectedSeq else {
                throw CatalogError(
                    .conflict,
                    "entry '\(id)' changed meanwhile (seq \(expectedSeq) → \(stored.seq)); run the edit again")
            }
            return CatalogPlan.make(incoming: normalized, stored: try Self.decodedEntries(state), replace: false)
        }
    }

    /// Withdraws a live entry with a signed tombstone.
    @discardableResult
    public func remove(id: String, now: Date = Date()) async throws -> WriteSummary {
        try await write(now: now) { state in
            guard let existing = state.entries[id] else {
                throw CatalogError(.notFound, "no entry '\(id)' in \(state.origin)'s catalog")
            }
            guard !existing.deleted else {
                throw CatalogError(.conflict, "entry '\(id)' was withdrawn already (seq \(existing.seq))")
            }
            return CatalogPlan(changes: [.withdraw(id: id)], unchanged: [])
        }
    }

    /// Signs a fresh head over the catalog as it stands, e.g. before the current one expires.
    @discardableResult
    public func refreshHead(now: Date = Date()) async throws -> WriteSummary {
        try await write(now: now) { _ in CatalogPlan(changes: [], unchanged: []) }
    }

    /// Normalizes and validates entries, refusing duplicates; throws listing every problem.
    static func checked(_ entries: [Entry]) throws -> [Entry] {
        let normalized = entries.map { $0.normalized() }
        var problems: [String] = []
        var seen: Set<String> = []
        for entry in normalized {
            if !seen.insert(entry.id).inserted { problems.append("entry '\(entry.id)' appears more than once") }
            problems += EntryValidator.issues(in: entry).map { "entry '\(entry.id)': \($0)" }
        }
        guard problems.isEmpty else { throw CatalogError(.invalidEntry, problems.joined(separator: "; ")) }
        return normalized
    }

    /// An id that ever left the node cannot become local: peers hold it, and a local version would
    /// never reach them to replace or withdraw it.
    static func checkVisibility(_ plan: CatalogPlan, state: OwnCatalogState) throws {
        let conflicts = plan.changes.compactMap { change -> String? in
            switch change {
            case .add(let entry), .update(let entry):
                return entry.isLocal && state.entries[entry.id]?.visibility == .federated ? entry.id : nil
            case .withdraw: return nil
            }
        }
        guard conflicts.isEmpty else {
            throw CatalogError(
                .invalidEntry,
                "entry '\(conflicts.joined(separator: "', '"))': visibility: was federated and cannot become local; "
                    + "remove it and add the local version under a new id")
        }
    }

    static func decodedEntries(_ state: OwnCatalogState) throws -> [String: CatalogPlan.Stored] {
        try state.entries.mapValues { stored in
            CatalogPlan.Stored(entry: stored.deleted ? nil : try stored.signedEntry().entry)
        }
    }

    /// Plans, signs and stores in one transaction, then signs the new head. A dry run stops after
    /// planning: the transaction is left with the summary, nothing written.
    private func write(
        now: Date, dryRun: Bool = false, plan: @Sendable @escaping (OwnCatalogState) throws -> CatalogPlan
    ) async throws -> WriteSummary {
        do {
            return try await signAndStore(now: now, dryRun: dryRun, plan: plan)
        } catch let preview as DryRun {
            return preview.summary
        }
    }

    /// What a dry run planned, carried out of the transaction it leaves unwritten.
    private struct DryRun: TransactionAbandoned {
        let summary: WriteSummary
    }

    private func signAndStore(
        now: Date, dryRun: Bool, plan: @Sendable @escaping (OwnCatalogState) throws -> CatalogPlan
    ) async throws -> WriteSummary {
        let key = signingKey
        let updated = Timestamp.format(now)
        let expires = Timestamp.format(now.addingTimeInterval(TimeInterval(config.headValidityDays) * 86_400))
        var summary = try await store.writeOwnCatalog(
            plan: { state in
                let plan = try plan(state)
                try Self.checkVisibility(plan, state: state)
                var summary = WriteSummary()
                summary.unchanged = plan.unchanged.sorted()
                summary.similarTitles = try Self.similarTitles(plan, state: state)
                if dryRun {
                    summary.seq = state.maxSeq + Int64(plan.changes.count)
                    for change in plan.changes {
                        switch change {
                        case .add(let entry): summary.added.append(entry.id)
                        case .update(let entry): summary.updated.append(entry.id)
                        case .withdraw(let id): summary.withdrawn.append(id)
                        }
                    }
                    throw DryRun(summary: summary)
                }
                var signed: [SignedEntry] = []
                var seq = state.maxSeq
                for change in plan.changes {
                    seq += 1
                    switch change {
                    case .add(let entry):
                        summary.added.append(entry.id)
                        signed.append(
                            try SignedEntry.sign(
                                .version(of: entry, origin: state.origin, seq: seq, updated: updated), with: key))
                    case .update(let entry):
                        summary.updated.append(entry.id)
                        signed.append(
                            try SignedEntry.sign(
                                .version(of: entry, origin: state.origin, seq: seq, updated: updated), with: key))
                    case .withdraw(let id):
                        summary.withdrawn.append(id)
                        signed.append(
                            try SignedEntry.sign(
                                .tombstone(origin: state.origin, id: id, seq: seq, updated: updated), with: key))
                    }
                }
                summary.seq = seq
                return (signed, summary)
            },
            signHead: { head in
                try SignedHead.sign(
                    HeadPayload(
                        origin: head.origin, seq: head.seq, live: head.live, digest: head.digest, issued: updated,
                        expires: expires),
                    with: key)
            },
            signer: key.publicKey,
            at: now)
        summary.unchanged.sort()
        return summary
    }
}

extension Node {
    /// The new entries of a plan whose title (in any language) nearly matches the title of a live
    /// entry of the catalog, or of a new entry before it in the plan.
    static func similarTitles(_ plan: CatalogPlan, state: OwnCatalogState) throws -> [WriteSummary.SimilarTitle] {
        let added = plan.changes.compactMap { change -> Entry? in
            if case .add(let entry) = change { return entry }
            return nil
        }
        guard !added.isEmpty else { return [] }
        let changed = Set(plan.changes.map(\.id))
        // Each title folded once: an import of thousands compares every new title with the others.
        func folded(_ entry: Entry) -> (entry: Entry, titles: [String]) {
            (entry, entry.title.values.keys.sorted().compactMap { entry.title[$0] }.map(SearchText.fold))
        }
        var known = try state.entries.values.filter { !$0.deleted && !changed.contains($0.id) }
            .compactMap { try $0.signedEntry().entry }.sorted { $0.id < $1.id }.map(folded)
        var found: [WriteSummary.SimilarTitle] = []
        for entry in added {
            let new = folded(entry)
            if let match = known.first(where: { other in
                other.titles.contains { theirs in new.titles.contains { TextDistance.nearlySameFolded($0, theirs) } }
            }) {
                found.append(
                    .init(
                        id: entry.id, title: entry.title.preferred() ?? entry.id, like: match.entry.id,
                        likeTitle: match.entry.title.preferred() ?? match.entry.id))
            }
            known.append(new)
        }
        return found
    }
}
