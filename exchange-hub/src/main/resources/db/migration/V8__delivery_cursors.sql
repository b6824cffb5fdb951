-- Deliveries as cursors over the record log (ADR 8, point 4). Nothing is written per record and receiver any more:
-- each push receiver has a cursor (the log position of the last record handed to it), and only a delivery that
-- failed has a row.

-- One row per push receiver. start_position: the cursor's first position (records at or below it were never meant
-- for this receiver: it was subscribed later). A dispatcher round takes the lease (holder, lease_until) only when it
-- is free or expired and bumps fence; it moves position only while holder and fence are still its own, so a round
-- that lost its lease cannot move the cursor.
CREATE TABLE delivery_cursor (
    receiver         VARCHAR(64)   NOT NULL PRIMARY KEY,
    start_position   BIGINT        NOT NULL,
    position         BIGINT        NOT NULL,
    holder           VARCHAR(64),
    lease_until      TIMESTAMP WITH TIME ZONE,
    fence            BIGINT        NOT NULL
);

-- A delivery that did not go through on its first attempt, or a later version of the same record waiting behind it.
-- state: WAITING (held behind an older version of the same record to the same receiver that is RETRYING or WAITING),
-- RETRYING (due at next_attempt_at), DEAD (a dead letter after the last attempt: parked_at), DELIVERED (resolved:
-- the row stays, so the delivery's attempts and a dead letter's replays can still be read).
CREATE TABLE delivery_failure (
    delivery_id      VARCHAR(96)   NOT NULL PRIMARY KEY,
    receiver         VARCHAR(64)   NOT NULL,
    seq              BIGINT        NOT NULL,
    position         BIGINT        NOT NULL,
    record_type      VARCHAR(32)   NOT NULL,
    record_id        VARCHAR(128)  NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(2000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    parked_at        TIMESTAMP WITH TIME ZONE,
    replays          INT           NOT NULL,
    replayed_at      TIMESTAMP WITH TIME ZONE
);

CREATE INDEX delivery_failure_due ON delivery_failure (receiver, state, seq);
CREATE INDEX delivery_failure_key ON delivery_failure (receiver, record_type, record_id, seq);
CREATE INDEX delivery_failure_position ON delivery_failure (receiver, position);
CREATE INDEX delivery_failure_parked ON delivery_failure (receiver, parked_at);

-- Existing deliveries move. A DEAD delivery becomes a DEAD failure row (still listed and replayable); one that was
-- tried and is waiting for its retry, or was ever a dead letter (replayed since), keeps its row with its attempts,
-- error and replays. Delivery ids stay d-<receiver>-<seq>.
INSERT INTO delivery_failure (delivery_id, receiver, seq, position, record_type, record_id, state, attempts,
                              next_attempt_at, last_error, created_at, delivered_at, parked_at, replays, replayed_at)
SELECT d.delivery_id, d.receiver, d.seq, l.position, d.record_type, d.record_id,
       CASE d.state WHEN 'PENDING' THEN 'RETRYING' ELSE d.state END,
       d.attempts, d.next_attempt_at, COALESCE(x.error, d.last_error), d.created_at, d.delivered_at, x.parked_at,
       COALESCE(x.replays, 0), x.replayed_at
FROM delivery d
JOIN notary_log l ON l.seq = d.seq
LEFT JOIN dead_letter x ON x.delivery_id = d.delivery_id
WHERE d.state = 'DEAD' OR (d.state = 'PENDING' AND d.attempts > 0) OR x.delivery_id IS NOT NULL;

-- A receiver's cursor stands just before its oldest delivery still waiting for a first attempt, or after its last
-- delivery when none is. Deliveries after the cursor are sent again by the cursor, with the same ids (a receiver
-- that already had one of them drops it as a duplicate, as it always did); the ones with a failure row are skipped by
-- the cursor and retried from their row.
INSERT INTO delivery_cursor (receiver, start_position, position, holder, lease_until, fence)
SELECT d.receiver,
       MIN(l.position) - 1,
       COALESCE(MIN(CASE WHEN d.state = 'PENDING' AND d.attempts = 0 AND x.delivery_id IS NULL
                         THEN l.position END) - 1,
                MAX(l.position)),
       NULL, NULL, 0
FROM delivery d
JOIN notary_log l ON l.seq = d.seq
LEFT JOIN dead_letter x ON x.delivery_id = d.delivery_id
GROUP BY d.receiver;

DROP TABLE dead_letter;
DROP TABLE delivery;
