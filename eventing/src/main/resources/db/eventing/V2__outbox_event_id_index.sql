-- Lets a service wait for one event's acknowledgement (sent_at) without scanning the outbox.
CREATE INDEX outbox_event_id ON outbox (event_id);
