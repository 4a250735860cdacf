-- The LXD operations this service runs, as last published (the gateway serves them from its own copy).
CREATE TABLE owned_operations (
    id         text        PRIMARY KEY,
    snapshot   jsonb       NOT NULL,
    final      boolean     NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now()
);
