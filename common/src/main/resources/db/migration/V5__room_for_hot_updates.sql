-- Rows updated over and over get room in their own page, so PostgreSQL updates them in place (HOT):
-- no new entry in every index, and the old version is pruned with the page, which matters with or
-- without autovacuum. Measured at 16 000 msg/s before this: devices.last_seen_at (every device every
-- 10 s) had 619 HOT updates out of 82 008, each other one adding an entry to all six of its
-- indexes; the roll-up merges had none (docs/benchmarks.md). Applies to pages written from now on:
-- on an existing installation, VACUUM FULL (or pg_repack) rewrites the old pages with the room.
ALTER TABLE devices SET (fillfactor = 70);
-- A minute row is updated by the one or two runs after the one that inserted it.
ALTER TABLE telemetry_1m SET (fillfactor = 70);
-- An hour row is updated by every run of its hour.
ALTER TABLE telemetry_1h SET (fillfactor = 50);
