-- SummitKB schema, version 7: merge candidates read from their index alone.
--
-- A new meeting report is compared with the reports of its place block near its date
-- (docs/SCHEMA.md, `meeting_reports.published`). Those candidates sit together in the
-- block indexes, but each one's row sits wherever its article was stored: on a base of a
-- million generated articles a dated report had 49 candidates on average, and reading
-- their rows was a random page of a 290 MB table each, about 6 us a candidate, the largest
-- cost that grows with the base. The comparison needs only the columns below (kind,
-- source, meeting, convener, status, date text), so each block index now carries them, in
-- the same order, and a candidate costs a few bytes of an index page already read.
DROP INDEX meeting_reports_block;
CREATE INDEX meeting_reports_block
    ON meeting_reports(block_key, date, kind, source_id, meeting_id, convener_id, status, date_text);

DROP INDEX meeting_reports_block_published;
CREATE INDEX meeting_reports_block_published
    ON meeting_reports(block_key, published, date, kind, source_id, meeting_id, convener_id, status, date_text);

DROP INDEX meeting_reports_block_undated;
-- `date` is always NULL here, but a query that names the column is only served by an
-- index that holds it.
CREATE INDEX meeting_reports_block_undated
    ON meeting_reports(block_key, published, date, kind, source_id, meeting_id, convener_id, status, date_text)
    WHERE date IS NULL;

INSERT INTO schema_migrations (version, name) VALUES (7, '0007_covering_merge_candidates');
