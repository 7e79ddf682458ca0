-- SummitKB schema, version 9: each proposal counts its voting sample.
--
-- Migration 0008 flags a proposal's voting sample (`proposal_reports.voter`, its first 64
-- reports in canonical order). To decide whether a new report enters, its trigger counted
-- the sample, reading up to 64 index entries per new report, and a report that entered was
-- first stored outside the sample and then rewritten. On 1,000 generated articles storing a
-- proposal report took 16.7 microseconds against 7.6 for a meeting report; the trigger was
-- four fifths of it. Now `proposals.voter_count` holds the sample's size (the smaller of 64
-- and the proposal's reports), and one trigger replaces the insert trigger of 0008:
--
-- * a new report enters when the sample has room or when it precedes the sample's last
--   report, read by one index seek; then, if the sample was full, its last report leaves,
--   otherwise the count grows by one;
-- * a report inserted with `voter = 1` is taken at its word, and the same rule then makes
--   the sample exact: when it was full, the last report leaves, which may be the new one.
--
-- The delete and update triggers of 0008 keep the count too.
ALTER TABLE proposals ADD COLUMN voter_count INTEGER NOT NULL DEFAULT 0;

UPDATE proposals SET voter_count = (SELECT count(*) FROM proposal_reports WHERE proposal_id = proposals.id AND voter = 1);

DROP TRIGGER proposal_reports_voter_insert;
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

-- A deleted voter's place goes to the first report outside the sample; with none left, the
-- sample shrinks.
DROP TRIGGER proposal_reports_voter_delete;
CREATE TRIGGER proposal_reports_voter_delete AFTER DELETE ON proposal_reports WHEN old.voter = 1 BEGIN
    UPDATE proposals SET voter_count = voter_count - 1 WHERE id = old.proposal_id
        AND NOT EXISTS (SELECT 1 FROM proposal_reports WHERE proposal_id = old.proposal_id AND voter = 0);
    UPDATE proposal_reports SET voter = 1 WHERE id = (
        SELECT id FROM proposal_reports WHERE proposal_id = old.proposal_id AND voter = 0
        ORDER BY substr(source_sha256, 1, 16), ordinal LIMIT 1);
END;

DROP TRIGGER proposal_reports_voter_update;
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

INSERT INTO schema_migrations (version, name) VALUES (9, '0009_voter_counts');
