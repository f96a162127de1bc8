-- V1: the event journal of every routing domain, its per-domain head, and snapshots.
-- Applied once by dev.contactrouter.store.SchemaMigrations; never edit it after release (the
-- runner refuses to start when an applied file's checksum changed): add V2__….sql instead.

-- One row per routing domain: where its journal stands, and the ownership epoch a writer must
-- hold to append. Every append updates this row in the same statement as its insert, checking
-- epoch, last_seq and last_hash, so a gap, a fork or a writer that lost ownership cannot write.
CREATE TABLE journal_domains (
  domain     text        PRIMARY KEY,
  epoch      bigint      NOT NULL DEFAULT 0,
  last_seq   bigint      NOT NULL DEFAULT 0,
  last_hash  bytea       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every event, chained by hash per domain: hash = SHA-256(prev_hash, domain, seq, at, actor,
-- payload) as defined in HashChain.java. payload is the exact event text the hash covers (text,
-- not jsonb, which would normalise it); cast it with payload::jsonb to query it. contact_id,
-- agent_id and customer_id are lookup columns derived from payload (verification checks them).
-- No foreign key to journal_domains: rows are only ever inserted by the append statement, which
-- requires the domain's row.
CREATE TABLE journal_events (
  domain      text        NOT NULL,
  seq         bigint      NOT NULL,
  at          timestamptz NOT NULL,
  actor       text        NOT NULL,
  type        text        NOT NULL,
  contact_id  text,
  agent_id    text,
  customer_id text,
  payload     text        NOT NULL,
  prev_hash   bytea       NOT NULL,
  hash        bytea       NOT NULL,
  PRIMARY KEY (domain, seq)
);
CREATE INDEX journal_events_by_contact ON journal_events (domain, contact_id, seq) WHERE contact_id IS NOT NULL;
CREATE INDEX journal_events_by_customer ON journal_events (domain, customer_id, seq) WHERE customer_id IS NOT NULL;
CREATE INDEX journal_events_by_time ON journal_events (domain, at, seq);

-- The journal is append-only. A superuser can still bypass this guard; the hash chain shows it.
CREATE FUNCTION journal_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'journal_events is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER journal_events_no_change BEFORE UPDATE OR DELETE ON journal_events
  FOR EACH ROW EXECUTE FUNCTION journal_events_append_only();
CREATE TRIGGER journal_events_no_truncate BEFORE TRUNCATE ON journal_events
  FOR EACH STATEMENT EXECUTE FUNCTION journal_events_append_only();

-- A domain's state after event seq, so recovery replays only what follows. chain_hash is the hash
-- of event seq (ties the snapshot to one history); state_hash is SHA-256 of state. Only the newest
-- few are kept.
CREATE TABLE journal_snapshots (
  domain     text        NOT NULL REFERENCES journal_domains (domain),
  seq        bigint      NOT NULL,
  format     integer     NOT NULL,
  chain_hash bytea       NOT NULL,
  state_hash bytea       NOT NULL,
  state      text        NOT NULL,
  taken_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (domain, seq)
);
