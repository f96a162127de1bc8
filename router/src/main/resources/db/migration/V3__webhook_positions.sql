-- Where each webhook's deliveries stand: every event of the domain up to seq was delivered to it
-- (or given up on). The row with webhook '' is the deliverer's own mark: the events up to there
-- were looked at for every webhook it knew. Written by the domain's owner, beside its journal.
CREATE TABLE IF NOT EXISTS webhook_positions (
  domain  text   NOT NULL,
  webhook text   NOT NULL,
  seq     bigint NOT NULL,
  PRIMARY KEY (domain, webhook)
);
