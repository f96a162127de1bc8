-- V2: ownership of a routing domain across a cluster, as a lease on its journal row.
-- A node owns a domain while lease_until is ahead of the database's clock; taking the lease moves
-- epoch on in the same statement, and every append checks epoch (V1), so a node whose lease was
-- taken over cannot write another event, however late it wakes up. owner is NULL when released.
ALTER TABLE journal_domains ADD COLUMN owner text;
ALTER TABLE journal_domains ADD COLUMN lease_until timestamptz;
