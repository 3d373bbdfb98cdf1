/// The store's schema as numbered migrations; `PRAGMA user_version` records how many have run.
///
/// Append a migration to change the schema; never edit one that has shipped.
enum Schema {
    /// Marks our files (`PRAGMA application_id`), so a stranger's SQLite file is never migrated.
    static let applicationID: Int64 = 0x5357_4244  // "SWBD"

    /// Each entry moves the schema from version `index` to `index + 1`.
    static let migrations: [Migration] = [
        .sql(version1), .sql(version2), .sql(version3), .sql(version4), .rewrite(version5), .sql(version6),
        .sql(version7),
    ]

    /// The newest schema this build understands.
    static var latestVersion: Int { migrations.count }

    /// v7: a webhook's DM is acknowledged once its inbox row is committed, and its step runs after
    /// (`SQLiteStore.receive` / `processReceived`). Until then the row keeps what the step needs, so
    /// a DM acknowledged before a crash is processed at the next start: `text` is set exactly while
    /// the DM waits (the step clears these columns in its own transaction). The index holds only
    /// waiting rows, in the order they came.
    static let version7 = """
        ALTER TABLE inbox ADD COLUMN text TEXT;
        ALTER TABLE inbox ADD COLUMN detail TEXT;
        ALTER TABLE inbox ADD COLUMN name TEXT;
        ALTER TABLE inbox ADD COLUMN handle TEXT;
        ALTER TABLE inbox ADD COLUMN followers INTEGER;
        CREATE INDEX inbox_waiting ON inbox(received_at, event_id) WHERE text IS NOT NULL;
        """

    /// v6: an index of the outbox rows that failed for good, so `/metrics` counts them without
    /// reading every reply ever sent (there are few failed rows; sent ones grow without end).
    static let version6 = """
        CREATE INDEX outbox_failed ON outbox(id) WHERE status = 'failed';
        """

    /// v5: each CHECK that allows three or more values reads `kind = 'inbound' OR kind = 'outbound' …`
    /// instead of `kind IN ('inbound', 'outbound', …)`. For an IN list of three or more constants,
    /// SQLite builds a temporary b-tree of the list every time the statement runs, so every INSERT
    /// into events and outbox, and every write of a conversation's owner or an escalation's status,
    /// opened and closed one: about 5 µs per insert into events (EXPLAIN showed `OpenEphemeral`).
    /// The allowed values are the same, so no stored row changes or stops being valid.
    static let version5: [SchemaTextRewrite] = [
        .inList(table: "conversations", column: "owner_kind", values: ["bot", "queue", "agent"]),
        .inList(table: "events", column: "kind", values: ["inbound", "outbound", "agent", "note", "system"]),
        .inList(table: "outbox", column: "status", values: ["pending", "sent", "failed"]),
        .inList(table: "agents", column: "availability", values: ["online", "away", "offline"]),
        .inList(table: "escalations", column: "status", values: ["waiting", "assigned", "resolved"]),
    ]

    /// v4: a customer's name, handle and follower count live in their conversation's row (there is
    /// one per customer and account, and both rows were always written in the same transaction), so a
    /// new customer no longer dirties a random page of the customers table, and each DM writes one
    /// statement less. First seen is the conversation's `created_at`, last seen its `last_inbound_at`
    /// (they were always written with the same values).
    static let version4 = """
        ALTER TABLE conversations ADD COLUMN name TEXT;
        ALTER TABLE conversations ADD COLUMN handle TEXT;
        ALTER TABLE conversations ADD COLUMN followers INTEGER NOT NULL DEFAULT 0;
        UPDATE conversations SET (name, handle, followers) = (
            SELECT cu.name, cu.handle, cu.followers FROM customers cu
            WHERE cu.account = conversations.account AND cu.customer = conversations.customer)
        WHERE EXISTS (
            SELECT 1 FROM customers cu WHERE cu.account = conversations.account AND cu.customer = conversations.customer);
        DROP TABLE customers;
        """

    /// v3: contacts and tones are keyed by the conversation's id instead of (account, customer).
    /// A conversation's id grows with each new customer, so a new customer's first rows land on the
    /// last page of these two indexes instead of a random page each: the WAL written per new
    /// customer's DM fell by about 40% (`switchboard-bench store`). Each customer has one conversation
    /// per account (`UNIQUE (account, customer)`), and both rows were always written in the same
    /// transaction as it, so every existing row has its conversation.
    static let version3 = """
        CREATE TABLE contacts_v3 (
            conversation_id INTEGER NOT NULL REFERENCES conversations(id),
            at INTEGER NOT NULL
        );
        INSERT INTO contacts_v3 (rowid, conversation_id, at)
            SELECT t.rowid, c.id, t.at FROM contacts t JOIN conversations c USING (account, customer) ORDER BY t.rowid;
        DROP TABLE contacts;
        ALTER TABLE contacts_v3 RENAME TO contacts;
        CREATE INDEX contacts_by_conversation ON contacts(conversation_id, at);
        CREATE TABLE tones_v3 (
            conversation_id INTEGER NOT NULL REFERENCES conversations(id),
            at INTEGER NOT NULL,
            score REAL NOT NULL,
            label TEXT NOT NULL
        );
        INSERT INTO tones_v3 (rowid, conversation_id, at, score, label)
            SELECT t.rowid, c.id, t.at, t.score, t.label FROM tones t JOIN conversations c USING (account, customer)
            ORDER BY t.rowid;
        DROP TABLE tones;
        ALTER TABLE tones_v3 RENAME TO tones;
        CREATE INDEX tones_by_conversation ON tones(conversation_id, at);
        """

    /// Times are INTEGER milliseconds since 1970 (UTC). JSON columns hold JSON text.
    /// v2: `leased_at` marks an outbox row whose send is in flight, so a restart can tell a send
    /// that may have reached the channel (reconcile first) from one that never started.
    static let version2 = """
        ALTER TABLE outbox ADD COLUMN leased_at INTEGER;
        CREATE INDEX outbox_in_flight ON outbox(id) WHERE leased_at IS NOT NULL;
        """

    static let version1 = """
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL,
            customer TEXT NOT NULL,
            state BLOB NOT NULL,
            slots TEXT NOT NULL DEFAULT '{}',
            owner_kind TEXT NOT NULL CHECK (owner_kind IN ('bot', 'queue', 'agent')),
            owner_id TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            last_inbound_at INTEGER,
            version INTEGER NOT NULL DEFAULT 0,
            UNIQUE (account, customer),
            CHECK ((owner_kind = 'bot') = (owner_id IS NULL))
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id),
            kind TEXT NOT NULL CHECK (kind IN ('inbound', 'outbound', 'agent', 'note', 'system')),
            at INTEGER NOT NULL,
            actor TEXT,
            text TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX events_by_conversation ON events(conversation_id, id);
        CREATE TABLE inbox (
            event_id TEXT PRIMARY KEY,
            account TEXT NOT NULL,
            customer TEXT NOT NULL,
            received_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id),
            recipient TEXT NOT NULL,
            payload TEXT NOT NULL,
            delivery_id TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            created_at INTEGER NOT NULL,
            sent_at INTEGER
        );
        CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE status = 'pending';
        CREATE TABLE agents (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            capacity INTEGER NOT NULL CHECK (capacity >= 0),
            availability TEXT NOT NULL CHECK (availability IN ('online', 'away', 'offline')),
            token_hash BLOB UNIQUE,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE agent_queues (
            agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
            queue TEXT NOT NULL,
            PRIMARY KEY (agent_id, queue)
        ) WITHOUT ROWID;
        CREATE INDEX agent_queues_by_queue ON agent_queues(queue, agent_id);
        CREATE TABLE escalations (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id),
            queue TEXT NOT NULL,
            reason TEXT NOT NULL,
            intents TEXT NOT NULL DEFAULT '[]',
            transcript_from_event INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('waiting', 'assigned', 'resolved')),
            agent_id TEXT REFERENCES agents(id),
            priority REAL NOT NULL,
            rank_key REAL NOT NULL,
            explanation TEXT NOT NULL DEFAULT '[]',
            created_at INTEGER NOT NULL,
            first_response_at INTEGER,
            resolved_at INTEGER,
            resolved_by TEXT,
            frt_at_risk_at INTEGER,
            frt_due_at INTEGER,
            resolution_at_risk_at INTEGER,
            resolution_due_at INTEGER,
            csat_requested_at INTEGER,
            csat INTEGER CHECK (csat BETWEEN 1 AND 5),
            reopened_count INTEGER NOT NULL DEFAULT 0,
            CHECK ((status = 'assigned') = (agent_id IS NOT NULL))
        );
        CREATE INDEX escalations_open ON escalations(rank_key DESC, created_at, id) WHERE status <> 'resolved';
        CREATE INDEX escalations_open_by_queue ON escalations(queue, rank_key DESC, created_at, id)
            WHERE status <> 'resolved';
        CREATE UNIQUE INDEX one_open_escalation_per_conversation ON escalations(conversation_id)
            WHERE status <> 'resolved';
        CREATE INDEX escalations_by_agent ON escalations(agent_id) WHERE status = 'assigned';
        CREATE INDEX escalations_by_conversation ON escalations(conversation_id, id);
        CREATE TABLE customers (
            account TEXT NOT NULL,
            customer TEXT NOT NULL,
            name TEXT,
            handle TEXT,
            followers INTEGER NOT NULL DEFAULT 0,
            first_seen_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            PRIMARY KEY (account, customer)
        ) WITHOUT ROWID;
        CREATE TABLE contacts (
            account TEXT NOT NULL,
            customer TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE INDEX contacts_by_customer ON contacts(account, customer, at);
        CREATE TABLE tones (
            account TEXT NOT NULL,
            customer TEXT NOT NULL,
            at INTEGER NOT NULL,
            score REAL NOT NULL,
            label TEXT NOT NULL
        );
        CREATE INDEX tones_by_customer ON tones(account, customer, at);
        """
}
