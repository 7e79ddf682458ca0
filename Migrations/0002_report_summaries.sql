-- SummitKB schema, version 2: summaries that keep the canned reports fast.
--
-- Reports used to count, per shown meeting, proposal or participant, over every claim
-- that points at it (a popular proposal has tens of thousands of reports). These counts
-- now live with the merged rows and in one roll-up table (proposal_stances), so a report
-- reads a few rows per row it prints. They are kept in step in two places:
--   * new claims are counted by SummitKB's writer as it stores a document (SourceStore:
--     a document's mentions, proposal reports and positions are added once per participant
--     or proposal), and a meeting's counts are rewritten by the meeting merger with its
--     merged slots whenever its reports change (MeetingMerger.refreshSlots); this costs
--     ingest far less than a trigger per inserted or moved row;
--   * the triggers below count every other claim deleted or moved, whatever deletes or
--     moves it: replacement of a source (its claims cascade), curation, the prune triggers.
-- Claims inserted by hand with SQL are not counted. Existing databases are backfilled below.
-- Column documentation: docs/SCHEMA.md.

-- How many reports and distinct sources point at a meeting or proposal; mentions and
-- distinct mentioning sources of a participant (evidence rows with participant_id).
ALTER TABLE meetings ADD COLUMN report_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN source_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE proposals ADD COLUMN report_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE proposals ADD COLUMN source_count INTEGER NOT NULL DEFAULT 0;
-- Participants taking more than one stance on a proposal: only their positions can be disputed.
ALTER TABLE proposals ADD COLUMN mixed_stances INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participants ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participants ADD COLUMN source_count INTEGER NOT NULL DEFAULT 0;

-- One row per proposal, participant and stance that any proposal_positions row gives;
-- position_count is how many such rows there are.
CREATE TABLE proposal_stances (
    proposal_id    INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    stance         TEXT NOT NULL,
    position_count INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, participant_id, stance)
) WITHOUT ROWID;
CREATE INDEX proposal_stances_participant ON proposal_stances(participant_id, proposal_id, stance);

-- Wider indexes in place of five of version 1 (same names, same leading columns): a meeting's
-- attendees, a participant's roles, stances and sources, and a proposal's first reports in
-- canonical order (kind, status, source) are read from the index without reading the rows.
DROP INDEX evidence_participant;
CREATE INDEX evidence_participant ON evidence(participant_id, source_id) WHERE participant_id IS NOT NULL;
DROP INDEX meeting_participants_meeting;
CREATE INDEX meeting_participants_meeting ON meeting_participants(meeting_id, role, participant_id);
DROP INDEX meeting_participants_participant;
CREATE INDEX meeting_participants_participant ON meeting_participants(participant_id, meeting_id, role, meeting_report_id);
DROP INDEX proposal_positions_participant;
CREATE INDEX proposal_positions_participant ON proposal_positions(participant_id, proposal_id, stance, proposal_report_id);
DROP INDEX proposal_reports_proposal;
CREATE INDEX proposal_reports_proposal ON proposal_reports(proposal_id, source_sha256, ordinal, kind, status, source_id);

-- Conflict candidates (two reports or more), most reported first; participants by sources.
CREATE INDEX meetings_report_count ON meetings(report_count DESC, id) WHERE report_count > 1;
CREATE INDEX proposals_report_count ON proposals(report_count DESC, id) WHERE report_count > 1;
CREATE INDEX participants_source_count ON participants(source_count DESC, id);

-- Backfill.
UPDATE meetings SET report_count = c.reports, source_count = c.sources
FROM (SELECT meeting_id, count(*) AS reports, count(DISTINCT source_id) AS sources
      FROM meeting_reports GROUP BY meeting_id) AS c
WHERE meetings.id = c.meeting_id;
UPDATE proposals SET report_count = c.reports, source_count = c.sources
FROM (SELECT proposal_id, count(*) AS reports, count(DISTINCT source_id) AS sources
      FROM proposal_reports GROUP BY proposal_id) AS c
WHERE proposals.id = c.proposal_id;
UPDATE participants SET mention_count = c.mentions, source_count = c.sources
FROM (SELECT participant_id, count(*) AS mentions, count(DISTINCT source_id) AS sources
      FROM evidence WHERE participant_id IS NOT NULL GROUP BY participant_id) AS c
WHERE participants.id = c.participant_id;
INSERT INTO proposal_stances (proposal_id, participant_id, stance, position_count)
SELECT proposal_id, participant_id, stance, count(*) FROM proposal_positions GROUP BY proposal_id, participant_id, stance;
UPDATE proposals SET mixed_stances = c.participants
FROM (SELECT proposal_id, count(*) AS participants FROM (
          SELECT proposal_id FROM proposal_stances GROUP BY proposal_id, participant_id HAVING count(*) > 1)
      GROUP BY proposal_id) AS c
WHERE proposals.id = c.proposal_id;

-- Reports of a meeting. A source counts once however many of its reports point at the
-- meeting; `+meeting_id` keeps the probe on the (source_id, ordinal) index: a source has
-- few reports, a meeting may have thousands. (Reports joining or leaving a meeting move only
-- through the meeting merger, which rewrites the meeting's counts with its slots.)
CREATE TRIGGER meeting_reports_count_delete AFTER DELETE ON meeting_reports BEGIN
    UPDATE meetings SET report_count = report_count - 1,
        source_count = source_count - NOT EXISTS (SELECT 1 FROM meeting_reports o
            WHERE o.source_id = old.source_id AND +o.meeting_id = old.meeting_id)
    WHERE id = old.meeting_id;
END;

-- Reports of a proposal, the same way; they can also be moved.
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

-- Mentions of a participant. source_count is written only when it changes, so its index is
-- not rewritten for every mention.
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

-- Stances on proposals.
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

-- A participant's second stance on a proposal makes it mixed; losing all but one, no longer.
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

-- The views read the summaries: same columns and rows as before, without aggregating
-- every claim (participant_sources used to count all evidence for one row).
DROP VIEW participant_sources;
CREATE VIEW participant_sources AS
SELECT id AS participant_id, kind, name, source_count, mention_count FROM participants;

-- The same rows as before without DISTINCT, so a filter on meeting_id reaches the index even
-- when its value comes from a subquery.
DROP VIEW meeting_roster;
CREATE VIEW meeting_roster AS
SELECT mp.meeting_id, mp.participant_id, p.name, p.kind, mp.role
FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id
WHERE mp.id = (SELECT min(o.id) FROM meeting_participants o
               WHERE o.meeting_id = mp.meeting_id AND o.role = mp.role AND o.participant_id = mp.participant_id);

DROP VIEW proposal_overview;
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

INSERT INTO schema_migrations (version, name) VALUES (2, '0002_report_summaries');
