-- The instances the scheduler owns. A row exists from the moment a creation is accepted (so a duplicate name is
-- refused before the 202); location is NULL until the decision loop has placed it.
CREATE TABLE instances (
    project       text        NOT NULL,
    name          text        NOT NULL,
    type          text        NOT NULL,
    architecture  text        NOT NULL DEFAULT '',
    description   text        NOT NULL DEFAULT '',
    config        jsonb       NOT NULL DEFAULT '{}',
    devices       jsonb       NOT NULL DEFAULT '{}',
    profiles      jsonb       NOT NULL DEFAULT '[]',
    location      text,
    status        text        NOT NULL DEFAULT 'Stopped',
    start         boolean     NOT NULL DEFAULT false,
    operation_id  text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project, name)
);
CREATE INDEX instances_location ON instances (location);
