#!/usr/bin/env bash
# Intake throughput of one node against three clustered nodes, for three routing domains: the
# same three load generators (one per domain, intake only) run at once, first against a single
# node that writes all three domains, then against deploy/local-cluster.sh's three nodes, each
# generator sending to a different node. Both setups are durable (PostgreSQL journal, Redis
# timers) since a cluster needs the journal for its leases. Loopback only; bounded in time.
#
#   benchmarks/cluster-intake.sh [intake-seconds]      (after mvn -B -q -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-15}
jar=router/target/contact-router.jar
bench=benchmarks/target/benchmarks.jar
pg_base=${PG_BASE:-postgresql://postgres@127.0.0.1:5432}
db=router_bench_cluster
work=$(mktemp -d "${TMPDIR:-/tmp}/cluster-intake.XXXXXX")
domains=(default branch-sz branch-hk)
keys=""
for d in "${domains[@]}"; do
  keys+="bench-admin-$d-01=admin@$d,bench-tel-$d-001=telephony@$d,"
done
keys+="bench-supervisor-01=supervisor"
node_pid=""

cleanup() {
  [[ -z $node_pid ]] || kill "$node_pid" 2>/dev/null || true
  CLUSTER_DIR=$work/cluster deploy/local-cluster.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

fresh_db() {
  psql "$pg_base/postgres" -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
}

wait_ready() { # url
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1/health/ready" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "not ready: $1" >&2
  return 1
}

# Runs one intake generator per domain at once, generator i against urls[i]; prints the sum.
generators() { # label url1 url2 url3
  local label=$1; shift
  local urls=("$@") pids=() i
  for i in 0 1 2; do
    local d=${domains[$i]}
    java -Xmx512m -cp "$bench" dev.contactrouter.bench.load.LoadGenerator --url "${urls[$i]}" \
      --admin-key "bench-admin-$d-01" --telephony-key "bench-tel-$d-001" \
      --skip-centre --skip-bare --intake-s "$seconds" --intake-warmup-s 5 --intake-rate 6000 \
      --out "$work/$label-$d.md" >"$work/$label-$d.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  local total=0 line n
  for d in "${domains[@]}"; do
    line=$(grep -m1 '^| engine POST' "$work/$label-$d.md")
    n=$(echo "$line" | awk -F'|' '{gsub(/[ ,]/,"",$3); print $3}')
    printf '  %-10s %-9s %6s acknowledged/s   %s\n' "$label" "$d" "$n" "$(echo "$line" | awk -F'|' '{print $4}' | sed 's/ (n = .*//')"
    total=$((total + n))
  done
  printf '  %-10s %-9s %6s acknowledged/s in all\n' "$label" "(sum)" "$total"
}

echo "# cluster intake: $(nproc) cores, $(date -u +%FT%TZ), ${seconds}s measured per generator"

fresh_db
ROUTER_PG_URL="$pg_base/$db" ROUTER_REDIS_URL=redis://127.0.0.1:6379/0 ROUTER_REDIS_KEY_PREFIX="bench1:$$" \
ROUTER_DOMAINS=$(IFS=,; echo "${domains[*]}") ROUTER_API_KEYS=$keys ROUTER_RATE_LIMIT_PER_SECOND=0 \
ROUTER_HTTP_PORT=8090 ROUTER_HTTP_HOST=127.0.0.1 java -Xmx512m -jar "$jar" >"$work/single.log" 2>&1 &
node_pid=$!
wait_ready http://127.0.0.1:8090
generators one-node http://127.0.0.1:8090 http://127.0.0.1:8090 http://127.0.0.1:8090
kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=""

fresh_db
CLUSTER_DIR=$work/cluster ROUTER_PG_URL="$pg_base/$db" ROUTER_REDIS_KEY_PREFIX="bench3:$$" ROUTER_API_KEYS=$keys \
ROUTER_JWT_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') ROUTER_RATE_LIMIT_PER_SECOND=0 \
JAVA_OPTS=-Xmx512m deploy/local-cluster.sh start >"$work/cluster-start.log" 2>&1
curl -fsS -H "Authorization: Bearer bench-supervisor-01" http://127.0.0.1:8081/v1/cluster | \
  sed 's/.*"domains":/  owners: /'; echo
generators three-nodes http://127.0.0.1:8081 http://127.0.0.1:8082 http://127.0.0.1:8083
echo "  reports and logs: $work"
