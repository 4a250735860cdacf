-- What members hold, from the scheduler's and the image service's events: blocks removing a member
-- that still has instances or the only copy of an image (unless forced).
CREATE TABLE instance_locations (
    project  text NOT NULL,
    instance text NOT NULL,
    member   text NOT NULL,
    PRIMARY KEY (project, instance)
);
CREATE INDEX instance_locations_by_member ON instance_locations (member);

CREATE TABLE image_replicas (
    fingerprint text NOT NULL,
    member      text NOT NULL,
    PRIMARY KEY (fingerprint, member)
);
CREATE INDEX image_replicas_by_member ON image_replicas (member);
