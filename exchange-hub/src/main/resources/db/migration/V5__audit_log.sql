-- The tamper-evident audit log (docs/audit.md). audit_entry is append-only: the hub only INSERTs and SELECTs it, and
-- on PostgreSQL the application user should be granted nothing more (REVOKE UPDATE, DELETE, TRUNCATE). Each entry's
-- hash covers the previous entry's hash, so altering, deleting or reordering a row breaks the chain from there on.
CREATE TABLE audit_entry (
    seq             BIGINT        NOT NULL PRIMARY KEY,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_kind      VARCHAR(16)   NOT NULL,
    actor           VARCHAR(128)  NOT NULL,
    operation       VARCHAR(32)   NOT NULL,
    request         VARCHAR(600)  NOT NULL,
    record_type     VARCHAR(32),
    record_id       VARCHAR(128),
    record_version  INT,
    status          INT           NOT NULL,
    code            VARCHAR(64),
    previous_hash   VARCHAR(64)   NOT NULL,
    entry_hash      VARCHAR(64)   NOT NULL
);

CREATE INDEX audit_entry_actor ON audit_entry (actor, seq);
CREATE INDEX audit_entry_record ON audit_entry (record_type, record_id, seq);

-- One row: the chain's head. Appenders lock it (SELECT ... FOR UPDATE) in the append transaction, so entries are
-- chained one at a time even when several hub instances share the database. The only audit table the hub updates.
CREATE TABLE audit_head (
    id              INT           NOT NULL PRIMARY KEY,
    seq             BIGINT        NOT NULL,
    head_hash       VARCHAR(64)   NOT NULL
);

INSERT INTO audit_head (id, seq, head_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The chain head anchored on the ledger as batch audit-<up_to_seq> with the head hash as its root and up_to_seq as
-- its leaf count. Append-only like audit_entry.
CREATE TABLE audit_anchor (
    up_to_seq       BIGINT        NOT NULL PRIMARY KEY,
    head_hash       VARCHAR(64)   NOT NULL,
    batch_id        VARCHAR(64)   NOT NULL,
    ledger_mode     VARCHAR(16)   NOT NULL,
    ledger_channel  VARCHAR(128)  NOT NULL,
    ledger_tx_id    VARCHAR(128)  NOT NULL,
    ledger_block    BIGINT        NOT NULL,
    anchored_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
