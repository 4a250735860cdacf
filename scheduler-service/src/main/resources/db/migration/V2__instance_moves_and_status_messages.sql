-- Why an instance is in Error when its member did not say so (e.g. missing on its member), and the move under way:
-- the instance already counts on its location (the target); move_from keeps its copy until the target confirmed one.
ALTER TABLE instances
    ADD COLUMN status_message text NOT NULL DEFAULT '',
    ADD COLUMN move_from      text,
    ADD COLUMN move_reason    text,
    ADD COLUMN move_stage     text,
    ADD COLUMN move_transfer  text;
-- Whether the member confirmed it holds the instance; those placed before this column existed were.
ALTER TABLE instances ADD COLUMN held boolean NOT NULL DEFAULT true;
