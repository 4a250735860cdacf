-- Why Kafka refused an outbox row for good (e.g. over its size limit). A refused row counts as handled (sent_at is
-- set, so it no longer holds up the rows behind it), is announced on muster.dead-letters.v1, and is kept, never
-- purged, so that its payload can still be read.
ALTER TABLE outbox ADD COLUMN refused text;
