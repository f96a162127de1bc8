#!/usr/bin/env bash
# Issue #14, goals 5 and 6: how long the writer stalls, and how much heap each waiting contact
# costs, once the engine holds a great many contacts.
#
# Starts the engine (embedded default: in-memory journal and timers; or durable, DURABLE=1, with
# its journal in a fresh PostgreSQL database the script drops on exit) in its own JVM with a large
# heap, makes a queue nobody serves, and drives POST /v1/contacts with wrk for the given seconds,
# so every contact acknowledged stays waiting. Then it prints:
#   - contacts held (the engine's router_contacts_waiting gauge for the queue);
#   - the writer's stalls (router_writer_stall_seconds: how late a 10 ms timer on the writer's
#     thread fired): during the run alone (the histogram's buckets after the run less before it:
#     the bound of the highest bucket reached, and those holding p99 and p99.9), and over the
#     engine's life (Micrometer's decaying maximum, which also holds the engine's start and the
#     two full collections this script makes for the empty heap's figure);
#   - heap used after full collections (jcmd GC.run, then GC.heap_info) before the first contact
#     and at the end, and the difference divided by the contacts held: what each waiting contact
#     costs, the writer's two copies of the state included, and (embedded) the in-memory
#     journal's events.
#
#   benchmarks/held-state.sh [seconds]        (default 60)
#   after: mvn -B -q -pl router,benchmarks -am package -DskipTests
#
# Environment: JAVA_OPTS (-Xms12g -Xmx12g: the heap must hold the pile-up), DURABLE (0),
# WRK_THREADS (1), WRK_CONNECTIONS (64), ENGINE_JAR, ENGINE_PORT (18093), ENGINE_CPUS (a taskset
# list for the engine; wrk then runs on the other cores), OUT (a file that also receives the
# figures). Loopback only; bounded in time (wrk runs the given seconds; starts wait at most 60 s).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
java_opts=${JAVA_OPTS:--Xms12g -Xmx12g}
port=${ENGINE_PORT:-18093}
jar=${ENGINE_JAR:-router/target/contact-router.jar}
work=$(mktemp -d "${TMPDIR:-/tmp}/held-state.XXXXXX")
db="held_state_$$_$RANDOM"
db_made=no
pid=""
engine_run=() client_run=()
if [[ -n ${ENGINE_CPUS:-} ]]; then
  engine_run=(taskset -c "$ENGINE_CPUS")
  others=$(python3 -c "import os,sys; e={int(c) for c in sys.argv[1].split(',')}; print(','.join(str(c) for c in sorted(os.sched_getaffinity(0)) if c not in e))" "$ENGINE_CPUS")
  [[ -z $others ]] || client_run=(taskset -c "$others")
fi

[[ -f $jar ]] || { echo "missing $jar: mvn -B -q -pl router,benchmarks -am package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y wrk" >&2; exit 2; }
command -v jcmd >/dev/null || { echo "missing jcmd (a JDK's tools)" >&2; exit 2; }

psql_() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; }
cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [[ $db_made == yes ]]; then psql_ -d postgres -c "drop database if exists $db with (force)" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken: set ENGINE_PORT" >&2; exit 2; fi
script=benchmarks/intake-post.lua
telephony_key="held-tel-$RANDOM$RANDOM$RANDOM"
admin_key="held-admin-$RANDOM$RANDOM$RANDOM"
journal=()
if [[ ${DURABLE:-0} == 1 ]]; then
  psql_ -d postgres -c "create database $db"
  db_made=yes
  journal=(ROUTER_PG_URL="postgresql://postgres@127.0.0.1:5432/$db")
fi
# Capacity, not its limits: the rate limit and admission control's latency checks are off (as in
# intake-wrk.sh), so the run piles up as many contacts as the engine takes.
env ROUTER_HTTP_HOST=127.0.0.1 ROUTER_HTTP_PORT="$port" ROUTER_RATE_LIMIT_PER_SECOND=0 \
  ROUTER_OVERLOAD_FRONT_MS=0 ROUTER_OVERLOAD_LAG_MS=0 ROUTER_OVERLOAD_DELAY_MS=0 ROUTER_LOG_LEVEL=WARN \
  ROUTER_API_KEYS="$admin_key=admin,$telephony_key=telephony" "${journal[@]}" \
  "${engine_run[@]}" java $java_opts -jar "$jar" >"$work/engine.log" 2>&1 &
pid=$!
curl -fs -o /dev/null --max-time 5 --retry 60 --retry-delay 1 --retry-all-errors "http://127.0.0.1:$port/health/ready" \
  || { echo "engine not ready:" >&2; tail -n 20 "$work/engine.log" >&2; exit 1; }
curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' \
  -d '{"name":"held state (nobody serves it)","channel":"voice","skills":{"lg-nobody":1}}' \
  "http://127.0.0.1:$port/v1/queues/lg-intake"

# Heap used after two full collections, in KiB (G1, Parallel or ZGC's GC.heap_info).
heap_after_gc() {
  jcmd "$pid" GC.run >/dev/null
  jcmd "$pid" GC.run >/dev/null
  jcmd "$pid" GC.heap_info | awk '
  /garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v; exit } }
  /PSYoungGen|ParOldGen/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); sum += v } }
  /ZHeap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/M,?$/, "", v); print v * 1024; exit } }
  END { if (sum) print sum }' | head -n 1
}
# The engine's own heap before any contact: subtracted, so the figure is what the contacts cost.
base_kb=$(heap_after_gc)
# The stall histogram's buckets now (bound, count), so the run's own stalls can be told apart from
# the engine's start and the two full collections just made for the heap figure: the _max gauge
# is Micrometer's decaying maximum over the last two minutes, and it includes both.
stall_buckets() {
  curl -fsS "http://127.0.0.1:$port/metrics" \
    | sed -n 's/^router_writer_stall_seconds_bucket{.*le="\([^"]*\)".*} \([0-9.]*\)$/\1 \2/p'
}
stall_buckets >"$work/stalls-before.txt"
mode=embedded; [[ ${DURABLE:-0} != 1 ]] || mode=durable
started="$(date -u +%FT%TZ): $(nproc) cores, $(uname -r); engine $mode ($(git rev-parse --short HEAD 2>/dev/null || echo ?)), $java_opts; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$started"
WRK_TELEPHONY_KEY=$telephony_key "${client_run[@]}" wrk -t"${WRK_THREADS:-1}" -c"${WRK_CONNECTIONS:-64}" -d"${seconds}s" \
  --latency -s "$script" "http://127.0.0.1:$port/v1/contacts" >"$work/wrk.txt"
grep -E 'Requests/sec|requests in|Non-2xx|Socket errors|^ +(50|99)%' "$work/wrk.txt" || true
# The gauges are refreshed every 2 s on the writer's thread.
sleep 3
curl -fsS "http://127.0.0.1:$port/metrics" >"$work/metrics.txt"
held=$(awk '/^router_contacts_waiting\{.*queue="lg-intake"/ { printf "%d", $NF }' "$work/metrics.txt")
stall_max=$(awk '/^router_writer_stall_seconds_max/ { printf "%.1f", $NF * 1000 }' "$work/metrics.txt")
stall_q=$(sed -n 's/^router_writer_stall_seconds_bucket{.*le="\([^"]*\)".*} \([0-9.]*\)$/\1 \2/p' "$work/metrics.txt" \
  | awk '{ bound[NR] = $1; count[NR] = $2 } END { total = count[NR]; split("0.99 0.999", qs, " ")
      for (q = 1; q <= 2; q++) for (i = 1; i <= NR; i++) if (count[i] >= qs[q] * total) {
        printf "p%s <= %.1f ms, ", qs[q] * 100, bound[i] * 1000; break }
      printf "%d ticks", total }')
# The run's own stalls: each bucket's count now less its count before the run; the longest stall
# of the run is at most the bound of the highest bucket that grew.
stall_run=$(sed -n 's/^router_writer_stall_seconds_bucket{.*le="\([^"]*\)".*} \([0-9.]*\)$/\1 \2/p' "$work/metrics.txt" \
  | paste -d' ' "$work/stalls-before.txt" - \
  | awk '{ bound[NR] = $3; count[NR] = $4 - $2 } END { total = count[NR]; longest = "–"
      for (i = 1; i <= NR; i++) if (count[i] < total && bound[i + 1] != "") longest = bound[i + 1]
      if (total > 0 && count[1] == total) longest = bound[1]
      split("0.99 0.999", qs, " ")
      printf "longest <= %s ms, ", (longest == "+Inf" || longest == "–") ? longest : sprintf("%.1f", longest * 1000)
      for (q = 1; q <= 2; q++) for (i = 1; i <= NR; i++) if (count[i] >= qs[q] * total) {
        printf "p%s <= %.1f ms, ", qs[q] * 100, bound[i] * 1000; break }
      printf "%d ticks", total }')
heap_kb=$(heap_after_gc)
{
  echo
  echo "$started"
  echo
  echo "| seconds | contacts held | writer stall during the run | writer stall max, engine's life | writer stall, engine's life | heap after full GC: empty / full | bytes per contact held |"
  echo "|---:|---:|---|---:|---|---:|---:|"
  awk -v s="$seconds" -v n="$held" -v r="$stall_run" -v m="$stall_max" -v q="$stall_q" -v kb="${heap_kb:-0}" -v base="${base_kb:-0}" 'BEGIN {
    per = "–"; if (n > 0) per = sprintf("%.0f", (kb - base) * 1024 / n)
    printf "| %d | %d | %s | %s ms | %s | %.0f / %.0f MiB | %s |\n", s, n, r, m, q, base / 1024, kb / 1024, per }'
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "${OUT:-/dev/null}"
