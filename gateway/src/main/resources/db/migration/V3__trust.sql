-- The public door's trust: the cluster's key and certificate (one row, the same for every gateway process), the
-- certificates of trusted clients, and the trust tokens that let a client add its own (secret kept only hashed).
CREATE TABLE cluster_identity (
    id          smallint    PRIMARY KEY CHECK (id = 1),
    certificate text        NOT NULL,
    private_key text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE trusted_certificates (
    fingerprint text        PRIMARY KEY,
    type        text        NOT NULL CHECK (type IN ('client', 'metrics', 'server')),
    name        text        NOT NULL,
    certificate text        NOT NULL,
    restricted  boolean     NOT NULL DEFAULT false,
    projects    jsonb       NOT NULL DEFAULT '[]',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE trust_tokens (
    operation_id  text        PRIMARY KEY,
    name          text        NOT NULL,
    secret_sha256 text        NOT NULL UNIQUE,
    type          text        NOT NULL,
    restricted    boolean     NOT NULL,
    projects      jsonb       NOT NULL,
    expires_at    timestamptz,
    state         text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'used', 'revoked', 'expired'))
);
