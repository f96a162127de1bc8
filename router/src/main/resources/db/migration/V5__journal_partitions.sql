-- V4: the journal's events partitioned by month, so old months can be archived and dropped whole;
-- and the record of what was archived. Self-contained: it only renames, creates and copies.
--
-- journal_events becomes PARTITION BY RANGE (at), one partition a month (UTC), named
-- journal_events_YYYY_MM, plus journal_events_default for any event no month partition takes (the
-- engine creates months ahead; the default only catches a clock far off). A partitioned table's
-- primary key must contain the partition key, so it is (domain, seq, at). (domain, seq) is still
-- unique because every row comes from PgJournal's append statement, which inserts seq numbers
-- last_seq+1.. only through the UPDATE of the domain's journal_domains row that still holds
-- last_seq: that row lock serialises a domain's appends, and a second append with the same seq
-- matches no row and inserts nothing. JournalVerifier reports a repeated seq if anyone bypasses it.
--
-- Partitions are shared by every domain; a month is archived only once every domain with events in
-- it may drop them (older than its retention and before its newest snapshot): see PgArchive.

ALTER TABLE journal_events RENAME TO journal_events_v3;
ALTER TABLE journal_events_v3 RENAME CONSTRAINT journal_events_pkey TO journal_events_v3_pkey;
DROP INDEX journal_events_by_contact, journal_events_by_customer, journal_events_by_time;

-- The same columns as V1's table (LIKE copies them with their NOT NULLs), partitioned by time.
CREATE TABLE journal_events (LIKE journal_events_v3) PARTITION BY RANGE (at);
ALTER TABLE journal_events ADD PRIMARY KEY (domain, seq, at);
CREATE INDEX journal_events_by_contact ON journal_events (domain, contact_id, seq) WHERE contact_id IS NOT NULL;
CREATE INDEX journal_events_by_customer ON journal_events (domain, customer_id, seq) WHERE customer_id IS NOT NULL;
CREATE INDEX journal_events_by_time ON journal_events (domain, at, seq);

-- Row triggers on the partitioned table are cloned onto every partition, present and future; a
-- TRUNCATE trigger is not, so journal_partition() gives each partition its own.
CREATE TRIGGER journal_events_no_change BEFORE UPDATE OR DELETE ON journal_events
  FOR EACH ROW EXECUTE FUNCTION journal_events_append_only();
CREATE TRIGGER journal_events_no_truncate BEFORE TRUNCATE ON journal_events
  FOR EACH STATEMENT EXECUTE FUNCTION journal_events_append_only();

CREATE TABLE journal_events_default PARTITION OF journal_events DEFAULT;
CREATE TRIGGER journal_events_no_truncate BEFORE TRUNCATE ON journal_events_default
  FOR EACH STATEMENT EXECUTE FUNCTION journal_events_append_only();

-- Creates the partition of the month (UTC) holding the instant, if missing; returns its name, or
-- NULL when events of that month already went to the default partition (they stay there, live).
CREATE FUNCTION journal_partition(instant timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  lo   timestamptz := date_trunc('month', instant AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  hi   timestamptz := (date_trunc('month', instant AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
  name text := 'journal_events_' || to_char(instant AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
  IF to_regclass(quote_ident(name)) IS NOT NULL THEN
    RETURN name;
  END IF;
  IF EXISTS (SELECT 1 FROM journal_archives WHERE partition = name) THEN
    RETURN NULL; -- archived and dropped: never made again
  END IF;
  IF EXISTS (SELECT 1 FROM journal_events_default WHERE at >= lo AND at < hi) THEN
    RAISE WARNING 'journal_events_default already holds events of %; that month stays in the default partition', name;
    RETURN NULL;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF journal_events FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
  EXECUTE format('CREATE TRIGGER journal_events_no_truncate BEFORE TRUNCATE ON %I'
                 ' FOR EACH STATEMENT EXECUTE FUNCTION journal_events_append_only()', name);
  RETURN name;
END
$$;

-- What was archived: one row per domain and archived partition, with the file's name and SHA-256
-- and the chain anchor (the hash before its first event, the hash of its last), so verification
-- can start after the archive, or walk the files and name one that is missing or altered.
CREATE TABLE journal_archives (
  domain      text        NOT NULL,
  partition   text        NOT NULL,
  first_seq   bigint      NOT NULL,
  last_seq    bigint      NOT NULL,
  prev_hash   bytea       NOT NULL,
  last_hash   bytea       NOT NULL,
  file        text        NOT NULL,
  file_sha256 text        NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (domain, first_seq)
);
CREATE TRIGGER journal_archives_no_change BEFORE UPDATE OR DELETE ON journal_archives
  FOR EACH ROW EXECUTE FUNCTION journal_events_append_only();
CREATE TRIGGER journal_archives_no_truncate BEFORE TRUNCATE ON journal_archives
  FOR EACH STATEMENT EXECUTE FUNCTION journal_events_append_only();

-- Every month the existing events fall in, and this month and the next two, then the events
-- themselves (with their hashes untouched), then the old table.
SELECT journal_partition(m AT TIME ZONE 'UTC')
  FROM generate_series(
         date_trunc('month', coalesce((SELECT min(at) FROM journal_events_v3), now()) AT TIME ZONE 'UTC'),
         date_trunc('month', greatest(coalesce((SELECT max(at) FROM journal_events_v3), now()), now()) AT TIME ZONE 'UTC')
           + interval '2 months',
         interval '1 month') AS m;
INSERT INTO journal_events SELECT * FROM journal_events_v3;
DROP TABLE journal_events_v3;
