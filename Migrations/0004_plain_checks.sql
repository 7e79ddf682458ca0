-- SummitKB schema, version 4: CHECK constraints that cost nothing per row.
--
-- A CHECK (column IN ('a', 'b', 'c', ...)) with more than two values makes SQLite build a
-- temporary b-tree of the values every time a statement checks it: a pager opened and
-- closed, with its allocations, for every row inserted or updated. An INSERT INTO meetings
-- built four of them (kind, date_precision, status, origin), which made it three times as
-- slow as a plain insert, and the per-document writes of the five tables below built about
-- twenty per article: a tenth of ingest time. The same constraints written as
-- column = 'a' OR column = 'b' OR ... accept and refuse exactly the same values (NULL
-- passes both, as any CHECK that is not false) and compile to plain comparisons.
-- IN lists of two values are compiled to comparisons already and stay as they are.
--
-- SQLite cannot change a CHECK in place, so each table is rebuilt: its rows are copied
-- aside, the table dropped and created again under the same name with the same columns
-- in the same order, the rows copied back with their ids, and its indexes and triggers
-- created again as migrations 0001-0003 left them. Tables that reference these ones do so
-- by name and keep working. SummitKB runs migrations with foreign keys off (dropping a
-- parent table would otherwise delete its children) and checks them all before committing.
--
-- The tables written rarely (corrections) keep their IN lists.

-- participants
CREATE TEMP TABLE participants_rows AS SELECT * FROM participants;
DROP TABLE participants;
CREATE TABLE participants (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind = 'person' OR kind = 'country' OR kind = 'organization' OR
                                     kind = 'group'),
    name        TEXT NOT NULL,
    key         TEXT NOT NULL UNIQUE,  -- kind + folded canonical name, the resolution key
    title       TEXT,
    country     TEXT,                  -- canonical country name for people
    lexicon     TEXT,                  -- lexicon that knew it; NULL when found by a pattern
    origin      TEXT NOT NULL DEFAULT 'extracted' CHECK (origin = 'extracted' OR origin = 'corrected' OR
                                                         origin = 'added'),
    verified    INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    mention_count INTEGER NOT NULL DEFAULT 0,
    source_count INTEGER NOT NULL DEFAULT 0
);
INSERT INTO participants (id, kind, name, key, title, country, lexicon, origin, verified,
    mention_count, source_count)
SELECT id, kind, name, key, title, country, lexicon, origin, verified, mention_count,
    source_count FROM temp.participants_rows ORDER BY id;
DROP TABLE temp.participants_rows;
CREATE INDEX participants_kind_name ON participants(kind, name);
CREATE INDEX participants_source_count ON participants(source_count DESC, id);

-- meetings
CREATE TEMP TABLE meetings_rows AS SELECT * FROM meetings;
DROP TABLE meetings;
CREATE TABLE meetings (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind = 'summit' OR kind = 'ministerial' OR
                                           kind = 'military' OR kind = 'talks' OR kind = 'conference' OR
                                           kind = 'virtual' OR kind = 'call' OR kind = 'visit' OR
                                           kind = 'meeting'),
    city              TEXT,
    venue             TEXT,
    country           TEXT,
    date              TEXT,            -- ISO YYYY-MM-DD when resolved
    date_text         TEXT,            -- as written: "Monday", "last week"
    date_precision    TEXT NOT NULL DEFAULT 'unknown' CHECK (date_precision = 'day' OR
                                                             date_precision = 'weekday' OR
                                                             date_precision = 'week' OR
                                                             date_precision = 'month' OR
                                                             date_precision = 'year' OR
                                                             date_precision = 'unknown'),
    status            TEXT NOT NULL DEFAULT 'unknown' CHECK (status = 'planned' OR status = 'held' OR
                                                             status = 'ongoing' OR status = 'unknown'),
    convener_id       INTEGER REFERENCES participants(id) ON DELETE SET NULL,
    topic             TEXT,
    participant_count INTEGER,         -- a bare number: "chiefs from 30 nations"
    block_key         TEXT NOT NULL,   -- merge block: folded place or 'virtual'/'none'
    origin            TEXT NOT NULL DEFAULT 'extracted' CHECK (origin = 'extracted' OR
                                                               origin = 'corrected' OR origin = 'added'),
    verified          INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    report_count INTEGER NOT NULL DEFAULT 0,
    source_count INTEGER NOT NULL DEFAULT 0
);
INSERT INTO meetings (id, name, kind, city, venue, country, date, date_text, date_precision,
    status, convener_id, topic, participant_count, block_key, origin, verified, report_count,
    source_count)
SELECT id, name, kind, city, venue, country, date, date_text, date_precision, status, convener_id,
    topic, participant_count, block_key, origin, verified, report_count,
    source_count FROM temp.meetings_rows ORDER BY id;
DROP TABLE temp.meetings_rows;
CREATE INDEX meetings_block ON meetings(block_key);
CREATE INDEX meetings_city ON meetings(city);
CREATE INDEX meetings_convener ON meetings(convener_id);
CREATE INDEX meetings_date ON meetings(date, date_text);
CREATE INDEX meetings_kind ON meetings(kind);
CREATE INDEX meetings_report_count ON meetings(report_count DESC, id) WHERE report_count > 1;

-- meeting_participants
CREATE TEMP TABLE meeting_participants_rows AS SELECT * FROM meeting_participants;
DROP TABLE meeting_participants;
CREATE TABLE meeting_participants (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    meeting_report_id INTEGER REFERENCES meeting_reports(id) ON DELETE CASCADE, -- NULL when added by a person
    participant_id    INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    role              TEXT NOT NULL CHECK (role = 'convener' OR role = 'host' OR role = 'attendee' OR
                                           role = 'speaker' OR role = 'invited' OR role = 'excluded'),
    origin            TEXT NOT NULL DEFAULT 'extracted' CHECK (origin = 'extracted' OR
                                                               origin = 'corrected' OR origin = 'added'),
    verified          INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    UNIQUE (meeting_report_id, participant_id, role)
);
INSERT INTO meeting_participants (id, meeting_id, meeting_report_id, participant_id, role, origin, verified)
SELECT id, meeting_id, meeting_report_id, participant_id, role, origin,
    verified FROM temp.meeting_participants_rows ORDER BY id;
DROP TABLE temp.meeting_participants_rows;
CREATE INDEX meeting_participants_meeting ON meeting_participants(meeting_id, role, participant_id);
CREATE INDEX meeting_participants_participant ON meeting_participants(participant_id, meeting_id, role, meeting_report_id);

-- proposals
CREATE TEMP TABLE proposals_rows AS SELECT * FROM proposals;
DROP TABLE proposals;
CREATE TABLE proposals (
    id          INTEGER PRIMARY KEY,
    summary     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'proposed' CHECK (status = 'proposed' OR status = 'offered' OR
                                                        status = 'suggested' OR status = 'agreed' OR
                                                        status = 'rejected' OR
                                                        status = 'under discussion'),
    conditions  TEXT,
    meeting_id  INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    merge_key   TEXT NOT NULL,         -- folded content words of the summary
    origin      TEXT NOT NULL DEFAULT 'extracted' CHECK (origin = 'extracted' OR origin = 'corrected' OR
                                                         origin = 'added'),
    verified    INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    report_count INTEGER NOT NULL DEFAULT 0,
    source_count INTEGER NOT NULL DEFAULT 0,
    mixed_stances INTEGER NOT NULL DEFAULT 0
);
INSERT INTO proposals (id, summary, kind, status, conditions, meeting_id, merge_key, origin,
    verified, report_count, source_count, mixed_stances)
SELECT id, summary, kind, status, conditions, meeting_id, merge_key, origin, verified,
    report_count, source_count, mixed_stances FROM temp.proposals_rows ORDER BY id;
DROP TABLE temp.proposals_rows;
CREATE INDEX proposals_kind ON proposals(kind);
CREATE INDEX proposals_meeting ON proposals(meeting_id);
CREATE INDEX proposals_merge_key ON proposals(merge_key);
CREATE INDEX proposals_report_count ON proposals(report_count DESC, id) WHERE report_count > 1;

-- proposal_positions
CREATE TEMP TABLE proposal_positions_rows AS SELECT * FROM proposal_positions;
DROP TABLE proposal_positions;
CREATE TABLE proposal_positions (
    id                 INTEGER PRIMARY KEY,
    proposal_id        INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    proposal_report_id INTEGER REFERENCES proposal_reports(id) ON DELETE CASCADE, -- NULL when added by a person
    participant_id     INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    stance             TEXT NOT NULL CHECK (stance = 'proposes' OR stance = 'supports' OR
                                            stance = 'opposes' OR stance = 'discusses'),
    origin             TEXT NOT NULL DEFAULT 'extracted' CHECK (origin = 'extracted' OR
                                                                origin = 'corrected' OR
                                                                origin = 'added'),
    verified           INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    UNIQUE (proposal_report_id, participant_id, stance)
);
INSERT INTO proposal_positions (id, proposal_id, proposal_report_id, participant_id, stance, origin, verified)
SELECT id, proposal_id, proposal_report_id, participant_id, stance, origin,
    verified FROM temp.proposal_positions_rows ORDER BY id;
DROP TABLE temp.proposal_positions_rows;
CREATE INDEX proposal_positions_participant ON proposal_positions(participant_id, proposal_id, stance, proposal_report_id);
CREATE INDEX proposal_positions_proposal ON proposal_positions(proposal_id, stance);

CREATE TRIGGER proposal_positions_stance_delete AFTER DELETE ON proposal_positions BEGIN
    UPDATE proposal_stances SET position_count = position_count - 1
    WHERE proposal_id = old.proposal_id AND stance = old.stance AND participant_id = old.participant_id;
    DELETE FROM proposal_stances
    WHERE proposal_id = old.proposal_id AND stance = old.stance AND participant_id = old.participant_id AND position_count <= 0;
END;

CREATE TRIGGER proposal_positions_stance_update AFTER UPDATE OF proposal_id, participant_id, stance ON proposal_positions
WHEN old.proposal_id IS NOT new.proposal_id OR old.participant_id IS NOT new.participant_id OR old.stance IS NOT new.stance BEGIN
    UPDATE proposal_stances SET position_count = position_count - 1
    WHERE proposal_id = old.proposal_id AND stance = old.stance AND participant_id = old.participant_id;
    DELETE FROM proposal_stances
    WHERE proposal_id = old.proposal_id AND stance = old.stance AND participant_id = old.participant_id AND position_count <= 0;
    INSERT INTO proposal_stances (proposal_id, participant_id, stance, position_count)
    VALUES (new.proposal_id, new.participant_id, new.stance, 1)
    ON CONFLICT DO UPDATE SET position_count = position_count + 1;
END;

INSERT INTO schema_migrations (version, name) VALUES (4, '0004_plain_checks');
