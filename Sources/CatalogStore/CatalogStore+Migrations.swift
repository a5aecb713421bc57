import GRDB

extension CatalogStore {
    /// The schema's history. Never edit a migration once it has landed: add the next one.
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
        return migrator
    }
}
