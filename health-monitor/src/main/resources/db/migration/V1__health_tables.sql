-- The latest heartbeat of each member: its state for GET /1.0/cluster/members/{name}/state, written in
-- batches (one upsert per member per flush), so that every monitor instance can answer for every member.
CREATE TABLE member_state (
    name           text PRIMARY KEY,
    last_heartbeat timestamptz NOT NULL,  -- received, on a monitor's clock
    sequence       bigint      NOT NULL,
    partition      integer     NOT NULL,  -- the heartbeat partition it arrived on: who owns the member
    probe_url      text,
    state          jsonb,                 -- the heartbeat's MemberState, snake_case
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- The last judgement announced about each member, written with the announcement (outbox) in one transaction:
-- a monitor that takes over a member's partition neither announces it twice nor forgets it.
CREATE TABLE member_liveness (
    name           text PRIMARY KEY,
    status         text        NOT NULL CHECK (status IN ('online', 'offline', 'stopped')),
    changed_at     timestamptz NOT NULL,
    last_heartbeat timestamptz,
    healing_due    boolean     NOT NULL DEFAULT false
);

-- The members membership knows, from muster.membership.v1 (via the inbox).
CREATE TABLE known_members (
    name      text PRIMARY KEY,
    evacuated boolean NOT NULL DEFAULT false
);

-- The cluster's server configuration as last announced (ServerConfigChanged carries every key that is set).
CREATE TABLE server_config (
    key   text PRIMARY KEY,
    value text NOT NULL
);
