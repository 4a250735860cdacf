-- The event store: every state change of a service, in streams with optimistic concurrency.
CREATE TABLE events (
    position     bigserial   PRIMARY KEY,
    stream_id    text        NOT NULL,
    version      bigint      NOT NULL CHECK (version > 0),
    event_id     uuid        NOT NULL UNIQUE,
    type         text        NOT NULL,
    type_version int         NOT NULL,
    payload      jsonb       NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT events_stream_version UNIQUE (stream_id, version)
);

-- The transactional outbox: public events written with the state change that caused them,
-- relayed to Kafka in position order and marked sent only after Kafka acknowledged them.
CREATE TABLE outbox (
    position   bigserial   PRIMARY KEY,
    event_id   uuid        NOT NULL,
    topic      text        NOT NULL,
    key        text        NOT NULL,
    type       text        NOT NULL,
    payload    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
CREATE INDEX outbox_unsent ON outbox (position) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Wakes the relay as soon as a transaction that wrote to the outbox commits (notifications are
-- delivered at commit and folded into one per transaction).
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('muster_outbox', '');
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_written AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- The inbox: ids of the events each consumer has applied, written in the same transaction as the effect.
CREATE TABLE inbox (
    consumer    text        NOT NULL,
    event_id    text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
