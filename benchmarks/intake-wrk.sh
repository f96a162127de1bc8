#!/usr/bin/env bash
# Embedded intake against bare Vert.x, measured by a client that is not the bottleneck (wrk).
#
# Starts BareServer (benchmarks jar) in its own JVM and drives it with wrk; stops it; starts the
# engine (embedded default: in-memory journal and timers, rate limit off) in its own JVM, creates
# a queue nobody serves and drives POST /v1/contacts with the same wrk command and the same JSON
# body; then prints both figures, the ratio and the load average read before each run. The default
# warm-up is 30 s: with less, the engine's JIT compiler was still busy during the measured run.
# Loopback only; bounded in time (each wrk run is -d seconds, each start waits at most 60 s).
#
#   benchmarks/intake-wrk.sh [seconds] [warm-up seconds]     (defaults 10 and 30)
#   after: mvn -B -q -pl router,benchmarks -am package -DskipTests
#
# Environment: ROUNDS (1; each round is bare then engine), WRK_THREADS (1), WRK_CONNECTIONS (64),
# JAVA_OPTS (-Xms1g -Xmx1g), ENGINE_JAVA_OPTS (extra options for the engine only, e.g. JFR),
# ENGINE_JAR (another build of the engine), BARE_PORT (18091), ENGINE_PORT (18092), OUT (a file
# that also receives the table). Besides requests/s and latency it prints each server's own CPU
# time per request (from /proc), which moves far less than requests/s when other work shares the
# cores.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
warmup=${2:-30}
threads=${WRK_THREADS:-1}
connections=${WRK_CONNECTIONS:-64}
java_opts=${JAVA_OPTS:--Xms1g -Xmx1g}
bare_port=${BARE_PORT:-18091}
engine_port=${ENGINE_PORT:-18092}
jar=${ENGINE_JAR:-router/target/contact-router.jar}
bench=benchmarks/target/benchmarks.jar
work=$(mktemp -d "${TMPDIR:-/tmp}/intake-wrk.XXXXXX")
pid=""

for f in "$jar" "$bench"; do
  [[ -f $f ]] || { echo "missing $f: mvn -B -q -pl router,benchmarks -am package -DskipTests" >&2; exit 2; }
done
if ! command -v wrk >/dev/null; then
  # As .ci/run installs what the tests need: apt-get, as root or with sudo.
  if [[ $(id -u) == 0 ]]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi

cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# The request the load generator's intake sends (a voice contact for a queue nobody serves), in
# the wrk script overload.sh uses too; its body also goes in the first request, sent with curl.
script=benchmarks/intake-post.lua
body=$(sed -n "s/^wrk.body = '\(.*\)'\$/\1/p" "$script")
[[ -n $body ]] || { echo "no wrk.body line in $script" >&2; exit 2; }
telephony_key="wrk-tel-$RANDOM$RANDOM$RANDOM"
admin_key="wrk-admin-$RANDOM$RANDOM$RANDOM"

load() { cut -d' ' -f1 /proc/loadavg; }

# CPU seconds (user + system) the process has used so far, from /proc (clock ticks of 1/100 s).
cpu() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$1/stat"; }

# Runs wrk (warm-up, then the measured run) against $1; sets rps, p50, p99, non2xx, load_before.
drive() { # url label
  WRK_TELEPHONY_KEY=$telephony_key wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$script" "$1" >"$work/$2-warmup.txt"
  load_before=$(load)
  local cpu_before; cpu_before=$(cpu "$pid")
  WRK_TELEPHONY_KEY=$telephony_key wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$script" "$1" >"$work/$2.txt"
  local cpu_after; cpu_after=$(cpu "$pid")
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/$2.txt")
  local requests; requests=$(awk '/requests in/ {print $1}' "$work/$2.txt")
  if [[ ${requests:-0} == 0 ]]; then
    echo "$2: wrk got no answer in ${seconds}s: $(cat "$work/$2.txt")" >&2
    exit 1
  fi
  # The server's own CPU per request: unlike requests/s, it barely moves with what else runs.
  cpu_us=$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$requests" 'BEGIN { printf "%.0f", (b - a) * 1e6 / n }')
  p50=$(awk '$1 == "50%" {print $2}' "$work/$2.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$2.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/$2.txt")
  non2xx=${non2xx:-0}
  errors=$(grep -m1 'Socket errors' "$work/$2.txt" | sed 's/^ *Socket errors: //' || true)
}

# wrk prints latencies as 1.23ms, 456.78us or 1.02s; this gives milliseconds.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

bare() {
  # shellcheck disable=SC2086
  java $java_opts -cp "$bench" dev.contactrouter.bench.load.BareServer "$bare_port" >"$work/bare.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do grep -q 'bare POST endpoint' "$work/bare.log" && break; sleep 0.5; done
  grep -q 'bare POST endpoint' "$work/bare.log" || { cat "$work/bare.log" >&2; exit 1; }
  drive "http://127.0.0.1:$bare_port/v1/contacts" "bare-$1"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

engine() {
  # shellcheck disable=SC2086
  env ROUTER_HTTP_HOST=127.0.0.1 ROUTER_HTTP_PORT="$engine_port" ROUTER_RATE_LIMIT_PER_SECOND=0 \
    ROUTER_API_KEYS="$admin_key=admin,$telephony_key=telephony" \
    java $java_opts ${ENGINE_JAVA_OPTS:-} -jar "$jar" >"$work/engine.log" 2>&1 &
  pid=$!
  # Ready within 60 s or fail: curl's own retries, one a second.
  curl -fsS -o /dev/null --max-time 5 --retry 60 --retry-delay 1 --retry-all-errors \
    "http://127.0.0.1:$engine_port/health/ready"
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' \
    -d '{"name":"wrk intake (nobody serves it)","channel":"voice","skills":{"lg-nobody":1}}' \
    "http://127.0.0.1:$engine_port/v1/queues/lg-intake"
  # One request first, so a wrong body or key fails here and not as a column of 4xx.
  local status
  status=$(curl -sS -o "$work/first.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $telephony_key" \
    -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$engine_port/v1/contacts")
  [[ $status == 201 ]] || { echo "engine answered $status: $(cat "$work/first.json")" >&2; exit 1; }
  drive "http://127.0.0.1:$engine_port/v1/contacts" "engine-$1"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

# One row per target and round: bare, then engine, ROUNDS times (default 1).
rows=() bad=0 summary=()
for round in $(seq 1 "${ROUNDS:-1}"); do
  bare "$round"
  b_rps=$rps b_p99=$(ms "$p99") b_cpu=$cpu_us
  rows+=("| $round | bare Vert.x (BareServer) | $load_before | $rps | $(ms "$p50") | $b_p99 | $cpu_us | $non2xx | ${errors:-} |")
  [[ $non2xx == 0 ]] || bad=1
  engine "$round"
  rows+=("| $round | engine, embedded | $load_before | $rps | $(ms "$p50") | $(ms "$p99") | $cpu_us | $non2xx | ${errors:-} |")
  [[ $non2xx == 0 ]] || bad=1
  summary+=("round $round: engine / bare = $(awk -v e="$rps" -v b="$b_rps" 'BEGIN { printf "%.1f%%", 100 * e / b }') of the requests/s;\
 engine p99 = $(awk -v e="$(ms "$p99")" -v b="$b_p99" 'BEGIN { printf "%.1f", e / b }')x bare p99;\
 bare CPU per request / engine's = $(awk -v e="$cpu_us" -v b="$b_cpu" 'BEGIN { printf "%.1f%%", 100 * b / e }')")
done
{
  echo "intake-wrk $(date -u +%FT%TZ): wrk -t$threads -c$connections -d${seconds}s (after ${warmup}s warm-up), JVM $java_opts, $(nproc) cores"
  echo
  echo "| round | target | load avg before | requests/s | p50 ms | p99 ms | server CPU µs/request | non-2xx | wrk errors |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo
  printf '%s\n' "${summary[@]}"
} | tee ${OUT:+"$OUT"}
if [[ $bad != 0 ]]; then
  echo "some answers were not 2xx: see $work" >&2
  exit 1
fi
rm -rf "$work"
