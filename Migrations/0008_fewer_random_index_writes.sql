-- SummitKB schema, version 8: fewer index entries written at random places.
--
-- Measured on a base of 100,000 generated articles: ingesting 2,000 more wrote 21,029
-- distinct pages to the WAL. An entry appended at the end of an index (a new id, a new
-- source) shares its page with the commit's other new entries; an entry that lands at a
-- random place costs a page of its own, written to the WAL and again to the file. Three
-- indexes wrote 4,226 of those pages.
--
-- 1. A proposal's voting sample is flagged, not found by ordering all its reports.
--
-- A proposal's merged slots are the values most of its first 64 reports in canonical
-- order give (by the first 16 hex digits of the source fingerprint, then position in the
-- source), and the `conflicts` report compares the first 32 (docs/SCHEMA.md). Until now
-- proposal_reports_proposal held every report in that order, so each new report landed
-- at a random place among its proposal's reports: 3,018 of the 21,029 pages. Now
-- `voter` is 1 on exactly those first 64 reports of each proposal, a partial index holds
-- only them in canonical order, and proposal_reports_proposal is keyed by proposal alone,
-- where a new report is appended. Triggers keep the flag exact whoever writes the table:
-- a new report enters the sample when the sample has room or when the report comes before
-- the sample's last report (which then leaves), a deleted voter's place goes to the first
-- report outside the sample, and a report moved to another proposal or given another
-- fingerprint or position re-ranks both proposals. Only the last two read more than the
-- sample, and only for a proposal that loses a voter or is edited by hand.
ALTER TABLE proposal_reports ADD COLUMN voter INTEGER NOT NULL DEFAULT 0 CHECK (voter IN (0, 1));

UPDATE proposal_reports SET voter = 1 FROM (
    SELECT id, row_number() OVER (PARTITION BY proposal_id ORDER BY substr(source_sha256, 1, 16), ordinal) AS rank
    FROM proposal_reports) AS ranked
WHERE proposal_reports.id = ranked.id AND ranked.rank <= 64;

DROP INDEX proposal_reports_proposal;
CREATE INDEX proposal_reports_proposal ON proposal_reports(proposal_id);
-- `voter` is always 1 here, but a query that names the column is only served by an index
-- that holds it without reading the rows.
CREATE INDEX proposal_reports_voters
    ON proposal_reports(proposal_id, voter, substr(source_sha256, 1, 16), ordinal, kind, status, source_id) WHERE voter = 1;

-- A new report enters when the sample has room or when it precedes the sample's last
-- report, which then leaves. SQLite 3.40 reads an expression such as the fingerprint key
-- from the row, not from the index: the counts read only index entries, and each
-- statement reads one row, the sample's last.
CREATE TRIGGER proposal_reports_voter_insert AFTER INSERT ON proposal_reports
WHEN (SELECT count(*) FROM (SELECT 1 FROM proposal_reports
                            WHERE proposal_id = new.proposal_id AND voter = 1 LIMIT 64)) < 64
  OR (substr(new.source_sha256, 1, 16), new.ordinal) < (
        SELECT substr(source_sha256, 1, 16), ordinal FROM proposal_reports
        WHERE proposal_id = new.proposal_id AND voter = 1
        ORDER BY substr(source_sha256, 1, 16) DESC, ordinal DESC LIMIT 1)
BEGIN
    UPDATE proposal_reports SET voter = 1 WHERE id = new.id;
    UPDATE proposal_reports SET voter = 0
    WHERE (SELECT count(*) FROM (SELECT 1 FROM proposal_reports
                                 WHERE proposal_id = new.proposal_id AND voter = 1 LIMIT 65)) > 64
      AND id = (SELECT id FROM proposal_reports WHERE proposal_id = new.proposal_id AND voter = 1
                ORDER BY substr(source_sha256, 1, 16) DESC, ordinal DESC LIMIT 1);
END;

CREATE TRIGGER proposal_reports_voter_delete AFTER DELETE ON proposal_reports WHEN old.voter = 1 BEGIN
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
END;

-- 2. Two indexes no statement reads.
--
-- meetings_block (689 of the pages): merge candidates are read from the block indexes of
-- meeting_reports (migration 0007), never from meetings. proposal_reports_merge_key (519):
-- a new report finds its proposal through proposals_merge_key, and merge reasons are
-- written by proposal. A user who filters on either column often can create them again:
-- CREATE INDEX meetings_block ON meetings(block_key);
-- CREATE INDEX proposal_reports_merge_key ON proposal_reports(merge_key).
DROP INDEX meetings_block;
DROP INDEX proposal_reports_merge_key;

INSERT INTO schema_migrations (version, name) VALUES (8, '0008_fewer_random_index_writes');
