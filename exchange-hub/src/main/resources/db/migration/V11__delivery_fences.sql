-- Fenced deliveries (issue 14, point 5; ADR 13). Every change a dispatcher round makes to a failure row runs in one
-- transaction with an extension of its cursor lease (holder and fence checked), so a round that lost its lease changes
-- nothing; this column and the constraint make the same rules visible, and binding, in the table.

-- The fence of the cursor lease under which the row was last written by a dispatcher round (0 for rows written before
-- this migration). A round writes a row only while its fence is at least the row's, so a stale round cannot write over
-- what a later holder wrote, even if the cursor check were ever left out.
ALTER TABLE delivery_failure ADD COLUMN fence BIGINT DEFAULT 0 NOT NULL;

-- A delivery the receiver acknowledged stays DELIVERED: wave 1's park() could overwrite a DELIVERED row (a round that
-- outlived its lease parking a delivery another round had delivered meanwhile), leaving a DEAD row with a delivered_at.
-- Those deliveries reached the receiver (delivered_at is only set on an acknowledgement): they are DELIVERED again.
UPDATE delivery_failure SET state = 'DELIVERED' WHERE delivered_at IS NOT NULL AND state <> 'DELIVERED';

-- Once delivered_at is set only DELIVERED is allowed: no statement can make a delivered row DEAD, RETRYING or WAITING
-- without also erasing when it was delivered, which none does.
ALTER TABLE delivery_failure ADD CONSTRAINT delivery_failure_delivered_stays
    CHECK (delivered_at IS NULL OR state = 'DELIVERED');
