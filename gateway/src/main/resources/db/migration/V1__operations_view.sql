-- Every service's LXD operations, materialised from muster.operations.v1 for /1.0/operations.
CREATE TABLE operations (
    id          text        PRIMARY KEY,
    owner       text        NOT NULL,
    status_code int         NOT NULL,
    snapshot    jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX operations_by_status ON operations (status_code);
