-- SummitKB schema, version 5: an evidence row keeps its sentence as offsets only.
--
-- Every evidence row stored the text of its sentence next to sentence_start and
-- sentence_end, though that text is exactly
-- substr(sources.text, sentence_start + 1, sentence_end - sentence_start): each sentence of
-- an article was written once per fact it supports. In a base of generated articles the
-- copies took 42 of 153 MB (34 evidence rows per article, 122 characters each, 10,000
-- articles) and writing them was about a sixth of ingest time. The column goes.
-- `evidence_text` cuts the sentence out of the source text, as it already cut the span,
-- and so does the library (`EvidenceRecord.sentence`). The window the writer stores is
-- unchanged: at most 1,000 bytes on each side of the span.
--
-- DROP COLUMN rewrites every evidence row in place. The pages it frees stay in the file,
-- to be reused by later ingests, until a VACUUM returns them.

DROP VIEW evidence_text;
ALTER TABLE evidence DROP COLUMN sentence;

CREATE VIEW evidence_text AS
SELECT e.id, s.path AS source, e.slot, e.value, e.start, e.end,
       substr(s.text, e.start + 1, e.end - e.start) AS span_text,
       substr(s.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       e.extractor, e.confidence,
       e.participant_id, e.meeting_report_id, e.meeting_participant_id, e.proposal_report_id, e.proposal_position_id
FROM evidence e JOIN sources s ON s.id = e.source_id;

INSERT INTO schema_migrations (version, name) VALUES (5, '0005_sentences_by_offset');
