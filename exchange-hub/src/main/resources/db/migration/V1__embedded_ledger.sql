-- The embedded ledger: the same notary chaincode run in-process over these tables (ledger mode "embedded").
-- Blocks are hash-chained and signed by the hub; one committed transaction per block. Nothing here is ever updated
-- except ledger_state, the world state, which a chain check recomputes from ledger_key_history.

CREATE TABLE ledger_block (
    block_number        BIGINT        NOT NULL PRIMARY KEY,
    previous_hash       VARCHAR(64)   NOT NULL,
    data_hash           VARCHAR(64)   NOT NULL,
    block_hash          VARCHAR(64)   NOT NULL,
    signature           VARCHAR(512)  NOT NULL,
    signer_certificate  VARCHAR(8192) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE ledger_transaction (
    tx_id               VARCHAR(64)   NOT NULL PRIMARY KEY,
    block_number        BIGINT        NOT NULL REFERENCES ledger_block (block_number),
    function_name       VARCHAR(128)  NOT NULL,
    arguments           VARCHAR(1000000) NOT NULL,
    creator_msp_id      VARCHAR(256)  NOT NULL,
    creator_certificate VARCHAR(8192) NOT NULL,
    tx_time             TIMESTAMP WITH TIME ZONE NOT NULL,
    result              VARCHAR(1000000),
    event_name          VARCHAR(256),
    event_payload       BYTEA
);

CREATE UNIQUE INDEX ledger_transaction_block ON ledger_transaction (block_number);

-- Keys are stored as the UTF-8 bytes of the Fabric key, so that range queries order them as Fabric's LevelDB does.
CREATE TABLE ledger_state (
    state_key           BYTEA         NOT NULL PRIMARY KEY,
    state_value         BYTEA         NOT NULL,
    block_number        BIGINT        NOT NULL,
    tx_id               VARCHAR(64)   NOT NULL
);

CREATE TABLE ledger_key_history (
    state_key           BYTEA         NOT NULL,
    block_number        BIGINT        NOT NULL,
    tx_id               VARCHAR(64)   NOT NULL,
    state_value         BYTEA,
    is_delete           BOOLEAN       NOT NULL,
    tx_time             TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (state_key, block_number)
);

CREATE INDEX ledger_key_history_block ON ledger_key_history (block_number);

-- One row: the chain's head. Committers lock it (SELECT ... FOR UPDATE), so blocks are appended one at a time even
-- when several hub instances share the database.
CREATE TABLE ledger_head (
    id                  INT           NOT NULL PRIMARY KEY,
    height              BIGINT        NOT NULL,
    head_hash           VARCHAR(64)   NOT NULL
);

INSERT INTO ledger_head (id, height, head_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
