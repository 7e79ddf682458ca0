-- SummitKB schema, version 1.
--
-- Two layers:
--   * per-source claims: what ONE article says (sources, meeting_reports,
--     proposal_reports and the evidence rows under them). Deleting a source
--     deletes its claims (ON DELETE CASCADE).
--   * merged facts: one row per real-world meeting / proposal / actor
--     (meetings, proposals, participants), recomputed from the claims that
--     point at them. A merged row left without claims is removed by a trigger.
-- Spans (start, end) are offsets in Unicode code points into sources.text,
-- so `substr(text, start + 1, end - start)` in sqlite3 returns the span.
-- Column documentation: docs/SCHEMA.md.

CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE sources (
    id                INTEGER PRIMARY KEY,
    path              TEXT NOT NULL UNIQUE,
    sha256            TEXT NOT NULL,
    title             TEXT,
    author            TEXT,
    publisher         TEXT,
    url               TEXT,
    published         TEXT,            -- ISO YYYY-MM-DD when the metadata gives it
    dateline          TEXT,            -- "Paris" from "Paris – ..."
    raw_text          TEXT NOT NULL,   -- the file as read (decoded UTF-8)
    text              TEXT NOT NULL,   -- normalized body; spans point here
    byte_count        INTEGER NOT NULL,
    word_count        INTEGER NOT NULL,
    extractor_version TEXT NOT NULL,
    ingested_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX sources_sha256 ON sources(sha256);

CREATE VIRTUAL TABLE sources_fts USING fts5(
    title, text, content = 'sources', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
    INSERT INTO sources_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources BEGIN
    INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER sources_fts_update AFTER UPDATE OF title, text ON sources BEGIN
    INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO sources_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE participants (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'country', 'organization', 'group')),
    name        TEXT NOT NULL,
    key         TEXT NOT NULL UNIQUE,  -- kind + folded canonical name, the resolution key
    title       TEXT,
    country     TEXT,                  -- canonical country name for people
    lexicon     TEXT,                  -- lexicon that knew it; NULL when found by a pattern
    origin      TEXT NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted', 'corrected', 'added')),
    verified    INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1))
);
CREATE INDEX participants_kind_name ON participants(kind, name);

CREATE TABLE participant_aliases (
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    folded         TEXT NOT NULL,      -- lower case, no diacritics, no dots
    alias          TEXT NOT NULL,
    PRIMARY KEY (participant_id, folded)
);
CREATE INDEX participant_aliases_folded ON participant_aliases(folded);

CREATE TABLE meetings (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('summit', 'ministerial', 'military', 'talks', 'conference', 'virtual', 'call', 'visit', 'meeting')),
    city              TEXT,
    venue             TEXT,
    country           TEXT,
    date              TEXT,            -- ISO YYYY-MM-DD when resolved
    date_text         TEXT,            -- as written: "Monday", "last week"
    date_precision    TEXT NOT NULL DEFAULT 'unknown' CHECK (date_precision IN ('day', 'weekday', 'week', 'month', 'year', 'unknown')),
    status            TEXT NOT NULL DEFAULT 'unknown' CHECK (status IN ('planned', 'held', 'ongoing', 'unknown')),
    convener_id       INTEGER REFERENCES participants(id) ON DELETE SET NULL,
    topic             TEXT,
    participant_count INTEGER,         -- a bare number: "chiefs from 30 nations"
    block_key         TEXT NOT NULL,   -- merge block: folded place or 'virtual'/'none'
    origin            TEXT NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted', 'corrected', 'added')),
    verified          INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1))
);
CREATE INDEX meetings_date ON meetings(date, date_text);
CREATE INDEX meetings_block ON meetings(block_key);
CREATE INDEX meetings_city ON meetings(city);
CREATE INDEX meetings_kind ON meetings(kind);
CREATE INDEX meetings_convener ON meetings(convener_id);

-- What one source says about one meeting.
CREATE TABLE meeting_reports (
    id                INTEGER PRIMARY KEY,
    source_id         INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    meeting_id        INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    ordinal           INTEGER NOT NULL,  -- order of the meeting within its source
    kind              TEXT NOT NULL,
    name              TEXT NOT NULL,
    city              TEXT,
    venue             TEXT,
    country           TEXT,
    date              TEXT,
    date_text         TEXT,
    date_precision    TEXT NOT NULL DEFAULT 'unknown',
    status            TEXT NOT NULL DEFAULT 'unknown',
    convener_id       INTEGER REFERENCES participants(id) ON DELETE SET NULL,
    topic             TEXT,
    participant_count INTEGER,
    block_key         TEXT NOT NULL,
    published         TEXT,              -- the source's published date: bounds merge candidates in time
    merge_reason      TEXT,              -- why this report joined its meeting
    confidence        REAL NOT NULL DEFAULT 1.0,
    UNIQUE (source_id, ordinal)
);
CREATE INDEX meeting_reports_meeting ON meeting_reports(meeting_id);
CREATE INDEX meeting_reports_block ON meeting_reports(block_key, date);
CREATE INDEX meeting_reports_block_published ON meeting_reports(block_key, published);

CREATE TABLE meeting_participants (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    meeting_report_id INTEGER REFERENCES meeting_reports(id) ON DELETE CASCADE, -- NULL when added by a person
    participant_id    INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    role              TEXT NOT NULL CHECK (role IN ('convener', 'host', 'attendee', 'speaker', 'invited', 'excluded')),
    origin            TEXT NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted', 'corrected', 'added')),
    verified          INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    UNIQUE (meeting_report_id, participant_id, role)
);
CREATE INDEX meeting_participants_meeting ON meeting_participants(meeting_id, role);
CREATE INDEX meeting_participants_participant ON meeting_participants(participant_id);
CREATE INDEX meeting_participants_report ON meeting_participants(meeting_report_id);

CREATE TABLE proposals (
    id          INTEGER PRIMARY KEY,
    summary     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'offered', 'suggested', 'agreed', 'rejected', 'under discussion')),
    conditions  TEXT,
    meeting_id  INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    merge_key   TEXT NOT NULL,         -- folded content words of the summary
    origin      TEXT NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted', 'corrected', 'added')),
    verified    INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1))
);
CREATE INDEX proposals_merge_key ON proposals(merge_key);
CREATE INDEX proposals_kind ON proposals(kind);
CREATE INDEX proposals_meeting ON proposals(meeting_id);

-- What one source says about one proposal.
CREATE TABLE proposal_reports (
    id                INTEGER PRIMARY KEY,
    source_id         INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    proposal_id       INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    meeting_report_id INTEGER REFERENCES meeting_reports(id) ON DELETE SET NULL,
    ordinal           INTEGER NOT NULL,
    summary           TEXT NOT NULL,
    kind              TEXT NOT NULL,
    status            TEXT NOT NULL,
    conditions        TEXT,
    features          TEXT,            -- from a flattened table row
    challenges        TEXT,            -- from a flattened table row
    merge_key         TEXT NOT NULL,
    source_sha256     TEXT NOT NULL,   -- the source's fingerprint: orders reports independently of ingest order
    merge_reason      TEXT,
    confidence        REAL NOT NULL DEFAULT 1.0,
    UNIQUE (source_id, ordinal)
);
CREATE INDEX proposal_reports_proposal ON proposal_reports(proposal_id, source_sha256, ordinal);
CREATE INDEX proposal_reports_unexplained ON proposal_reports(proposal_id) WHERE merge_reason IS NULL;
CREATE INDEX proposal_reports_merge_key ON proposal_reports(merge_key);
CREATE INDEX proposal_reports_meeting_report ON proposal_reports(meeting_report_id);

CREATE TABLE proposal_positions (
    id                 INTEGER PRIMARY KEY,
    proposal_id        INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    proposal_report_id INTEGER REFERENCES proposal_reports(id) ON DELETE CASCADE, -- NULL when added by a person
    participant_id     INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    stance             TEXT NOT NULL CHECK (stance IN ('proposes', 'supports', 'opposes', 'discusses')),
    origin             TEXT NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted', 'corrected', 'added')),
    verified           INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    UNIQUE (proposal_report_id, participant_id, stance)
);
CREATE INDEX proposal_positions_proposal ON proposal_positions(proposal_id, stance);
CREATE INDEX proposal_positions_participant ON proposal_positions(participant_id);
CREATE INDEX proposal_positions_report ON proposal_positions(proposal_report_id);

-- Evidence: the text behind every extracted fact. Exactly one subject column is set.
CREATE TABLE evidence (
    id                     INTEGER PRIMARY KEY,
    source_id              INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    participant_id         INTEGER REFERENCES participants(id) ON DELETE CASCADE,
    meeting_report_id      INTEGER REFERENCES meeting_reports(id) ON DELETE CASCADE,
    meeting_participant_id INTEGER REFERENCES meeting_participants(id) ON DELETE CASCADE,
    proposal_report_id     INTEGER REFERENCES proposal_reports(id) ON DELETE CASCADE,
    proposal_position_id   INTEGER REFERENCES proposal_positions(id) ON DELETE CASCADE,
    slot                   TEXT NOT NULL,  -- 'mention', 'meeting', 'date', 'city', 'convener', 'proposal', ...
    value                  TEXT,           -- the slot value this evidence supports
    start                  INTEGER NOT NULL,
    end                    INTEGER NOT NULL,
    sentence_start         INTEGER NOT NULL,
    sentence_end           INTEGER NOT NULL,
    sentence               TEXT NOT NULL,
    extractor              TEXT NOT NULL,  -- stage and rule, e.g. 'entities/lexicon:default'
    confidence             REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    CHECK ((participant_id IS NOT NULL) + (meeting_report_id IS NOT NULL) + (meeting_participant_id IS NOT NULL)
           + (proposal_report_id IS NOT NULL) + (proposal_position_id IS NOT NULL) = 1),
    CHECK (start <= end AND sentence_start <= start AND end <= sentence_end)
);
CREATE INDEX evidence_source ON evidence(source_id);
CREATE INDEX evidence_participant ON evidence(participant_id) WHERE participant_id IS NOT NULL;
CREATE INDEX evidence_meeting_report ON evidence(meeting_report_id) WHERE meeting_report_id IS NOT NULL;
CREATE INDEX evidence_meeting_participant ON evidence(meeting_participant_id) WHERE meeting_participant_id IS NOT NULL;
CREATE INDEX evidence_proposal_report ON evidence(proposal_report_id) WHERE proposal_report_id IS NOT NULL;
CREATE INDEX evidence_proposal_position ON evidence(proposal_position_id) WHERE proposal_position_id IS NOT NULL;

-- Corrections made by people; re-applied after every ingest (issue: curation).
CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    action      TEXT NOT NULL,   -- merge, split, rename, set, add, reject, verify
    target_type TEXT NOT NULL,   -- participant, meeting, proposal, meeting_participant, proposal_position
    target      TEXT NOT NULL,   -- stable reference (names and keys, not row ids)
    payload     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    author      TEXT,
    reason      TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'orphaned')),
    status_note TEXT
);

-- A merged meeting or proposal left without claims or additions disappears.
CREATE TRIGGER meeting_reports_prune AFTER DELETE ON meeting_reports
WHEN NOT EXISTS (SELECT 1 FROM meeting_reports WHERE meeting_id = old.meeting_id)
 AND (SELECT origin FROM meetings WHERE id = old.meeting_id) = 'extracted'
BEGIN
    DELETE FROM meetings WHERE id = old.meeting_id;
END;
CREATE TRIGGER proposal_reports_prune AFTER DELETE ON proposal_reports
WHEN NOT EXISTS (SELECT 1 FROM proposal_reports WHERE proposal_id = old.proposal_id)
 AND (SELECT origin FROM proposals WHERE id = old.proposal_id) = 'extracted'
BEGIN
    DELETE FROM proposals WHERE id = old.proposal_id;
END;
-- Moving a report to another meeting moves its participants with it.
CREATE TRIGGER meeting_reports_move AFTER UPDATE OF meeting_id ON meeting_reports BEGIN
    UPDATE meeting_participants SET meeting_id = new.meeting_id WHERE meeting_report_id = new.id;
END;
CREATE TRIGGER proposal_reports_move AFTER UPDATE OF proposal_id ON proposal_reports BEGIN
    UPDATE proposal_positions SET proposal_id = new.proposal_id WHERE proposal_report_id = new.id;
END;

-- Views for ad-hoc SQL.
CREATE VIEW participant_sources AS
SELECT p.id AS participant_id, p.kind, p.name, COUNT(DISTINCT e.source_id) AS source_count,
       COUNT(e.id) AS mention_count
FROM participants p LEFT JOIN evidence e ON e.participant_id = p.id
GROUP BY p.id;

CREATE VIEW meeting_sources AS
SELECT r.meeting_id, r.source_id, s.path, s.title, r.merge_reason
FROM meeting_reports r JOIN sources s ON s.id = r.source_id;

CREATE VIEW meeting_roster AS
SELECT DISTINCT mp.meeting_id, mp.participant_id, p.name, p.kind, mp.role
FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id;

CREATE VIEW meeting_overview AS
SELECT m.id, m.name, m.kind, m.status,
       COALESCE(m.date, m.date_text) AS date,
       TRIM(COALESCE(m.venue || ', ', '') || COALESCE(m.city, ''), ', ') AS place,
       c.name AS convener,
       (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT p.name FROM meeting_participants mp
            JOIN participants p ON p.id = mp.participant_id
            WHERE mp.meeting_id = m.id AND mp.role <> 'excluded' ORDER BY p.name)) AS participants,
       (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT p.name FROM meeting_participants mp
            JOIN participants p ON p.id = mp.participant_id
            WHERE mp.meeting_id = m.id AND mp.role = 'excluded' ORDER BY p.name)) AS excluded,
       (SELECT group_concat(path, '; ') FROM (SELECT DISTINCT s.path FROM meeting_reports r
            JOIN sources s ON s.id = r.source_id WHERE r.meeting_id = m.id ORDER BY s.path)) AS sources
FROM meetings m LEFT JOIN participants c ON c.id = m.convener_id;

CREATE VIEW proposal_overview AS
SELECT pr.id, pr.summary, pr.kind, pr.status, pr.conditions, m.name AS meeting,
       (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT p.name FROM proposal_positions pp
            JOIN participants p ON p.id = pp.participant_id
            WHERE pp.proposal_id = pr.id AND pp.stance = 'proposes' ORDER BY p.name)) AS proposers,
       (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT p.name FROM proposal_positions pp
            JOIN participants p ON p.id = pp.participant_id
            WHERE pp.proposal_id = pr.id AND pp.stance = 'supports' ORDER BY p.name)) AS supporters,
       (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT p.name FROM proposal_positions pp
            JOIN participants p ON p.id = pp.participant_id
            WHERE pp.proposal_id = pr.id AND pp.stance = 'opposes' ORDER BY p.name)) AS opposers,
       (SELECT group_concat(path, '; ') FROM (SELECT DISTINCT s.path FROM proposal_reports r
            JOIN sources s ON s.id = r.source_id WHERE r.proposal_id = pr.id ORDER BY s.path)) AS sources
FROM proposals pr LEFT JOIN meetings m ON m.id = pr.meeting_id;

CREATE VIEW evidence_text AS
SELECT e.id, s.path AS source, e.slot, e.value, e.start, e.end,
       substr(s.text, e.start + 1, e.end - e.start) AS span_text, e.sentence, e.extractor, e.confidence,
       e.participant_id, e.meeting_report_id, e.meeting_participant_id, e.proposal_report_id, e.proposal_position_id
FROM evidence e JOIN sources s ON s.id = e.source_id;

INSERT INTO schema_migrations (version, name) VALUES (1, '0001_initial');
