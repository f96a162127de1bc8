#!/usr/bin/env bash
# Where an intake request's CPU goes, thread by thread: one build of the engine, embedded or
# durable (a fresh PostgreSQL database), driven by the same wrk command as intake-wrk.sh, with the
# CPU (user + system, from /proc) each of the engine's threads took during the measured seconds,
# as a share of one core and in microseconds per request. Event loops are listed one by one
# (the HTTP loops, the loop a journal connection or a webhook deliverer sits on, and an event-loop
# writer are told apart this way); pool threads are summed by pool (GC, JIT compiler, snapshots).
#
#   benchmarks/thread-cpu.sh JAR [embedded|durable] [seconds] [warm-up seconds]
#   (defaults: embedded, 15 s, a warm-up of 30 s embedded and 60 s durable)
#
# The JIT compiler's line is the warm-up check: after a 15 s warm-up the durable engine's C2
# threads still took 38% of a core (101 us a request), after 60 s 5-7%. Figures taken while it
# compiles understate the engine. The embedded engine holds every contact and its journal in
# memory (about 3 KB a contact): a 60 s warm-up at 15,000/s would fill the 4 GB heap, so it
# warms up for 30 s (as intake-wrk.sh). Environment as durable-pairs.sh: ENGINE_JVM, ENGINE_PORT
# (18093), PG_HOST, PG_PORT, WRK_CONNECTIONS (64), ENGINE_JAVA_OPTS. On the AMD EPYC host of these runs
# /proc charged the JVM's own threads (GC, compiler) entirely as system time: that column means
# something for the Java threads (an event loop's system time is its sockets and wake-ups).
set -euo pipefail
cd "$(dirname "$0")/.."

[[ $# -ge 1 ]] || { sed -n '2,19p' "$0" >&2; exit 2; }
jar=$1
mode=${2:-embedded}
seconds=${3:-15}
warmup=${4:-}
[[ $mode == embedded || $mode == durable ]] || { echo "mode is embedded or durable, not $mode" >&2; exit 2; }
if [[ -z $warmup ]]; then
  warmup=$([[ $mode == durable ]] && echo 60 || echo 30)
fi
[[ -f $jar ]] || { echo "missing $jar" >&2; exit 2; }
for c in wrk psql curl jcmd; do
  command -v "$c" >/dev/null || { echo "missing $c" >&2; exit 2; }
done
engine_port=${ENGINE_PORT:-18093}
connections=${WRK_CONNECTIONS:-64}
telephony_key="threads-tel-$RANDOM$RANDOM$RANDOM"
admin_key="threads-admin-$RANDOM$RANDOM$RANDOM"
db="thread_cpu_$$_$RANDOM"
work=$(mktemp -d "${TMPDIR:-/tmp}/thread-cpu.XXXXXX")
# shellcheck source=benchmarks/wrk-engine.sh
. benchmarks/wrk-engine.sh

cleanup() {
  stop_engine
  drop_db
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One line per thread: its id, then user and system clock ticks so far.
ticks() {
  local t
  for t in /proc/"$pid"/task/*; do
    awk -v id="${t##*/}" '{ print id, $14, $15 }' "$t/stat" 2>/dev/null || true
  done
}

if [[ $mode == durable ]]; then
  fresh_db
  start_engine durable "$jar" ROUTER_PG_URL="postgresql://postgres@$pg_host:$pg_port/$db"
else
  start_engine embedded "$jar"
fi
url="http://127.0.0.1:$engine_port/v1/contacts"
WRK_TELEPHONY_KEY=$telephony_key wrk -t1 -c"$connections" -d"${warmup}s" -s "$script" "$url" >/dev/null
jcmd "$pid" Thread.print >"$work/threads.txt"
ticks >"$work/before.txt"
WRK_TELEPHONY_KEY=$telephony_key wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$script" "$url" >"$work/wrk.txt"
ticks >"$work/after.txt"
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
[[ ${requests:-0} -gt 0 ]] || { echo "wrk got no answer: $(cat "$work/wrk.txt")" >&2; exit 1; }

echo "thread-cpu $(date -u +%Y-%m-%dT%H:%M:%SZ): $jar, $mode; wrk -t1 -c$connections -d${seconds}s after ${warmup}s;" \
  "engine JVM $engine_jvm; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/wrk.txt") requests/s (2xx and not), p99 $(awk '$1 == "99%" {print $2}' "$work/wrk.txt")"
echo
# Thread names from jcmd (nid is the thread id in hex); threads started after it keep their comm.
awk -v secs="$seconds" -v n="$requests" -v hz="$(getconf CLK_TCK)" '
  FILENAME ~ /threads.txt$/ {
    if (match($0, /^"[^"]+"/) && match($0, /nid=0x[0-9a-f]+/)) {
      name = $0; sub(/^"/, "", name); sub(/".*/, "", name)
      nid = substr($0, RSTART + 6, RLENGTH - 6); names[strtonum("0x" nid)] = name
    }
    next
  }
  FILENAME ~ /before.txt$/ { u0[$1] = $2; s0[$1] = $3; next }
  {
    name = ($1 in names) ? names[$1] : "thread " $1
    if (name !~ /^vert\.x-eventloop-thread-/) { gsub(/[#-]?[0-9]+$/, "", name); gsub(/#[0-9]+/, "#", name) }
    user[name] += $2 - u0[$1]; sys[name] += $3 - s0[$1]
  }
  END {
    printf "| thread | share of a core | of which system | us per request |\n|---|---:|---:|---:|\n"
    for (t in user) {
      all = user[t] + sys[t]; total += all
      if (all > 0) printf "| %s | %.1f%% | %.1f%% | %.1f |\n", t, all * 100 / hz / secs, sys[t] * 100 / hz / secs, all * 1e6 / hz / n | "sort -t\"|\" -k3 -rn"
    }
    close("sort -t\"|\" -k3 -rn")
    printf "| all | %.1f%% | | %.1f |\n", total * 100 / hz / secs, total * 1e6 / hz / n
  }' "$work/threads.txt" "$work/before.txt" "$work/after.txt"
