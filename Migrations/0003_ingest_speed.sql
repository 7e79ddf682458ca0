-- SummitKB schema, version 3: less work per ingested article.

-- 1. New sources enter the full-text index once per commit.
--
-- The trigger sources_fts_insert indexed each source inside its document's savepoint, and
-- FTS5 writes its pending terms to disk at every savepoint: one tiny index segment per
-- article, merged again and again (about a tenth of ingest time). SummitKB's writer now
-- indexes the sources a commit added in one statement just before the commit
-- (SourceStore.indexNewSources), so FTS5 builds one segment per commit:
--
--   INSERT INTO sources_fts(rowid, title, text)
--   SELECT id, title, text FROM sources
--   WHERE id > coalesce((SELECT max(id) FROM sources_fts_docsize), 0);
--
-- Sources above the highest indexed id are the ones waiting (a new row takes the
-- highest id plus one). A source inserted by hand with SQL is indexed by the next
-- ingest, or at once with the statement above. Deleting and updating sources stay
-- with the triggers of version 1; the writer indexes a waiting source before it deletes it.
DROP TRIGGER sources_fts_insert;

-- 2. Merge candidates without a date: the meeting merger compares a dated report with the
-- undated reports of its place published within two weeks. Through
-- meeting_reports_block_published it read every report of the place in that window (a
-- busy place has hundreds) to keep the few without a date.
CREATE INDEX meeting_reports_block_undated ON meeting_reports(block_key, published) WHERE date IS NULL;

-- 3. Covered by the UNIQUE constraints, whose leading column is the same report id.
DROP INDEX meeting_participants_report;
DROP INDEX proposal_positions_report;

INSERT INTO schema_migrations (version, name) VALUES (3, '0003_ingest_speed');
