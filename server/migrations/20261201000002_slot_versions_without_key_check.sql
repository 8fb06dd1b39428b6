-- A full report writes a version per field, and checking each against its report's row
-- cost PostgreSQL almost as much as writing the version (a lookup and a lock per row). A
-- sync transaction creates and locks the report's row before it writes any of its
-- versions, and a report row is removed only while it has none, so the check never
-- refused anything: the table is rebuilt without it (portable SQL: SQLite cannot drop a
-- constraint in place).
CREATE TABLE slot_versions_new (
    report_id TEXT NOT NULL,
    slot TEXT NOT NULL,
    write_id TEXT NOT NULL,
    value TEXT,
    is_current BIGINT NOT NULL,
    position BIGINT NOT NULL,
    username TEXT NOT NULL,
    written_at BIGINT NOT NULL,
    PRIMARY KEY (report_id, slot, write_id)
);
INSERT INTO slot_versions_new (report_id, slot, write_id, value, is_current, position, username, written_at)
    SELECT report_id, slot, write_id, value, is_current, position, username, written_at FROM slot_versions;
DROP TABLE slot_versions;
ALTER TABLE slot_versions_new RENAME TO slot_versions;
