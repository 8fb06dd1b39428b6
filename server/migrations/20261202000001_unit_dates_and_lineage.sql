-- Units have a life: the first day they exist and the day they ceased (NULL: unknown or
-- still existing), as ISO dates. The lineage records what became of them on a date.
ALTER TABLE org_units ADD COLUMN valid_from TEXT;
ALTER TABLE org_units ADD COLUMN valid_until TEXT;

CREATE TABLE org_lineage (
    effective TEXT NOT NULL,
    old_code TEXT NOT NULL REFERENCES org_units (code),
    old_name TEXT NOT NULL,
    new_code TEXT NOT NULL REFERENCES org_units (code),
    change TEXT NOT NULL,
    PRIMARY KEY (old_code, new_code, effective)
);
