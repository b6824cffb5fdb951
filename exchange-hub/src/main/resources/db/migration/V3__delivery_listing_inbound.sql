-- Deliveries: one row per anchored record version and push subscriber, written in the transaction that marks the
-- record's batch anchored (so every delivery carries a complete receipt, and none is lost or made twice).
-- state: PENDING (due at next_attempt_at; a claim moves next_attempt_at forward as a lease) -> DELIVERED, or DEAD
-- after the last attempt (then parked in dead_letter). The delivery id is the same on every attempt.
CREATE TABLE delivery (
    delivery_id      VARCHAR(96)   NOT NULL PRIMARY KEY,
    receiver         VARCHAR(64)   NOT NULL,
    seq              BIGINT        NOT NULL REFERENCES record_version (seq),
    record_type      VARCHAR(32)   NOT NULL,
    record_id        VARCHAR(128)  NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(2000),
    CONSTRAINT delivery_once UNIQUE (receiver, seq)
);

CREATE INDEX delivery_due ON delivery (receiver, state, next_attempt_at, seq);
CREATE INDEX delivery_key ON delivery (receiver, record_type, record_id, seq);

-- Deliveries that failed their last attempt, for an operator to inspect and replay. A replay puts the delivery back
-- to PENDING with fresh attempts; the row stays (replayed_at, replays) until it is dead again or delivered.
CREATE TABLE dead_letter (
    delivery_id      VARCHAR(96)   NOT NULL PRIMARY KEY REFERENCES delivery (delivery_id),
    receiver         VARCHAR(64)   NOT NULL,
    attempts         INT           NOT NULL,
    error            VARCHAR(2000),
    parked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    replayed_at      TIMESTAMP WITH TIME ZONE,
    replays          INT           NOT NULL
);

CREATE INDEX dead_letter_receiver ON dead_letter (receiver, parked_at);

-- Camel's JDBC idempotent repository (org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository): the
-- inbound routes' record of what they already published, per route.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName    VARCHAR(255)  NOT NULL,
    messageId        VARCHAR(255)  NOT NULL,
    createdAt        TIMESTAMP     NOT NULL,
    PRIMARY KEY (processorName, messageId)
);

-- The public listing (楼盘公示, 房屋销控, contract and filing status): the latest public view of each PROJECT,
-- BUILDING, UNIT, CONTRACT and FILING as the portal adapter made it, with nothing personal in it.
CREATE TABLE listing_record (
    record_type      VARCHAR(32)   NOT NULL,
    record_id        VARCHAR(128)  NOT NULL,
    version          INT           NOT NULL,
    receipt_id       VARCHAR(64)   NOT NULL,
    public_view      VARCHAR(100000) NOT NULL,
    project_id       VARCHAR(128),
    building_id      VARCHAR(128),
    house_code       VARCHAR(128),
    contract_no      VARCHAR(128),
    status           VARCHAR(32),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (record_type, record_id)
);

CREATE INDEX listing_project ON listing_record (record_type, project_id);
CREATE INDEX listing_building ON listing_record (record_type, building_id);
CREATE INDEX listing_house ON listing_record (record_type, house_code);
CREATE INDEX listing_contract ON listing_record (record_type, contract_no);
