-- The notary off the ledger call (docs/adr/0010-the-notary-off-the-ledger-call.md): a sealed batch is claimed for
-- anchoring with a lease instead of a row lock held across the ledger call. claimed_by: the claim (hub instance and
-- claim number) that anchors it now; lease_until: no one else may claim it before then (also set, with claimed_by
-- NULL, on a batch the ledger refused: its next try). Both NULL: anyone may claim it. An ANCHORED batch has neither.
ALTER TABLE notary_batch ADD COLUMN claimed_by VARCHAR(128);
ALTER TABLE notary_batch ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
