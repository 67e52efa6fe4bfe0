-- First and last words of stored people's full names, lower-cased, so that a
-- person named by one word in a new article (`Putin`) finds the stored full
-- name (`Vladimir Putin`) by an index lookup instead of a LIKE scan.
CREATE TABLE person_names (
    part TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (part, entity_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO person_names (part, entity_id)
SELECT lower(substr(name, 1, instr(name, ' ') - 1)), id FROM entities
WHERE label = 'PER' AND instr(name, ' ') > 0;

-- the last word: everything after the last space (rtrim strips the name's own
-- non-space characters from the right, up to that space)
INSERT OR IGNORE INTO person_names (part, entity_id)
SELECT lower(substr(name, length(rtrim(name, replace(name, ' ', ''))) + 1)), id FROM entities
WHERE label = 'PER' AND instr(name, ' ') > 0;
