-- Each unit's span in a depth-first walk of the tree (children in collation order),
-- written on every import of the tree: `tree_pos` numbers the units from 1 and `tree_end`
-- is the largest number in the unit's subtree. A subtree is then one index range,
-- `tree_pos BETWEEN root.tree_pos AND root.tree_end`, on both databases instead of a
-- recursive walk.
-- Units stored before this migration are numbered when the server starts.
ALTER TABLE org_units ADD COLUMN tree_pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE org_units ADD COLUMN tree_end BIGINT NOT NULL DEFAULT 0;
CREATE INDEX org_units_tree_pos ON org_units (tree_pos, tree_end);
-- The staff of a subtree's units, found unit by unit.
CREATE INDEX users_unit ON users (unit_code);

-- One row, moved on by every write of org units or plans in the same transaction: a server
-- keeps the tree and the plans in memory and reloads them when this has changed, so that
-- several server processes on one database stay current.
CREATE TABLE catalog_revision (
    id BIGINT PRIMARY KEY,
    revision BIGINT NOT NULL
);
INSERT INTO catalog_revision (id, revision) VALUES (1, 0);
