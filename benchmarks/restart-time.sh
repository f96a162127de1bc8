#!/usr/bin/env bash
# How long a durable engine takes to come back with a pile-up held, from its latest snapshot and
# the events after it: the other side of routine snapshots, whose encoding costs intake while
# contacts pile up (benchmarks/README.md, issue 14's six figures).
#
# Starts the engine with its journal in a fresh PostgreSQL database (dropped on exit), makes a
# queue nobody serves, drives POST /v1/contacts with wrk for the given seconds, stops the engine
# (SIGTERM), and starts it again on the same database. Prints one line: contacts held, events in
# the journal, the newest snapshot's seq and its part rows, the seconds from the second start to
# /health/ready (the JVM's start included), and the contacts held after it (must be the same).
#
#   benchmarks/restart-time.sh [seconds]      (default 30)
#   after: mvn -B -q -pl router -am package -DskipTests
#
# Environment: ROUTER_SNAPSHOT_EVERY (the engine's default unless set; 0 takes none, so the
# restart replays the whole journal), JAVA_OPTS (-Xms6g -Xmx6g -XX:MaxGCPauseMillis=50),
# ENGINE_JAR, ENGINE_PORT (18099), OUT (a file that also receives the line). Loopback only;
# bounded in time (wrk runs the given seconds; the first start waits at most 60 s, the restart at
# most 300 s).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
java_opts=${JAVA_OPTS:--Xms6g -Xmx6g -XX:MaxGCPauseMillis=50}
jar=${ENGINE_JAR:-router/target/contact-router.jar}
port=${ENGINE_PORT:-18099}
db="restart_time_$$_$RANDOM"
db_made=no
pid=""
work=$(mktemp -d "${TMPDIR:-/tmp}/restart-time.XXXXXX")

[[ -f $jar ]] || { echo "missing $jar: mvn -B -q -pl router -am package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y wrk" >&2; exit 2; }
command -v psql >/dev/null || { echo "missing psql: apt-get install -y postgresql-client" >&2; exit 2; }

psql_() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; }
stop() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  pid=""
}
cleanup() {
  stop
  if [[ $db_made == yes ]]; then psql_ -d postgres -c "drop database if exists $db with (force)" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken: set ENGINE_PORT" >&2; exit 2; fi
telephony_key="restart-tel-$RANDOM$RANDOM$RANDOM"
admin_key="restart-admin-$RANDOM$RANDOM$RANDOM"
psql_ -d postgres -c "create database $db"
db_made=yes

start() { # log name
  # Capacity, not its limits, as in intake-wrk.sh: rate limit and admission control's latency checks off.
  # shellcheck disable=SC2086
  env ROUTER_HTTP_HOST=127.0.0.1 ROUTER_HTTP_PORT="$port" ROUTER_RATE_LIMIT_PER_SECOND=0 \
    ROUTER_OVERLOAD_FRONT_MS=0 ROUTER_OVERLOAD_LAG_MS=0 ROUTER_OVERLOAD_DELAY_MS=0 ROUTER_LOG_LEVEL=WARN \
    ROUTER_API_KEYS="$admin_key=admin,$telephony_key=telephony" \
    ROUTER_PG_URL="postgresql://postgres@127.0.0.1:5432/$db" \
    java $java_opts -jar "$jar" >"$work/$1.log" 2>&1 &
  pid=$!
}
ready() { # attempts
  curl -fs -o /dev/null --max-time 5 --retry "$1" --retry-delay 1 --retry-all-errors "http://127.0.0.1:$port/health/ready"
}
held() {
  curl -fsS "http://127.0.0.1:$port/metrics" | awk '/^router_contacts_waiting\{.*queue="lg-intake"/ { printf "%d", $NF }'
}

start first
ready 60 || { echo "engine not ready:" >&2; tail -n 20 "$work/first.log" >&2; exit 1; }
curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' \
  -d '{"name":"restart time (nobody serves it)","channel":"voice","skills":{"lg-nobody":1}}' \
  "http://127.0.0.1:$port/v1/queues/lg-intake"
WRK_TELEPHONY_KEY=$telephony_key wrk -t1 -c64 -d"${seconds}s" -s benchmarks/intake-post.lua \
  "http://127.0.0.1:$port/v1/contacts" >"$work/wrk.txt"
sleep 3 # the gauges are refreshed every 2 s
before=$(held)
stop
events=$(psql_ -d "$db" -c "select count(*) from journal_events")
snapshot=$(psql_ -d "$db" -c "select coalesce(max(seq), 0) from journal_snapshots")
parts=$(psql_ -d "$db" -c "select count(*) from journal_snapshot_parts p join journal_snapshots s using (domain, seq) where s.seq = $snapshot")
t0=$(date +%s%N)
start second
ready 300 || { echo "engine not ready again:" >&2; tail -n 20 "$work/second.log" >&2; exit 1; }
t1=$(date +%s%N)
sleep 3
after=$(held)
line="$(date -u +%FT%TZ) $(nproc) cores, ROUTER_SNAPSHOT_EVERY=${ROUTER_SNAPSHOT_EVERY:-default}: held $before, events $events, $([[ $snapshot == 0 ]] && echo "no snapshot" || echo "newest snapshot at seq $snapshot ($((parts + 1)) parts)"), restart to ready $(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1e9 }') s, held after $after; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$line" | tee -a "${OUT:-/dev/null}"
[[ $before == "$after" ]] || { echo "held $before before the restart and $after after it" >&2; exit 1; }
