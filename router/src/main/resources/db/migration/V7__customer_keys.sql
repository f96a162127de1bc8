-- V4: customers' data keys, for crypto-shredding of their personal data in the journal.
-- Each key seals the personal fields (name, id, notes, attributes, phone numbers) of one
-- customer's events (EventFormat revision 12, store/format/Sealing.java). key_id is random and
-- names no one: sealed payloads and journal_events.customer_id hold it instead of the customer's
-- id. A row is inserted by the append that first needs it, in the same statement, and deleted by
-- the append of the personal_data_erased event that names it: the customer's sealed fields then
-- read as erased while the hash chain, which covers the ciphertext, still verifies. A customer
-- may have several keys (a restarted writer starts a new one rather than look the old one up).
CREATE TABLE customer_keys (
  domain      text        NOT NULL,
  key_id      text        NOT NULL,
  customer_id text        NOT NULL,
  secret      bytea       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (domain, key_id)
);
CREATE INDEX customer_keys_by_customer ON customer_keys (domain, customer_id);
