-- The images the image service owns, and their aliases.
CREATE TABLE images (
    fingerprint  text        PRIMARY KEY,
    filename     text        NOT NULL DEFAULT '',
    size         bigint      NOT NULL,
    architecture text        NOT NULL,
    type         text        NOT NULL DEFAULT 'container',
    public       boolean     NOT NULL DEFAULT false,
    properties   jsonb       NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    uploaded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE image_aliases (
    name         text PRIMARY KEY,
    fingerprint  text NOT NULL REFERENCES images (fingerprint) ON DELETE CASCADE,
    description  text NOT NULL DEFAULT ''
);
