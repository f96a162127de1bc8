#!/usr/bin/env bash
# Archives one month of N journal events (one domain) and verifies the chain across the archive file:
# the figures in archive.md. Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust), python3, and
# the router's jar (mvn -B -q -DskipTests package). Creates and drops its own database.
#   benchmarks/archive-month.sh [events]        (default 500000; every run bounded by timeout 600)
set -euo pipefail
N=${1:-500000}
JAR=${JAR:-router/target/contact-router.jar}
DB=router_bench_archive
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"' EXIT
dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"
export ROUTER_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB ROUTER_JOURNAL_RETENTION_DAYS=30 \
  ROUTER_ARCHIVE_DIR=$WORK/archive ROUTER_LOG_LEVEL=WARN
timeout 600 java -jar "$JAR" archive-journal >/dev/null   # migrates the empty database
psql -q -h 127.0.0.1 -U postgres "$DB" -c "SELECT journal_partition('2024-01-15')" >/dev/null
# N chained events: all but the last 10 in January 2024 (4 s apart), the last 10 now.
python3 - "$N" "$WORK" <<'PY'
import datetime, hashlib, struct, sys, time
n, work = int(sys.argv[1]), sys.argv[2]
prev, dom = b'\0' * 32, 'bench'
def t(s):
    b = s.encode()
    return struct.pack('>i', len(b)) + b
with open(work + '/events.tsv', 'w') as f:
    for i in range(1, n + 1):
        ms = 1704153600000 + i * 4000 if i <= n - 10 else int(time.time() * 1000) - (n - i) * 10
        payload = '{"type":"contact_abandoned","contactId":"c-%d"}' % i
        h = hashlib.sha256(prev + t(dom) + struct.pack('>qq', i, ms) + t('web') + t(payload)).digest()
        at = datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).isoformat()
        f.write('%s\t%d\t%s\tweb\tcontact_abandoned\tc-%d\t\\N\t\\N\t%s\t\\\\x%s\t\\\\x%s\n'
                % (dom, i, at, i, payload, prev.hex(), h.hex()))
        prev = h
with open(work + '/head.sql', 'w') as f:
    f.write("INSERT INTO journal_domains (domain, last_seq, last_hash) VALUES ('bench', %d, '\\x%s');\n" % (n, prev.hex()))
PY
psql -q -h 127.0.0.1 -U postgres "$DB" -f "$WORK/head.sql"
psql -q -h 127.0.0.1 -U postgres "$DB" -c "\copy journal_events from '$WORK/events.tsv'"
# A snapshot after the January events, as the engine would have taken.
psql -q -h 127.0.0.1 -U postgres "$DB" -c "INSERT INTO journal_snapshots (domain, seq, format, chain_hash, state_hash, state)
  SELECT 'bench', seq, 3, hash, '\\x00', '{}' FROM journal_events WHERE domain = 'bench' AND seq = $((N - 5))"
echo "January partition: $(psql -At -h 127.0.0.1 -U postgres "$DB" -c "SELECT pg_size_pretty(pg_total_relation_size('journal_events_2024_01'))")"
time timeout 600 java -jar "$JAR" archive-journal
ls -l "$WORK/archive/bench"
time timeout 600 java -jar "$JAR" verify-journal --archive "$WORK/archive" | grep -v '^{'
time timeout 600 java -jar "$JAR" verify-journal | grep -v '^{'
