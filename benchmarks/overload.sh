#!/usr/bin/env bash
# One open-loop overload run against a durable engine in its own process (benchmarks/overload.md):
# a fresh PostgreSQL database, the engine started with the given backlog bound
# (ROUTER_OVERLOAD_PENDING_MAX; 0 turns admission control off), the load generator's fixed POST
# schedule at the given rate (after an unmeasured warm-up run below capacity), every contact
# acknowledged in the measured run read back, the engine stopped.
#   benchmarks/overload.sh RATE PENDING_MAX OUT.md [more LoadGenerator options]
# CAPACITY_S=15 first measures the engine's closed-loop capacity with wrk (after the warm-up).
# OVERLOAD_DELAY_MS (ROUTER_OVERLOAD_DELAY_MS, default 500), OVERLOAD_LAG_MS (ROUTER_OVERLOAD_LAG_MS,
# default 500) and OVERLOAD_FRONT_MS (ROUTER_OVERLOAD_FRONT_MS, default 100) set the other checks; 0
# turns any of them off.
# ENGINE_CPUS and CLIENT_CPUS (taskset lists, e.g. 1 and 0) keep the client off the engine's cores:
# the engine runs on ENGINE_CPUS, wrk and the load generator on CLIENT_CPUS, and the local
# PostgreSQL's processes on PG_CPUS (default ENGINE_CPUS; their affinity is put back to every core
# on exit).
# ENGINE_JAR runs another build of the engine; ENGINE_JAVA_OPTS and CLIENT_JAVA_OPTS add JVM options to the
# engine and to the measured load generator (e.g. -Xlog:gc to see the client's own pauses).
# Needs: benchmarks/target/benchmarks.jar and router/target/contact-router.jar (see README "Build"),
# PostgreSQL on 127.0.0.1:5432 (user postgres, trust). Loopback only; bounded in time.
set -euo pipefail
rate=$1; bound=$2; out=$3; shift 3
port=${OVERLOAD_PORT:-8095}
db=overload_bench
work=$(mktemp -d)
engine_run=(); client_run=()
if [ -n "${ENGINE_CPUS:-}" ]; then engine_run=(taskset -c "$ENGINE_CPUS"); fi
if [ -n "${CLIENT_CPUS:-}" ]; then client_run=(taskset -c "$CLIENT_CPUS"); fi
pin_postgres() { # new backends inherit the postmaster's affinity
  for pid in $(pgrep -x postgres || pgrep -f 'postgres:' || true); do taskset -a -p -c "$1" "$pid" >/dev/null 2>&1 || true; done
}
all_cpus="0-$(( $(nproc --all) - 1 ))"
pg_cpus=${PG_CPUS:-${ENGINE_CPUS:-}}
trap 'kill "$engine" 2>/dev/null || true; wait "$engine" 2>/dev/null || true; rm -rf "$work"; [ -z "$pg_cpus" ] || pin_postgres "$all_cpus"' EXIT
if [ -n "$pg_cpus" ]; then pin_postgres "$pg_cpus"; fi
java -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.load.LoadGenerator --write-keys "$work/keys.env" --agents 4 >/dev/null
psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $db" -c "create database $db"
echo "load before: $(uptime)"
env $(cat "$work/keys.env") ROUTER_RATE_LIMIT_PER_SECOND=0 ROUTER_HTTP_PORT=$port ROUTER_HTTP_HOST=127.0.0.1 \
  ROUTER_PG_URL=postgresql://postgres@127.0.0.1:5432/$db ROUTER_OVERLOAD_PENDING_MAX=$bound ROUTER_OVERLOAD_LAG_MS=${OVERLOAD_LAG_MS:-500} \
  ROUTER_OVERLOAD_DELAY_MS=${OVERLOAD_DELAY_MS:-500} ROUTER_OVERLOAD_FRONT_MS=${OVERLOAD_FRONT_MS:-100} ROUTER_LOG_LEVEL=WARN \
  "${engine_run[@]}" java -Xmx2g ${ENGINE_JAVA_OPTS:-} -jar "${ENGINE_JAR:-router/target/contact-router.jar}" >"${ENGINE_LOG:-$work/engine.log}" 2>&1 &
engine=$!
for i in $(seq 1 360); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$engine" 2>/dev/null || { echo "the engine exited; see ${ENGINE_LOG:-its log}"; exit 1; }
  [ "$i" = 360 ] && { echo "the engine was not ready within 180 s"; exit 1; }
  sleep 0.5
done
# Warm the engine's JIT first, below capacity (${WARM_RATE:-150}/s for 20 s, not measured).
"${client_run[@]}" java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.load.LoadGenerator \
  --url "http://127.0.0.1:$port" --keys "$work/keys.env" --skip-centre --skip-bare \
  --intake-rate "${WARM_RATE:-150}" --intake-warmup-s 10 --intake-s 10 >/dev/null
if [ -n "${CAPACITY_S:-}" ]; then
  # The engine's capacity in this configuration, closed loop, with a client that is not the
  # bottleneck: wrk, CAPACITY_CONNECTIONS (16) connections for CAPACITY_S seconds, the generator's
  # intake request (benchmarks/intake-post.lua, which intake-wrk.sh sends too). The open-loop
  # run's rate is then chosen from it (2x for the overload figures).
  if ! command -v wrk >/dev/null; then
    # As .ci/run installs what the tests need: apt-get, as root or with sudo.
    if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
  fi
  tel=$(sed 's/^ROUTER_API_KEYS=//' "$work/keys.env" | tr ',' '\n' | awk -F= '$2 == "telephony" { print $1; exit }')
  echo "load before the capacity run: $(uptime)"
  WRK_TELEPHONY_KEY=$tel "${client_run[@]}" wrk -t1 -c"${CAPACITY_CONNECTIONS:-16}" -d"${CAPACITY_S}s" --latency \
    -s benchmarks/intake-post.lua "http://127.0.0.1:$port/v1/contacts"
  curl -s "http://127.0.0.1:$port/metrics" | grep -E '^router_commands_shed_total' || true
fi
echo "load at start of the measured run: $(uptime)"
"${client_run[@]}" java -Xmx2g ${CLIENT_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar dev.contactrouter.bench.load.LoadGenerator \
  --url "http://127.0.0.1:$port" --keys "$work/keys.env" --skip-centre --skip-bare \
  --intake-rate "$rate" --verify-acks --out "$out" "$@"
curl -s "http://127.0.0.1:$port/metrics" >"$work/metrics.txt" || true
grep -E '^router_(commands_(shed_total|pending)|front_shed_total|writer_stall_seconds_(max|count))' "$work/metrics.txt" || true
# The writer's stalls over the engine's life: the bucket bound holding the 99th and 99.9th percentile.
sed -n 's/^router_writer_stall_seconds_bucket{.*le="\([^"]*\)".*} \([0-9.]*\)$/\1 \2/p' "$work/metrics.txt" \
  | awk '{ bound[NR] = $1; count[NR] = $2 } END { total = count[NR]; split("0.99 0.999", qs, " ")
      for (q = 1; q <= 2; q++) for (i = 1; i <= NR; i++) if (count[i] >= qs[q] * total) {
        printf "writer stall p%s <= %s s (of %d ticks)\n", qs[q] * 100, bound[i], total; break } }' 
echo "load after: $(uptime)"
