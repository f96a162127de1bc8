-- V4: report aggregates, derived from the journal and rebuildable from it at any time
-- (java -jar contact-router.jar verify-reports --rebuild). A follower per domain
-- (dev.contactrouter.report.ReportAggregatesVerticle) folds committed events after its position
-- with the same fold as the reports (core ReportFold) and writes, in one transaction, the figures
-- per 15-minute interval (UTC-aligned, epoch milliseconds), the per-contact state the fold carries
-- across events, and its new position. Reports sum the intervals of their period (grouped into
-- their own 15-minute, hour or day intervals in their time zone) and fold only the journal after
-- the position. Only new tables: journal_events is not touched.

-- Where each domain's aggregates stand: every event up to seq is in them. last_at is the latest
-- event time folded (epoch ms); w_* are the composite score's weights of the last rules
-- configured (null: the defaults).
CREATE TABLE report_positions (
  domain                text             PRIMARY KEY,
  seq                   bigint           NOT NULL DEFAULT 0,
  last_at               bigint           NOT NULL DEFAULT 0,
  w_satisfaction        double precision,
  w_response_speed      double precision,
  w_volume              double precision,
  w_answer_rate         double precision,
  w_response_target     integer
);

-- Queue figures per 15-minute interval of the segment's start (surveys: of the survey's time).
-- met_deadline counts answers by the contact's own SLA deadline; within_<n>s counts answers of
-- contacts without a deadline within n seconds, so a report's slaSeconds on one of these edges
-- is exact (other thresholds fold the journal).
CREATE TABLE report_queue_intervals (
  domain             text   NOT NULL,
  bucket             bigint NOT NULL,
  queue              text   NOT NULL,
  offered            bigint NOT NULL DEFAULT 0,
  answered           bigint NOT NULL DEFAULT 0,
  abandoned          bigint NOT NULL DEFAULT 0,
  transferred_out    bigint NOT NULL DEFAULT 0,
  met_deadline       bigint NOT NULL DEFAULT 0,
  within_5s       bigint NOT NULL DEFAULT 0,
  within_10s       bigint NOT NULL DEFAULT 0,
  within_15s       bigint NOT NULL DEFAULT 0,
  within_20s       bigint NOT NULL DEFAULT 0,
  within_25s       bigint NOT NULL DEFAULT 0,
  within_30s       bigint NOT NULL DEFAULT 0,
  within_40s       bigint NOT NULL DEFAULT 0,
  within_45s       bigint NOT NULL DEFAULT 0,
  within_60s       bigint NOT NULL DEFAULT 0,
  within_90s       bigint NOT NULL DEFAULT 0,
  within_120s       bigint NOT NULL DEFAULT 0,
  within_180s       bigint NOT NULL DEFAULT 0,
  within_240s       bigint NOT NULL DEFAULT 0,
  within_300s       bigint NOT NULL DEFAULT 0,
  within_600s       bigint NOT NULL DEFAULT 0,
  within_900s       bigint NOT NULL DEFAULT 0,
  within_1200s       bigint NOT NULL DEFAULT 0,
  within_1800s       bigint NOT NULL DEFAULT 0,
  within_3600s       bigint NOT NULL DEFAULT 0,
  wait_ms            bigint NOT NULL DEFAULT 0,
  handled            bigint NOT NULL DEFAULT 0,
  handle_ms          bigint NOT NULL DEFAULT 0,
  longest_wait_ms    bigint NOT NULL DEFAULT 0,
  surveys            bigint NOT NULL DEFAULT 0,
  csat_sum           bigint NOT NULL DEFAULT 0,
  satisfied          bigint NOT NULL DEFAULT 0,
  nps_answers        bigint NOT NULL DEFAULT 0,
  promoters          bigint NOT NULL DEFAULT 0,
  detractors         bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (domain, bucket, queue)
);

-- Agent figures per 15-minute interval of the event's time.
CREATE TABLE report_agent_intervals (
  domain        text   NOT NULL,
  bucket        bigint NOT NULL,
  agent         text   NOT NULL,
  offers        bigint NOT NULL DEFAULT 0,
  accepted      bigint NOT NULL DEFAULT 0,
  response_ms   bigint NOT NULL DEFAULT 0,
  handled       bigint NOT NULL DEFAULT 0,
  handle_ms     bigint NOT NULL DEFAULT 0,
  surveys       bigint NOT NULL DEFAULT 0,
  csat_sum      bigint NOT NULL DEFAULT 0,
  satisfied     bigint NOT NULL DEFAULT 0,
  nps_answers   bigint NOT NULL DEFAULT 0,
  promoters     bigint NOT NULL DEFAULT 0,
  detractors    bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (domain, bucket, agent)
);

-- The fold's state at the position: contacts it still tracks, open offers, complaint cases.
CREATE TABLE report_contacts (
  domain                 text    NOT NULL,
  contact_id             text    NOT NULL,
  queue                  text,
  segment_start          bigint  NOT NULL,
  waiting                boolean NOT NULL,
  deadline               bigint,
  assigned_at            bigint,
  assigned_queue         text,
  assigned_segment_start bigint  NOT NULL,
  PRIMARY KEY (domain, contact_id)
);

CREATE TABLE report_offers (
  domain   text   NOT NULL,
  offer_id text   NOT NULL,
  made_at  bigint NOT NULL,
  PRIMARY KEY (domain, offer_id)
);

CREATE TABLE report_cases (
  domain                 text    NOT NULL,
  case_id                text    NOT NULL,
  opened_at              bigint  NOT NULL,
  kind                   text,
  severity               text,
  result_at              bigint,
  closed_at              bigint,
  reopened               boolean NOT NULL,
  breached               boolean NOT NULL,
  breached_before_result boolean NOT NULL,
  PRIMARY KEY (domain, case_id)
);
CREATE INDEX report_cases_by_opening ON report_cases (domain, opened_at);

-- Account-opening cases, as the account report needs them.
CREATE TABLE report_account_cases (
  domain       text             NOT NULL,
  case_id      text             NOT NULL,
  opened_at    bigint           NOT NULL,
  deadline     bigint           NOT NULL,
  activated_at bigint,
  working_days double precision,
  PRIMARY KEY (domain, case_id)
);
CREATE INDEX report_account_cases_by_opening ON report_account_cases (domain, opened_at);
