-- Members holding a verified copy of an image (reported by their agents), and copies asked for but not yet answered.
CREATE TABLE image_holders (
    fingerprint text NOT NULL REFERENCES images (fingerprint) ON DELETE CASCADE,
    member      text NOT NULL,
    PRIMARY KEY (fingerprint, member)
);

CREATE TABLE image_copies (
    fingerprint  text        NOT NULL REFERENCES images (fingerprint) ON DELETE CASCADE,
    member       text        NOT NULL,
    command_id   text        NOT NULL UNIQUE,
    requested_at timestamptz NOT NULL DEFAULT now(),
    failed_at    timestamptz,
    PRIMARY KEY (fingerprint, member)
);
