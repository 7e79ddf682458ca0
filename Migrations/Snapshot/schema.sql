-- SummitKB schema snapshot: what migrations 0001 to 0010 build, as one
-- script, from which a new database is created (an existing one replays the migrations it
-- lacks). Written by scripts/squash-migrations.sh; never edit it by hand.

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

CREATE VIRTUAL TABLE sources_fts USING fts5(
    title, text, content = 'sources', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE participant_aliases (
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    folded         TEXT NOT NULL,      -- lower case, no diacritics, no dots
    alias          TEXT NOT NULL,
    PRIMARY KEY (participant_id, folded)
);

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
    confidence        REAL NOT NULL DEFAULT 1.0, voter INTEGER NOT NULL DEFAULT 0 CHECK (voter IN (0, 1)),
    UNIQUE (source_id, ordinal)
);

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
    extractor              TEXT NOT NULL,  -- stage and rule, e.g. 'entities/lexicon:default'
    confidence             REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    CHECK ((participant_id IS NOT NULL) + (meeting_report_id IS NOT NULL) + (meeting_participant_id IS NOT NULL)
           + (proposal_report_id IS NOT NULL) + (proposal_position_id IS NOT NULL) = 1),
    CHECK (start <= end AND sentence_start <= start AND end <= sentence_end)
);

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

CREATE TABLE proposal_stances (
    proposal_id    INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    stance         TEXT NOT NULL,
    position_count INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, participant_id, stance)
) WITHOUT ROWID;

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
, voter_count INTEGER NOT NULL DEFAULT 0);

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

CREATE INDEX participant_aliases_folded ON participant_aliases(folded);

CREATE INDEX meeting_reports_meeting ON meeting_reports(meeting_id);

CREATE INDEX proposal_reports_unexplained ON proposal_reports(proposal_id) WHERE merge_reason IS NULL;

CREATE INDEX proposal_reports_meeting_report ON proposal_reports(meeting_report_id);

CREATE INDEX evidence_source ON evidence(source_id);

CREATE INDEX evidence_meeting_report ON evidence(meeting_report_id) WHERE meeting_report_id IS NOT NULL;

CREATE INDEX evidence_meeting_participant ON evidence(meeting_participant_id) WHERE meeting_participant_id IS NOT NULL;

CREATE INDEX evidence_proposal_report ON evidence(proposal_report_id) WHERE proposal_report_id IS NOT NULL;

CREATE INDEX evidence_proposal_position ON evidence(proposal_position_id) WHERE proposal_position_id IS NOT NULL;

CREATE INDEX proposal_stances_participant ON proposal_stances(participant_id, proposal_id, stance);

CREATE INDEX evidence_participant ON evidence(participant_id, source_id) WHERE participant_id IS NOT NULL;

CREATE INDEX participants_kind_name ON participants(kind, name);

CREATE INDEX participants_source_count ON participants(source_count DESC, id);

CREATE INDEX meetings_city ON meetings(city);

CREATE INDEX meetings_convener ON meetings(convener_id);

CREATE INDEX meetings_date ON meetings(date, date_text);

CREATE INDEX meetings_kind ON meetings(kind);

CREATE INDEX meetings_report_count ON meetings(report_count DESC, id) WHERE report_count > 1;

CREATE INDEX meeting_participants_meeting ON meeting_participants(meeting_id, role, participant_id);

CREATE INDEX meeting_participants_participant ON meeting_participants(participant_id, meeting_id, role, meeting_report_id);

CREATE INDEX proposals_kind ON proposals(kind);

CREATE INDEX proposals_meeting ON proposals(meeting_id);

CREATE INDEX proposals_merge_key ON proposals(merge_key);

CREATE INDEX proposals_report_count ON proposals(report_count DESC, id) WHERE report_count > 1;

CREATE INDEX proposal_positions_participant ON proposal_positions(participant_id, proposal_id, stance, proposal_report_id);

CREATE INDEX proposal_positions_proposal ON proposal_positions(proposal_id, stance);

CREATE INDEX meeting_reports_block
    ON meeting_reports(block_key, date, kind, source_id, meeting_id, convener_id, status, date_text);

CREATE INDEX meeting_reports_block_published
    ON meeting_reports(block_key, published, date, kind, source_id, meeting_id, convener_id, status, date_text);

CREATE INDEX meeting_reports_block_undated
    ON meeting_reports(block_key, published, date, kind, source_id, meeting_id, convener_id, status, date_text)
    WHERE date IS NULL;

CREATE INDEX proposal_reports_proposal ON proposal_reports(proposal_id);

CREATE INDEX proposal_reports_voters
    ON proposal_reports(proposal_id, voter, substr(source_sha256, 1, 16), ordinal, kind, status, source_id) WHERE voter = 1;

CREATE INDEX meetings_shown_date ON meetings(COALESCE(date, date_text));

CREATE VIEW meeting_sources AS
SELECT r.meeting_id, r.source_id, s.path, s.title, r.merge_reason
FROM meeting_reports r JOIN sources s ON s.id = r.source_id;

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

CREATE VIEW participant_sources AS
SELECT id AS participant_id, kind, name, source_count, mention_count FROM participants;

CREATE VIEW meeting_roster AS
SELECT mp.meeting_id, mp.participant_id, p.name, p.kind, mp.role
FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id
WHERE mp.id = (SELECT min(o.id) FROM meeting_participants o
               WHERE o.meeting_id = mp.meeting_id AND o.role = mp.role AND o.participant_id = mp.participant_id);

CREATE VIEW proposal_overview AS
SELECT pr.id, pr.summary, pr.kind, pr.status, pr.conditions, m.name AS meeting,
       (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT p.name FROM proposal_stances ps
            JOIN participants p ON p.id = ps.participant_id
            WHERE ps.proposal_id = pr.id AND ps.stance = 'proposes' ORDER BY p.name)) AS proposers,
       (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT p.name FROM proposal_stances ps
            JOIN participants p ON p.id = ps.participant_id
            WHERE ps.proposal_id = pr.id AND ps.stance = 'supports' ORDER BY p.name)) AS supporters,
       (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT p.name FROM proposal_stances ps
            JOIN participants p ON p.id = ps.participant_id
            WHERE ps.proposal_id = pr.id AND ps.stance = 'opposes' ORDER BY p.name)) AS opposers,
       (SELECT group_concat(path, '; ') FROM (SELECT DISTINCT s.path FROM proposal_reports r
            JOIN sources s ON s.id = r.source_id WHERE r.proposal_id = pr.id ORDER BY s.path)) AS sources
FROM proposals pr LEFT JOIN meetings m ON m.id = pr.meeting_id;

CREATE VIEW evidence_text AS
SELECT e.id, s.path AS source, e.slot, e.value, e.start, e.end,
       substr(s.text, e.start + 1, e.end - e.start) AS span_text,
       substr(s.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       e.extractor, e.confidence,
       e.participant_id, e.meeting_report_id, e.meeting_participant_id, e.proposal_report_id, e.proposal_position_id
FROM evidence e JOIN sources s ON s.id = e.source_id;

CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources BEGIN
    INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TRIGGER sources_fts_update AFTER UPDATE OF title, text ON sources BEGIN
    INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO sources_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

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

CREATE TRIGGER meeting_reports_move AFTER UPDATE OF meeting_id ON meeting_reports BEGIN
    UPDATE meeting_participants SET meeting_id = new.meeting_id WHERE meeting_report_id = new.id;
END;

CREATE TRIGGER proposal_reports_move AFTER UPDATE OF proposal_id ON proposal_reports BEGIN
    UPDATE proposal_positions SET proposal_id = new.proposal_id WHERE proposal_report_id = new.id;
END;

CREATE TRIGGER meeting_reports_count_delete AFTER DELETE ON meeting_reports BEGIN
    UPDATE meetings SET report_count = report_count - 1,
        source_count = source_count - NOT EXISTS (SELECT 1 FROM meeting_reports o
            WHERE o.source_id = old.source_id AND +o.meeting_id = old.meeting_id)
    WHERE id = old.meeting_id;
END;

CREATE TRIGGER proposal_reports_count_delete AFTER DELETE ON proposal_reports BEGIN
    UPDATE proposals SET report_count = report_count - 1,
        source_count = source_count - NOT EXISTS (SELECT 1 FROM proposal_reports o
            WHERE o.source_id = old.source_id AND +o.proposal_id = old.proposal_id)
    WHERE id = old.proposal_id;
END;

CREATE TRIGGER proposal_reports_count_update AFTER UPDATE OF proposal_id, source_id ON proposal_reports
WHEN old.proposal_id IS NOT new.proposal_id OR old.source_id IS NOT new.source_id BEGIN
    UPDATE proposals SET report_count = report_count - 1,
        source_count = source_count - NOT EXISTS (SELECT 1 FROM proposal_reports o
            WHERE o.source_id = old.source_id AND +o.proposal_id = old.proposal_id)
    WHERE id = old.proposal_id;
    UPDATE proposals SET report_count = report_count + 1,
        source_count = source_count + NOT EXISTS (SELECT 1 FROM proposal_reports o
            WHERE o.source_id = new.source_id AND +o.proposal_id = new.proposal_id AND o.id <> new.id)
    WHERE id = new.proposal_id;
END;

CREATE TRIGGER evidence_mention_delete AFTER DELETE ON evidence WHEN old.participant_id IS NOT NULL BEGIN
    UPDATE participants SET mention_count = mention_count - 1 WHERE id = old.participant_id;
    UPDATE participants SET source_count = source_count - 1 WHERE id = old.participant_id
        AND NOT EXISTS (SELECT 1 FROM evidence o WHERE o.participant_id = old.participant_id AND o.source_id = old.source_id);
END;

CREATE TRIGGER evidence_mention_update AFTER UPDATE OF participant_id, source_id ON evidence
WHEN old.participant_id IS NOT new.participant_id OR old.source_id IS NOT new.source_id BEGIN
    UPDATE participants SET mention_count = mention_count - 1 WHERE id = old.participant_id;
    UPDATE participants SET source_count = source_count - 1 WHERE id = old.participant_id
        AND NOT EXISTS (SELECT 1 FROM evidence o WHERE o.participant_id = old.participant_id AND o.source_id = old.source_id);
    UPDATE participants SET mention_count = mention_count + 1 WHERE id = new.participant_id;
    UPDATE participants SET source_count = source_count + 1 WHERE id = new.participant_id
        AND NOT EXISTS (SELECT 1 FROM evidence o
            WHERE o.participant_id = new.participant_id AND o.source_id = new.source_id AND o.id <> new.id);
END;

CREATE TRIGGER proposal_stances_mixed_insert AFTER INSERT ON proposal_stances
WHEN (SELECT count(*) FROM proposal_stances WHERE proposal_id = new.proposal_id AND participant_id = new.participant_id) = 2
BEGIN
    UPDATE proposals SET mixed_stances = mixed_stances + 1 WHERE id = new.proposal_id;
END;

CREATE TRIGGER proposal_stances_mixed_delete AFTER DELETE ON proposal_stances
WHEN (SELECT count(*) FROM proposal_stances WHERE proposal_id = old.proposal_id AND participant_id = old.participant_id) = 1
BEGIN
    UPDATE proposals SET mixed_stances = mixed_stances - 1 WHERE id = old.proposal_id;
END;

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

CREATE TRIGGER proposal_reports_voter_insert AFTER INSERT ON proposal_reports
WHEN new.voter = 1
  OR (SELECT voter_count FROM proposals WHERE id = new.proposal_id) < 64
  OR (substr(new.source_sha256, 1, 16), new.ordinal) < (
        SELECT substr(source_sha256, 1, 16), ordinal FROM proposal_reports
        WHERE proposal_id = new.proposal_id AND voter = 1
        ORDER BY substr(source_sha256, 1, 16) DESC, ordinal DESC LIMIT 1)
BEGIN
    UPDATE proposal_reports SET voter = 1 WHERE id = new.id AND voter = 0;
    UPDATE proposal_reports SET voter = 0
    WHERE (SELECT voter_count FROM proposals WHERE id = new.proposal_id) >= 64
      AND id = (SELECT id FROM proposal_reports WHERE proposal_id = new.proposal_id AND voter = 1
                ORDER BY substr(source_sha256, 1, 16) DESC, ordinal DESC LIMIT 1);
    UPDATE proposals SET voter_count = voter_count + 1 WHERE id = new.proposal_id AND voter_count < 64;
END;

CREATE TRIGGER proposal_reports_voter_delete AFTER DELETE ON proposal_reports WHEN old.voter = 1 BEGIN
    UPDATE proposals SET voter_count = voter_count - 1 WHERE id = old.proposal_id
        AND NOT EXISTS (SELECT 1 FROM proposal_reports WHERE proposal_id = old.proposal_id AND voter = 0);
    UPDATE proposal_reports SET voter = 1 WHERE id = (
        SELECT id FROM proposal_reports WHERE proposal_id = old.proposal_id AND voter = 0
        ORDER BY substr(source_sha256, 1, 16), ordinal LIMIT 1);
END;

CREATE TRIGGER proposal_reports_voter_update AFTER UPDATE OF proposal_id, source_sha256, ordinal ON proposal_reports
WHEN old.proposal_id IS NOT new.proposal_id OR old.source_sha256 IS NOT new.source_sha256 OR old.ordinal IS NOT new.ordinal
BEGIN
    UPDATE proposal_reports SET voter = ranked.rank <= 64 FROM (
        SELECT id, row_number() OVER (PARTITION BY proposal_id ORDER BY substr(source_sha256, 1, 16), ordinal) AS rank
        FROM proposal_reports WHERE proposal_id IN (old.proposal_id, new.proposal_id)) AS ranked
    WHERE proposal_reports.id = ranked.id AND proposal_reports.voter <> (ranked.rank <= 64);
    UPDATE proposals SET voter_count = (SELECT count(*) FROM proposal_reports WHERE proposal_id = proposals.id AND voter = 1)
    WHERE id IN (old.proposal_id, new.proposal_id);
END;

INSERT INTO schema_migrations (version, name) VALUES
    (1, '0001_initial'),
    (2, '0002_report_summaries'),
    (3, '0003_ingest_speed'),
    (4, '0004_plain_checks'),
    (5, '0005_sentences_by_offset'),
    (6, '0006_narrow_fingerprint_indexes'),
    (7, '0007_covering_merge_candidates'),
    (8, '0008_fewer_random_index_writes'),
    (9, '0009_voter_counts'),
    (10, '0010_overview_date_index');
