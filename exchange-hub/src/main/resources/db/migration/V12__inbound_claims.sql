-- Which hub instance reads each inbound source now (ADR 12): one row per source, named by its route id
-- (housing-exchange-unit: an exchange table; housing-file-contracts: one export format's files in the drop folder).
-- An instance takes a source only when it is free (holder NULL) or its lease ran out, bumping fence; it renews the
-- lease while it reads, and gives the source back at a clean stop. A dead instance's source is taken over once
-- lease_until has passed.
CREATE TABLE inbound_claim (
    source       VARCHAR(200)  NOT NULL PRIMARY KEY,
    holder       VARCHAR(200),
    lease_until  TIMESTAMP WITH TIME ZONE,
    fence        BIGINT        NOT NULL
);
