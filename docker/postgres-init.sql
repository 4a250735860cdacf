-- Run once by the postgres image when its data directory is new (docker-entrypoint-initdb.d):
-- one database per service, as ./muster up creates them locally.
CREATE DATABASE muster_membership;
CREATE DATABASE muster_scheduler;
CREATE DATABASE muster_images;
CREATE DATABASE muster_health;
CREATE DATABASE muster_gateway;
