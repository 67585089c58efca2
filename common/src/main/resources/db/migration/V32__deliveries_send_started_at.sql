-- When the send now in 'sending' began. sending_since is renewed whenever an instance takes over a
-- stale delivery (that is what keeps others off it), so it cannot tell the recovery rule since when
-- to look for a message at the provider: with a 2-minute lease, a message created before the takeover
-- would be missed and sent twice. This column is set only when a send begins.
ALTER TABLE deliveries ADD COLUMN send_started_at timestamptz;
