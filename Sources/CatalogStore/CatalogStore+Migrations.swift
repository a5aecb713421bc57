import CatalogCore
import Foundation
import GRDB

extension CatalogStore {
    /// The schema's history. Never edit a migration once it has landed: add the next one. A
    /// migration is SQL alone, never today's application code (which may change); derived data
    /// it needs rebuilt is marked in `pending_rebuild` and rebuilt after migrating (`DerivedData`).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1: origins, keys, entries, heads") { db in
            // Every origin the node has heard of. `max_seq` is the high-water mark of the origin's
            // seqs seen here: it never goes down, so a replayed older version is caught.
            try db.execute(
                sql: """
                    CREATE TABLE origin (
                        name TEXT PRIMARY KEY NOT NULL,
                        is_self INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1)),
                        max_seq INTEGER NOT NULL DEFAULT 0 CHECK (max_seq >= 0)
                    );
                    CREATE UNIQUE INDEX origin_single_self ON origin(is_self) WHERE is_self = 1;

                    -- The keys whose signatures the node accepts for an origin, and why.
                    CREATE TABLE origin_key (
                        origin TEXT NOT NULL REFERENCES origin(name),
                        key_id TEXT NOT NULL,
                        public_key BLOB NOT NULL CHECK (length(public_key) = 32),
                        source TEXT NOT NULL CHECK (source IN ('self', 'pinned', 'endorsed')),
                        added_at TEXT NOT NULL,
                        PRIMARY KEY (origin, key_id)
                    );

                    -- The newest envelope of each entry, a tombstone included, stored byte for byte.
                    -- Superseded versions are not kept: they may hold personal data a newer one removed.
                    -- `receipt` orders the node's change feed; each write moves the entry to the end.
                    CREATE TABLE entry (
                        origin TEXT NOT NULL REFERENCES origin(name),
                        id TEXT NOT NULL,
                        seq INTEGER NOT NULL CHECK (seq > 0),
                        updated TEXT NOT NULL,
                        deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
                        type TEXT CHECK (type IN ('offering', 'training')),
                        visibility TEXT NOT NULL CHECK (visibility IN ('federated', 'local')),
                        payload_hash TEXT NOT NULL CHECK (length(payload_hash) = 64),
                        envelope BLOB NOT NULL,
                        receipt INTEGER NOT NULL UNIQUE,
                        received_at TEXT NOT NULL,
                        via_peer TEXT,
                        PRIMARY KEY (origin, id),
                        CHECK ((deleted = 1) = (type IS NULL))
                    );
                    CREATE INDEX entry_by_origin_seq ON entry(origin, seq);

                    -- The newest signed head of each origin.
                    CREATE TABLE head (
                        origin TEXT PRIMARY KEY NOT NULL REFERENCES origin(name),
                        seq INTEGER NOT NULL CHECK (seq >= 0),
                        live INTEGER NOT NULL CHECK (live >= 0),
                        digest TEXT NOT NULL,
                        issued TEXT NOT NULL,
                        expires TEXT NOT NULL,
                        envelope BLOB NOT NULL,
                        received_at TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2: federation") { db in
            try db.execute(
                sql: """
                    -- Heads travel in the change feed too: they share the entries' receipt sequence.
                    ALTER TABLE head ADD COLUMN receipt INTEGER;
                    UPDATE head SET receipt = (SELECT coalesce(max(receipt), 0) FROM entry) + rowid;
                    CREATE UNIQUE INDEX head_receipt ON head(receipt);
                    ALTER TABLE head ADD COLUMN via_peer TEXT;

                    -- Every (origin, seq) the node has accepted, with the payload's hash: two different
                    -- envelopes with one seq are equivocation. Holds no entry content, so it may outlive
                    -- the versions it describes.
                    CREATE TABLE seq_record (
                        origin TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        payload_hash TEXT NOT NULL,
                        PRIMARY KEY (origin, seq)
                    ) WITHOUT ROWID;
                    INSERT INTO seq_record (origin, seq, payload_hash) SELECT origin, seq, payload_hash FROM entry;

                    -- The newest statement of each endorser about each subject key, as received.
                    CREATE TABLE endorsement (
                        endorser TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        subject_key BLOB NOT NULL CHECK (length(subject_key) = 32),
                        level TEXT NOT NULL CHECK (level IN ('cluster', 'agency', 'national')),
                        region TEXT NOT NULL,
                        issued TEXT NOT NULL,
                        expires TEXT NOT NULL,
                        revoked INTEGER NOT NULL CHECK (revoked IN (0, 1)),
                        envelope BLOB NOT NULL,
                        received_at TEXT NOT NULL,
                        via_peer TEXT,
                        PRIMARY KEY (endorser, subject, subject_key)
                    );

                    -- Where the node stands with each peer: the feed cursor it resumes from, and how the
                    -- last attempts went (for backoff and for `peers list`).
                    CREATE TABLE peer_state (
                        peer TEXT PRIMARY KEY NOT NULL,
                        cursor INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
                        endorsements_digest TEXT,
                        trust_digest TEXT,
                        last_attempt TEXT,
                        last_success TEXT,
                        last_error TEXT,
                        failures INTEGER NOT NULL DEFAULT 0
                    );

                    -- What the node refused to store, and why.
                    CREATE TABLE refusal (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        peer TEXT,
                        origin TEXT,
                        entry_id TEXT,
                        seq INTEGER,
                        reason TEXT NOT NULL,
                        detail TEXT NOT NULL
                    );
                    CREATE INDEX refusal_by_reason ON refusal(reason);
                    """)
        }
        migrator.registerMigration("v3: search") { db in
            // The search index of live entries, kept in step with `entry` by `upsert` in the same
            // transaction. Text is folded (`SearchText`) and indexed by trigrams, so parts of German
            // compounds match ("technik" finds "Medizintechnik").
            try db.execute(
                sql: """
                    CREATE TABLE search_doc (
                        doc_id INTEGER PRIMARY KEY,
                        origin TEXT NOT NULL,
                        id TEXT NOT NULL,
                        type TEXT NOT NULL,
                        kind TEXT,
                        free INTEGER NOT NULL,
                        local INTEGER NOT NULL,
                        valid_from TEXT,
                        valid_until TEXT,
                        last_end TEXT,
                        title TEXT NOT NULL
                    );
                    CREATE UNIQUE INDEX search_doc_by_entry ON search_doc(origin, id);
                    CREATE TABLE search_tag (
                        doc_id INTEGER NOT NULL,
                        facet TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (facet, value, doc_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX search_tag_by_entry ON search_tag(doc_id);
                    CREATE TABLE search_session (
                        doc_id INTEGER NOT NULL,
                        start TEXT NOT NULL,
                        "end" TEXT NOT NULL,
                        mode TEXT NOT NULL,
                        city TEXT,
                        region TEXT,
                        month TEXT NOT NULL,
                        cancelled INTEGER NOT NULL
                    );
                    CREATE INDEX search_session_by_entry ON search_session(doc_id, start);
                    CREATE VIRTUAL TABLE search_fts USING fts5(
                        title, summary, keywords, labels, organizer, location, description, tokenize = 'trigram'
                    );
                    """)
            // The entries held are indexed after migrating, by today's indexer (`DerivedData`).
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS pending_rebuild (what TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
                    INSERT OR IGNORE INTO pending_rebuild (what) VALUES ('search-index');
                    """)
        }
        migrator.registerMigration("v4: key rotations") { db in
            // Origins' statements that they sign with a new key, signed by the old and the new key.
            try db.execute(
                sql: """
                    CREATE TABLE key_rotation (
                        origin TEXT NOT NULL,
                        old_key BLOB NOT NULL CHECK (length(old_key) = 32),
                        new_key BLOB NOT NULL CHECK (length(new_key) = 32),
                        from_seq INTEGER NOT NULL CHECK (from_seq > 0),
                        issued TEXT NOT NULL,
                        envelope BLOB NOT NULL,
                        received_at TEXT NOT NULL,
                        via_peer TEXT,
                        PRIMARY KEY (origin, new_key)
                    );
                    """)
        }
        migrator.registerMigration("v5: word search index") { db in
            // Words instead of trigrams: a tenth of the index to write, and broad terms rank in
            // milliseconds. Substrings ("technik" in "Medizintechnik") are found through the
            // dictionary of indexed words, which has a trigram index of its own.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE search_words USING fts5(
                        title, summary, keywords, labels, organizer, location, description,
                        tokenize = 'unicode61 remove_diacritics 0'
                    );
                    INSERT INTO search_words (rowid, title, summary, keywords, labels, organizer, location, description)
                        SELECT rowid, title, summary, keywords, labels, organizer, location, description FROM search_fts;
                    DROP TABLE search_fts;
                    ALTER TABLE search_words RENAME TO search_fts;
                    CREATE TABLE search_term (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
                    CREATE VIRTUAL TABLE search_term_fts USING fts5(
                        term, content = 'search_term', content_rowid = 'id', tokenize = 'trigram'
                    );
                    CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab(main, search_fts, 'row');
                    INSERT INTO search_term (term) SELECT term FROM temp.search_vocabulary;
                    DROP TABLE temp.search_vocabulary;
                    INSERT INTO search_term_fts (rowid, term) SELECT id, term FROM search_term;
                    """)
        }
        migrator.registerMigration("v6: trust refusals per peer") { db in
            // Unknown for peers pulled before: assume something was refused or dropped, so that new
            // trust restarts their feeds and fetches their endorsements again.
            try db.execute(
                sql: """
                    ALTER TABLE peer_state ADD COLUMN refused_for_trust INTEGER NOT NULL DEFAULT 1;
                    ALTER TABLE peer_state ADD COLUMN endorsements_dropped INTEGER NOT NULL DEFAULT 1;
                    """)
        }
        migrator.registerMigration("v7: covering indexes for catalog lines and next sessions") { db in
            // What heads, completeness checks and the overview read of each origin: id, seq and hash
            // of its live entries, without reading the rows, whose envelopes fill most of the file.
            try db.execute(
                sql: """
                    CREATE INDEX entry_lines ON entry(origin, deleted, visibility, id, seq, payload_hash);
                    -- A match's next session and its city, read from the index alone.
                    CREATE INDEX search_session_next ON search_session(doc_id, start, "end", cancelled, city);
                    DROP INDEX search_session_by_entry;
                    """)
        }
        migrator.registerMigration("v8: bounded refusals, trust version, entry signers") { db in
            try db.execute(
                sql: """
                    -- Refusals ever counted, by the peer that served them; by origin only when the origin's
                    -- own key signed two envelopes for one seq (equivocation): a relay cannot blame an origin.
                    -- The `refusal` table keeps only the newest rows per peer; these counts keep the rest.
                    CREATE TABLE refusal_count (
                        peer TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        count INTEGER NOT NULL,
                        PRIMARY KEY (peer, origin, reason)
                    ) WITHOUT ROWID;
                    INSERT INTO refusal_count (peer, origin, reason, count)
                        SELECT coalesce(peer, ''),
                               CASE WHEN reason = 'equivocation' THEN coalesce(origin, '') ELSE '' END,
                               reason, count(*)
                        FROM refusal GROUP BY 1, 2, 3;
                    CREATE INDEX refusal_by_peer ON refusal(peer, id);
                    DELETE FROM refusal WHERE id IN (
                        SELECT id FROM (
                            SELECT id, row_number() OVER (PARTITION BY peer ORDER BY id DESC) AS n FROM refusal
                        ) WHERE n > 1000);

                    -- Moves on every change of what trust is computed from, so that a computed trust set
                    -- can be kept until the next one.
                    CREATE TABLE trust_version (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        version INTEGER NOT NULL
                    );
                    INSERT INTO trust_version (id, version) VALUES (1, 0);
                    CREATE INDEX endorsement_by_expiry ON endorsement(revoked, expires);
                    -- The key a statement's signature was checked under when it was stored: trust is
                    -- then evaluated without checking it again (NULL: check it).
                    ALTER TABLE endorsement ADD COLUMN signer_key BLOB CHECK (length(signer_key) = 32);
                    -- The endorser a received rotation's origin is trusted through: its share is bounded.
                    ALTER TABLE key_rotation ADD COLUMN sponsor TEXT;
                    CREATE INDEX key_rotation_by_sponsor ON key_rotation(sponsor);

                    -- The key id an envelope is signed under, so that the overview can tell, without
                    -- reading every envelope, whether an origin's copy still verifies under the keys
                    -- the node trusts for its seqs.
                    ALTER TABLE entry ADD COLUMN signer TEXT;
                    UPDATE entry SET signer = json_extract(CAST(envelope AS TEXT), '$.signatures[0].keyid')
                        WHERE json_valid(CAST(envelope AS TEXT));
                    CREATE INDEX entry_by_signer ON entry(origin, signer, seq);
                    """)
            // Every write to what trust is computed from moves the version (rotations and own keys
            // are never updated in place).
            for (table, name, events) in [
                ("endorsement", "endorsement", ["INSERT", "UPDATE", "DELETE"]),
                ("key_rotation", "rotation", ["INSERT", "DELETE"]), ("origin_key", "origin_key", ["INSERT", "DELETE"]),
            ] {
                for event in events {
                    try db.execute(
                        sql: """
                            CREATE TRIGGER \(name)_\(event.lowercased()) AFTER \(event) ON \(table)
                                BEGIN UPDATE trust_version SET version = version + 1; END
                            """)
                }
            }
            // Details logged before were kept whole and raw: they are cut to an escaped excerpt
            // after migrating, by today's text rule (`DerivedData`).
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS pending_rebuild (what TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
                    INSERT OR IGNORE INTO pending_rebuild (what) VALUES ('refusal-details');
                    """)
        }
        migrator.registerMigration("v9: derived data") { db in
            try db.execute(
                sql: """
                    -- What a migration needs rebuilt with today's code once the schema is current
                    -- (`DerivedData`); v3 and v8 create it for databases older than they are.
                    CREATE TABLE IF NOT EXISTS pending_rebuild (what TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
                    -- Entries held that a rebuild of the search index could not index: kept, reported,
                    -- and forgotten here once a new version of the entry is stored.
                    CREATE TABLE unindexed_entry (
                        origin TEXT NOT NULL,
                        id TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        PRIMARY KEY (origin, id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v10: watches") { db in
            try db.execute(
                sql: """
                    -- Saved searches of the node's operator. `parameters` is the search as URL query
                    -- parameters (as GET /v1/search reads them); `seen_receipt` the node's change-feed
                    -- position when the watch last looked: entries stored after it are its new matches.
                    CREATE TABLE watch (
                        name TEXT PRIMARY KEY NOT NULL,
                        parameters TEXT NOT NULL,
                        created TEXT NOT NULL,
                        seen_receipt INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v11: search documents in change-feed order") { db in
            // Searches list the newest first by document number, which a rebuild now assigns in
            // change-feed order, as storing does; older rebuilds numbered in table order.
            try db.execute(sql: "INSERT OR IGNORE INTO pending_rebuild (what) VALUES ('search-index')")
        }
        migrator.registerMigration("v12: English stems, prices, session cities") { db in
            // The English Snowball stem of each word of English texts, to the dictionary's words;
            // an entry's price in euros and each session's folded city, for filters. A rebuild
            // fills them, and indexes the vocabularies' short forms beside the labels.
            try db.execute(
                sql: """
                    CREATE TABLE search_stem (
                        stem TEXT NOT NULL,
                        term_id INTEGER NOT NULL REFERENCES search_term(id),
                        PRIMARY KEY (stem, term_id)
                    ) WITHOUT ROWID;
                    ALTER TABLE search_doc ADD COLUMN price_eur REAL;
                    ALTER TABLE search_session ADD COLUMN city_key TEXT;
                    DROP INDEX search_session_next;
                    CREATE INDEX search_session_next
                        ON search_session(doc_id, start, "end", cancelled, city, mode, region, city_key);
                    INSERT OR IGNORE INTO pending_rebuild (what) VALUES ('search-index');
                    """)
        }
        migrator.registerMigration("v13: origins the feed serves") { db in
            // The feed serves only origins the node trusts; when one is trusted again, its items
            // move to the feed's end so that pullers past their old positions see them. Until now
            // every origin held was served.
            try db.execute(
                sql: """
                    CREATE TABLE served_origin (origin TEXT PRIMARY KEY) WITHOUT ROWID;
                    INSERT OR IGNORE INTO served_origin (origin) SELECT DISTINCT origin FROM entry;
                    INSERT OR IGNORE INTO served_origin (origin) SELECT origin FROM head;
                    """)
        }
        return migrator
    }
}
