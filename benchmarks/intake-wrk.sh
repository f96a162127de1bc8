#!/usr/bin/env bash
# Intake against bare Vert.x and against PostgreSQL, measured by a client that is not the
# bottleneck (wrk), in one run (issue #14, goals 1 and 2).
#
# For each mode in MODES, in this order:
#   bare      BareServer (benchmarks jar) in its own JVM, driven by wrk;
#   embedded  the engine's embedded default (in-memory journal and timers; rate limit and admission
#             control's latency checks off, see start_engine) in its own JVM, a queue nobody
#             serves, POST /v1/contacts driven by the same wrk command and the same JSON body;
#   durable   the same engine with its journal in a fresh PostgreSQL database (ROUTER_PG_URL; timers
#             stay in memory unless ROUTER_REDIS_URL is set in the environment), the same wrk
#             command; then the load generator's fixed-rate, open-loop intake at half the 2xx rate
#             wrk measured, for the same seconds: its p99 is from each request's intended send time;
#   pgbench   pgbench in the same fresh database, the same client count: one INSERT of exactly the
#             same JSON body per transaction (autocommit), p50/p99 from its per-transaction log.
# Then it prints one table and the ratios: embedded / bare, durable / pgbench, p99 embedded / bare.
# The database is created by the script and dropped on exit. The default warm-up is 30 s: with
# less, the engine's JIT compiler was still busy during the measured run (pgbench has none). The
# durable engine's default is 60 s: after 15 s its compiler still took 38% of a core, after 60 s
# 5-7% (benchmarks/thread-cpu.sh). A warm-up given on the command line applies to every mode.
# Loopback only; bounded in time (each wrk and pgbench run is -d/-T seconds, each start waits at
# most 60 s).
#
#   benchmarks/intake-wrk.sh [seconds] [warm-up seconds]     (defaults 10 and 30, durable 60)
#   after: mvn -B -q -pl router,benchmarks -am package -DskipTests
#
# Environment: MODES ("bare embedded durable pgbench"), ROUNDS (1; each round runs every mode),
# WRK_THREADS (1; also pgbench's -j), WRK_CONNECTIONS (64; also pgbench's -c), JAVA_OPTS (-Xms1g
# -Xmx1g: the bare server's JVM), ENGINE_JVM (-Xms4g -Xmx4g
# -XX:MaxGCPauseMillis=50: the engine's heap and pause target, as deploy/ sets it; see below),
# ENGINE_JAVA_OPTS (extra options for the engine only, e.g. JFR), ENGINE_JAR (another
# build of the engine), BARE_PORT (18091), ENGINE_PORT (18092), PG_HOST (127.0.0.1), PG_PORT (5432;
# user postgres, trust authentication), PGBENCH_CONNECT_S (3: seconds added to pgbench's -T for
# its clients to connect, which -T counts and its tps leaves out), LG_JAVA_OPTS (-Xmx1g, the load
# generator's JVM), OUT (a file that also receives the table); ROUTER_OVERLOAD_FRONT_MS, _LAG_MS
# and _DELAY_MS (0 here) turn admission control's checks back on. Besides requests/s and latency
# it prints each JVM's own CPU time per request (from /proc), which moves far less than requests/s
# when other work shares the cores, and the engine's garbage collections during the measured run:
# the longest pause and the number of full collections.
#
# The engine's heap: nobody serves the queue, so every contact is still held at the end: about
# 250,000 after a 30 s warm-up and a 15 s run at 5,000/s, and the embedded engine keeps its
# journal in memory as well (4-6 KB a contact, benchmarks/README.md). In a 1 GB heap that ran out
# half-way: back-to-back full collections of 0.6-1 s, 1017 MB live of 1024, and the run measured
# the collector, not intake. 4 GB holds what these runs hold; size ENGINE_JVM for longer ones.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
warmup=${2:-30}
durable_warmup=${2:-60}
modes=" ${MODES:-bare embedded durable pgbench} "
threads=${WRK_THREADS:-1}
connections=${WRK_CONNECTIONS:-64}
java_opts=${JAVA_OPTS:--Xms1g -Xmx1g}
lg_java_opts=${LG_JAVA_OPTS:--Xmx1g}
bare_port=${BARE_PORT:-18091}
engine_port=${ENGINE_PORT:-18092}
connect_s=${PGBENCH_CONNECT_S:-3}
jar=${ENGINE_JAR:-router/target/contact-router.jar}
bench=benchmarks/target/benchmarks.jar
work=$(mktemp -d "${TMPDIR:-/tmp}/intake-wrk.XXXXXX")
# A name of its own, so two runs (or a run and the tests) never share a database.
db="intake_wrk_$$_$RANDOM"
lg_pid=""
telephony_key="wrk-tel-$RANDOM$RANDOM$RANDOM"
admin_key="wrk-admin-$RANDOM$RANDOM$RANDOM"
# The engine's start and stop (the bare server's pid goes through stop_engine too), ENGINE_JVM,
# PG_HOST, PG_PORT, the request's body and the fresh database.
# shellcheck source=benchmarks/wrk-engine.sh
. benchmarks/wrk-engine.sh

for m in $modes; do
  case $m in bare|embedded|durable|pgbench) ;; *) echo "unknown mode $m in MODES (bare embedded durable pgbench)" >&2; exit 2 ;; esac
done
for f in "$jar" "$bench"; do
  [[ -f $f ]] || { echo "missing $f: mvn -B -q -pl router,benchmarks -am package -DskipTests" >&2; exit 2; }
done
if ! command -v wrk >/dev/null; then
  # As .ci/run installs what the tests need: apt-get, as root or with sudo.
  if [[ $(id -u) == 0 ]]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
if [[ $modes == *" durable "* || $modes == *" pgbench "* ]]; then
  for c in psql pgbench; do
    command -v "$c" >/dev/null || { echo "missing $c: apt-get install -y postgresql-client" >&2; exit 2; }
  done
fi

cleanup() {
  [[ -z $lg_pid ]] || stop_pid "$lg_pid"
  stop_engine
  drop_db
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The request's body (benchmarks/wrk-engine.sh) also goes in pgbench's INSERT.
[[ -n $body ]] || { echo "no wrk.body line in $script" >&2; exit 2; }
[[ $body != *"'"* ]] || { echo "the body in $script has a quote; pgbench's INSERT cannot take it as is" >&2; exit 2; }

load() { cut -d' ' -f1 /proc/loadavg; }

# CPU seconds (user + system) the process has used so far, from /proc (clock ticks of 1/100 s).
cpu() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$1/stat"; }

# Contacts the engine refused at once with 503 (admission control), from its own metrics.
refusals() {
  curl -fsS --max-time 5 "http://127.0.0.1:$engine_port/metrics" \
    | awk '/^router_(commands|front)_shed_total/ { n += $NF } END { printf "%d", n }'
}

# Runs wrk (warm-up, then the measured run) against $1; sets rps (2xx answers a second), p50,
# p99, non2xx, refused (the engine's admission-control refusals counted meanwhile; a few may be
# the warm-up's last requests), errors, cpu_us, load_before.
drive() { # url label [warm-up seconds]
  WRK_TELEPHONY_KEY=$telephony_key wrk -t"$threads" -c"$connections" -d"${3:-$warmup}s" -s "$script" "$1" >"$work/$2-warmup.txt"
  load_before=$(load)
  local cpu_before shed_before=0 shed_after=0
  cpu_before=$(cpu "$pid")
  [[ $2 == bare* ]] || shed_before=$(refusals)
  local gc_lines=0
  [[ ! -f $work/$2.gc ]] || gc_lines=$(wc -l <"$work/$2.gc")
  WRK_TELEPHONY_KEY=$telephony_key wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$script" "$1" >"$work/$2.txt"
  local cpu_after; cpu_after=$(cpu "$pid")
  [[ $2 == bare* ]] || shed_after=$(refusals)
  local requests took
  requests=$(awk '/requests in/ {print $1}' "$work/$2.txt")
  took=$(awk '/requests in/ { sub(/,$/, "", $4); print $4 }' "$work/$2.txt")
  if [[ ${requests:-0} == 0 ]]; then
    echo "$2: wrk got no answer in ${seconds}s: $(cat "$work/$2.txt")" >&2
    exit 1
  fi
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/$2.txt")
  non2xx=${non2xx:-0}
  refused=$((shed_after - shed_before))
  # Requests/s counts what was acknowledged: a refusal is quick and would flatter the rate.
  rps=$(awk -v n="$requests" -v bad="$non2xx" -v t="$(ms "$took")" 'BEGIN { printf "%.0f", (n - bad) * 1000 / t }')
  # The server's own CPU per request: unlike requests/s, it barely moves with what else runs.
  cpu_us=$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$requests" 'BEGIN { printf "%.0f", (b - a) * 1e6 / n }')
  p50=$(ms "$(awk '$1 == "50%" {print $2}' "$work/$2.txt")")
  p99=$(ms "$(awk '$1 == "99%" {print $2}' "$work/$2.txt")")
  errors=$(grep -m1 'Socket errors' "$work/$2.txt" | sed 's/^ *Socket errors: //' || true)
  gc="–"
  if [[ -f $work/$2.gc ]]; then
    # Unified logging: "[12.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(4096M) 12.345ms"
    gc=$(tail -n +"$((gc_lines + 1))" "$work/$2.gc" | awk '/ Pause / { ms = $NF; sub(/ms$/, "", ms); if (ms + 0 > max) max = ms + 0; if (/Pause Full/) full++ }
      END { printf "%.0f ms, %d full", max, full }')
  fi
}

# wrk prints latencies and durations as 1.23ms, 456.78us, 1.02s or 2.00m; this gives milliseconds.
ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0;
    else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

bare() {
  free_port "$bare_port"
  # shellcheck disable=SC2086
  java $java_opts -cp "$bench" dev.contactrouter.bench.load.BareServer "$bare_port" >"$work/bare.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do grep -q 'bare POST endpoint' "$work/bare.log" && break; sleep 0.5; done
  grep -q 'bare POST endpoint' "$work/bare.log" || { cat "$work/bare.log" >&2; exit 1; }
  drive "http://127.0.0.1:$bare_port/v1/contacts" "bare-$1"
  stop_engine
}

embedded() {
  start_engine "embedded-$1" "$jar"
  drive "http://127.0.0.1:$engine_port/v1/contacts" "embedded-$1"
  stop_engine
}

# The durable engine under wrk, then the load generator's open-loop intake at half the 2xx rate
# wrk measured (sets half_* for the extra row).
durable() {
  start_engine "durable-$1" "$jar" ROUTER_PG_URL="postgresql://postgres@$pg_host:$pg_port/$db"
  drive "http://127.0.0.1:$engine_port/v1/contacts" "durable-$1" "$durable_warmup"
  half_rate=$(awk -v r="$rps" 'BEGIN { h = r / 2; printf "%.0f", h < 1 ? 1 : h }')
  half_load=$(load)
  # The engine is warm; the generator's own JVM gets a few seconds (not measured) to warm up.
  local lg_warmup=$(( warmup < 5 ? warmup : 5 ))
  # shellcheck disable=SC2086
  java $lg_java_opts -cp "$bench" dev.contactrouter.bench.load.LoadGenerator \
    --url "http://127.0.0.1:$engine_port" --admin-key "$admin_key" --telephony-key "$telephony_key" \
    --skip-centre --skip-bare --intake-rate "$half_rate" --intake-warmup-s "$lg_warmup" --intake-s "$seconds" \
    --out "$work/durable-half-$1.md" >"$work/durable-half-$1.log" 2>&1 &
  lg_pid=$!
  local status=0
  wait "$lg_pid" || status=$?
  lg_pid=""
  if [[ $status != 0 ]]; then
    echo "the load generator exited with status $status; its output:" >&2
    tail -n 20 "$work/durable-half-$1.log" >&2
    exit 1
  fi
  stop_engine
  # The generator's row: | 201 acknowledged | count | per second | p50 X ms, p99 Y ms, ... |
  local report=$work/durable-half-$1.md
  half_rps=$(awk -F'|' '$2 ~ /201 acknowledged/ { gsub(/[ ,]/, "", $4); print $4 }' "$report")
  half_p50=$(sed -n 's/^| 201 acknowledged .*p50 \([0-9.,]*\) ms.*/\1/p' "$report" | tr -d ,)
  half_p99=$(sed -n 's/^| 201 acknowledged .*p99 \([0-9.,]*\) ms.*/\1/p' "$report" | tr -d ,)
  half_refused=$(awk -F'|' '$2 ~ /503 refused/ { gsub(/[ ,]/, "", $3); print $3 }' "$report")
  half_other=$(awk -F'|' '$2 ~ /other errors/ { gsub(/[ ,]/, "", $3); print $3 }' "$report")
  [[ -n $half_rps && -n $half_p99 ]] || { echo "no figures in the load generator's report: $report" >&2; exit 1; }
}

# pgbench: the same connections, one INSERT of the same body per transaction, in the fresh
# database; sets rps (tps), p50, p99 (from its per-transaction log), non2xx (failed transactions).
pgbench_run() {
  psql_ -d "$db" -c "create table bench_intake(id bigserial, body jsonb)"
  printf "insert into bench_intake (body) values ('%s');\n" "$body" >"$work/insert.sql"
  load_before=$(load)
  # pgbench's -T counts the time its clients take to connect (1.8 s for 64 of them on a busy
  # 2-core machine, so a 1 s run processed nothing); its tps leaves that time out.
  pgbench -n -h "$pg_host" -p "$pg_port" -U postgres -c "$connections" -j "$threads" -T "$((seconds + connect_s))" \
    -f "$work/insert.sql" -l --log-prefix="$work/pgbench-log-$1" "$db" >"$work/pgbench-$1.txt" 2>&1 \
    || { cat "$work/pgbench-$1.txt" >&2; exit 1; }
  rps=$(awk '/^tps = / { printf "%.0f", $3; exit }' "$work/pgbench-$1.txt")
  non2xx=$(awk '/number of failed transactions:/ { print $5; exit }' "$work/pgbench-$1.txt")
  non2xx=${non2xx:-0}
  # Each log line: client, transaction, latency in µs, script, epoch s, µs.
  cat "$work/pgbench-log-$1".* | awk '$3 ~ /^[0-9]+$/ { print $3 }' | sort -n >"$work/pgbench-$1.latencies"
  local n; n=$(wc -l <"$work/pgbench-$1.latencies")
  [[ $n -gt 0 ]] || { echo "pgbench logged no transaction: $work" >&2; exit 1; }
  p50=$(sed -n "$(( (n * 50 + 99) / 100 ))p" "$work/pgbench-$1.latencies" | awk '{ printf "%.2f", $1 / 1000 }')
  p99=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$work/pgbench-$1.latencies" | awk '{ printf "%.2f", $1 / 1000 }')
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "–"; else printf "%.2f", a / b }'; }

# One row per mode and round. A non-2xx answer fails the run, except the engine's refusals (503
# at once) when its admission control's checks are turned on, as far as its own counters account
# for them: a refusal is not an error.
rows=() bad=0 summary=()
row() { # round target
  rows+=("| $1 | $2 | $load_before | $rps | $p50 | $p99 | $cpu_us | ${gc:-–} | $non2xx | ${errors:-} |")
}
for round in $(seq 1 "${ROUNDS:-1}"); do
  b_rps="" b_p99="" e_rps="" e_p99="" d_rps="" g_rps=""
  if [[ $modes == *" durable "* || $modes == *" pgbench "* ]]; then fresh_db; fi
  if [[ $modes == *" bare "* ]]; then
    bare "$round"
    row "$round" "bare Vert.x (BareServer)"
    b_rps=$rps b_p99=$p99 b_cpu=$cpu_us
    [[ $non2xx == 0 ]] || bad=1
  fi
  if [[ $modes == *" embedded "* ]]; then
    embedded "$round"
    row "$round" "engine, embedded"
    e_rps=$rps e_p99=$p99 e_cpu=$cpu_us
    [[ $non2xx -le $refused ]] || bad=1
  fi
  if [[ $modes == *" durable "* ]]; then
    durable "$round"
    row "$round" "engine, durable (PostgreSQL journal)"
    d_rps=$rps
    [[ $non2xx -le $refused ]] || bad=1
    load_before=$half_load rps=$half_rps p50=$half_p50 p99=$half_p99 cpu_us="–" gc="–" errors=""
    non2xx=$((half_refused + half_other))
    row "$round" "engine, durable, open loop at half that rate ($half_rate/s offered; load generator, from intended send time)"
    [[ $half_other == 0 ]] || bad=1
  fi
  if [[ $modes == *" pgbench "* ]]; then
    pgbench_run "$round"; cpu_us="–" gc="–" errors=""
    row "$round" "pgbench, one INSERT per transaction (tps)"
    g_rps=$rps
    [[ $non2xx == 0 ]] || bad=1
  fi
  line="round $round:"
  [[ -z $b_rps || -z $e_rps ]] || line+=" embedded / bare = $(ratio "$e_rps" "$b_rps") (goal >= 0.5);\
 p99 embedded / bare = $(ratio "$e_p99" "$b_p99") (goal <= 2);\
 CPU per request embedded / bare = $(ratio "$e_cpu" "$b_cpu");"
  [[ -z $d_rps || -z $g_rps ]] || line+=" durable / pgbench = $(ratio "$d_rps" "$g_rps") (goal >= 2);"
  [[ $modes != *" durable "* ]] || line+=" durable p99 at half its rate = $half_p99 ms (goal < 10)"
  summary+=("$line")
done
{
  echo "intake-wrk $(date -u +%FT%TZ): wrk -t$threads -c$connections -d${seconds}s (after ${warmup}s warm-up, durable ${durable_warmup}s)," \
    "pgbench -c$connections -j$threads -T$((seconds + connect_s)) (of which connecting is left out), bare JVM $java_opts," \
    "engine JVM $engine_jvm, $(nproc) cores"
  echo
  echo "| round | target | load avg before | requests/s (2xx) | p50 ms | p99 ms | JVM CPU µs/request | engine GC: longest pause, full | non-2xx | wrk errors |"
  echo "|---:|---|---:|---:|---:|---:|---:|---|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "requests/s counts 2xx answers; an engine's non-2xx are its admission-control refusals (503 at once)," \
    "checked against its own counters; pgbench's p50/p99 are from its per-transaction log."
  echo
  printf '%s\n' "${summary[@]}"
} | tee ${OUT:+"$OUT"}
if [[ $bad != 0 ]]; then
  echo "some answers were neither 2xx nor the engine's admission-control refusals: see $work" >&2
  exit 1
fi
rm -rf "$work"
