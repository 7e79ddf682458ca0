-- SummitKB schema, version 6: two indexes that cost every commit more than they give.
--
-- Measured on a base of 100,000 generated articles: one ingest commit of 2,048 articles
-- wrote 23,460 pages to the WAL, and 6,157 of them belonged to these two indexes.
--
-- 1. A proposal's reports in canonical order, keyed by the first 16 hex digits of the
--    source fingerprint instead of all 64.
--
-- proposal_reports_proposal orders each proposal's reports by source fingerprint, then
-- position in the source: the first 64 vote on the proposal's merged slots and the
-- `conflicts` report compares the first 32 (docs/SCHEMA.md). A new report lands at a
-- random place among its proposal's reports, so a commit touches a leaf page per report,
-- and the 64-digit key made each entry about 115 bytes: 4,632 of the commit's pages.
-- Sixteen digits order reports the same way unless two different articles share their
-- first 64 bits, and halve the entry. Queries order by the same expression,
-- substr(source_sha256, 1, 16), so that SQLite reads them from this index.
DROP INDEX proposal_reports_proposal;
CREATE INDEX proposal_reports_proposal
    ON proposal_reports(proposal_id, substr(source_sha256, 1, 16), ordinal, kind, status, source_id);

-- 2. No index on sources(sha256).
--
-- SummitKB finds a stored source by its path (the UNIQUE index on sources.path) and never
-- by its fingerprint; the index took 1,525 pages of the commit. Ad-hoc duplicate hunting
-- (GROUP BY sha256) reads the table either way; a user who looks fingerprints up often
-- can create the index again: CREATE INDEX sources_sha256 ON sources(sha256).
DROP INDEX sources_sha256;

INSERT INTO schema_migrations (version, name) VALUES (6, '0006_narrow_fingerprint_indexes');
