-- V8: a snapshot's state text in parts. The text of a domain holding a million contacts is about
-- 600 million characters; sent, stored and read back as one value it passed through arrays of that
-- size in the engine and the database client, and the JVM took up to 0.7 s to reach a safepoint
-- while a thread copied, encoded or hashed one (every thread waits for the slowest). Now
-- journal_snapshots.state holds the text's first part and journal_snapshot_parts the parts that
-- follow it (part 1, 2, ...): the text is their concatenation, and state_hash is still SHA-256 of
-- the whole text, so a snapshot stored before this migration (no part rows) reads as it did. A
-- snapshot's parts go with it when it is deleted (pruned, or dropped by an erasure).

CREATE TABLE journal_snapshot_parts (
  domain text    NOT NULL,
  seq    bigint  NOT NULL,
  part   integer NOT NULL CHECK (part >= 1),
  text   text    NOT NULL,
  PRIMARY KEY (domain, seq, part),
  FOREIGN KEY (domain, seq) REFERENCES journal_snapshots (domain, seq) ON DELETE CASCADE
);
