-- The delivery loop claims due rows ORDER BY scheduled_for, id LIMIT n FOR UPDATE SKIP LOCKED. With
-- the V4 index on (channel, scheduled_for) a broadcast, whose 100 000 rows share one scheduled_for,
-- was read and sorted in full for every claim (about 300 ms each, JIT included). With id in the
-- index the claim reads just the n rows it takes.
CREATE INDEX deliveries_due_in_order ON deliveries (channel, scheduled_for, id) WHERE status = 'scheduled';
DROP INDEX deliveries_due;
