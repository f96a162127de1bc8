#!/usr/bin/env bash
# Two builds of the engine, durable, alternated: A, B, A, B, ... each on a fresh PostgreSQL
# database, driven by the same wrk command as intake-wrk.sh's durable mode. Besides requests/s and
# latency it prints the CPU each request cost the engine and PostgreSQL (every postgres process,
# from /proc), and the journal's appends (router_journal_commit_seconds, _batch_events): on a
# machine where the engine, PostgreSQL and wrk share the cores, these move far less from run to
# run than requests/s does, so a pair can show a change that requests/s hides.
#
#   benchmarks/durable-pairs.sh A.jar B.jar [pairs] [seconds] [warm-up seconds]   (3, 15, 60)
#
# The warm-up is 60 s: after 15 s the durable engine's JIT compiler still took 38% of a core, after
# 60 s 5-7% (benchmarks/thread-cpu.sh; benchmarks/results/intake-threads-20261207-ninth.md).
#
# Environment: ENGINE_JVM (-Xms4g -Xmx4g -XX:MaxGCPauseMillis=50; add -XX:+AlwaysPreTouch for
# steadier CPU per request, see benchmarks/README.md "Pre-touched heap"), ENGINE_PORT (18092),
# PG_HOST (127.0.0.1), PG_PORT (5432; user postgres, trust authentication), WRK_CONNECTIONS (64),
# ENGINE_JAVA_OPTS (extra engine options, e.g. JFR).
# Timers stay in memory; the engine starts as intake-wrk.sh starts it (benchmarks/wrk-engine.sh:
# rate limit and admission control's latency checks off).
set -euo pipefail
cd "$(dirname "$0")/.."

[[ $# -ge 2 ]] || { sed -n '2,19p' "$0" >&2; exit 2; }
jars=("$1" "$2")
pairs=${3:-3}
seconds=${4:-15}
warmup=${5:-60}
engine_port=${ENGINE_PORT:-18092}
connections=${WRK_CONNECTIONS:-64}
telephony_key="pairs-tel-$RANDOM$RANDOM$RANDOM"
admin_key="pairs-admin-$RANDOM$RANDOM$RANDOM"
db="durable_pairs_$$_$RANDOM"
work=$(mktemp -d "${TMPDIR:-/tmp}/durable-pairs.XXXXXX")
# shellcheck source=benchmarks/wrk-engine.sh
. benchmarks/wrk-engine.sh

for f in "${jars[@]}"; do
  [[ -f $f ]] || { echo "missing $f" >&2; exit 2; }
done
for c in wrk psql curl; do
  command -v "$c" >/dev/null || { echo "missing $c (apt-get install -y wrk postgresql-client curl)" >&2; exit 2; }
done

cleanup() {
  stop_engine
  drop_db
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# CPU seconds (user + system) of one process, or of every postgres process, from /proc.
cpu_of() { awk '{ s += $14 + $15 } END { printf "%.2f", s / 100 }' "/proc/$1/stat"; }
pg_cpu() {
  local total=0 p
  for p in $(pgrep -x postgres); do
    total=$(awk -v t="$total" '{ printf "%.2f", t + ($14 + $15) / 100 }' "/proc/$p/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}
metric() { # name: the engine's own figure, summed over its series
  curl -fsS --max-time 5 "http://127.0.0.1:$engine_port/metrics" | awk -v m="$1" 'index($1, m "{") == 1 || $1 == m { s += $NF } END { printf "%.6f", s }'
}
ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0;
    else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

run() { # label jar
  fresh_db
  start_engine "$1" "$2" ROUTER_PG_URL="postgresql://postgres@$pg_host:$pg_port/$db"

  WRK_TELEPHONY_KEY=$telephony_key wrk -t1 -c"$connections" -d"${warmup}s" -s "$script" \
    "http://127.0.0.1:$engine_port/v1/contacts" >/dev/null
  local c0 p0 n0 s0 e0 c1 p1 n1 s1 e1
  c0=$(cpu_of "$pid"); p0=$(pg_cpu)
  n0=$(metric router_journal_commit_seconds_count); s0=$(metric router_journal_commit_seconds_sum)
  e0=$(metric router_journal_batch_events_sum)
  WRK_TELEPHONY_KEY=$telephony_key wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$script" \
    "http://127.0.0.1:$engine_port/v1/contacts" >"$work/wrk.txt"
  c1=$(cpu_of "$pid"); p1=$(pg_cpu)
  n1=$(metric router_journal_commit_seconds_count); s1=$(metric router_journal_commit_seconds_sum)
  e1=$(metric router_journal_batch_events_sum)
  stop_engine

  local requests non2xx rps p50 p99
  requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  [[ ${requests:-0} -gt 0 ]] || { echo "engine $1: wrk got no answer: $(cat "$work/wrk.txt")" >&2; exit 1; }
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/wrk.txt")
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/wrk.txt")
  p50=$(ms "$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")")
  p99=$(ms "$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")")
  awk -v l="$1" -v t="$(date -u +%H:%M:%S)" -v rps="$rps" -v bad="${non2xx:-0}" -v p50="$p50" -v p99="$p99" \
    -v n="$requests" -v c0="$c0" -v c1="$c1" -v p0="$p0" -v p1="$p1" -v secs="$seconds" \
    -v n0="$n0" -v n1="$n1" -v s0="$s0" -v s1="$s1" -v e0="$e0" -v e1="$e1" 'BEGIN {
      a = n1 - n0; each = 0; events = 0
      if (a > 0) { each = (s1 - s0) * 1000 / a; events = (e1 - e0) / a }
      printf "| %s | %s | %s | %s | %s / %s | %.0f | %.0f | %.0f, %.2f ms, %.1f events |\n", l, t, rps, bad, p50, p99,
        (c1 - c0) * 1e6 / n, (p1 - p0) * 1e6 / n, a / secs, each, events }'
}

echo "durable-pairs $(date -u +%Y-%m-%dT%H:%M:%SZ): A = ${jars[0]}, B = ${jars[1]}; wrk -t1 -c$connections" \
  "-d${seconds}s after ${warmup}s; engine JVM $engine_jvm; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| build | run ended (UTC) | requests/s | non-2xx | p50 / p99 ms | engine CPU µs/request | PostgreSQL CPU µs/request | appends: per s, time each, events each |"
echo "|---|---|---:|---:|---|---:|---:|---|"
for _ in $(seq 1 "$pairs"); do
  run A "${jars[0]}"
  run B "${jars[1]}"
done
