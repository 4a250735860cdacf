-- The table is the gateway's read model of operations (OperationsView): named after it, like its migration.
ALTER TABLE operations RENAME TO operations_view;
ALTER INDEX operations_by_status RENAME TO operations_view_by_status;
COMMENT ON TABLE operations_view IS
    'Read model: every service''s LXD operations as last published on muster.operations.v1, for /1.0/operations; rebuildable from the topic';
