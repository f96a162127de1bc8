#!/usr/bin/env bash
# Three engine nodes on one machine, on loopback, sharing one PostgreSQL and one Redis:
# a cluster to try failover, draining and the runbook drills on a laptop.
#
#   deploy/local-cluster.sh start  [--jar PATH] [n1 n2 n3]   start the nodes not running, wait until live
#   deploy/local-cluster.sh stop   [n1 n2 n3]                SIGTERM, bounded wait, then SIGKILL
#   deploy/local-cluster.sh status [n1 n2 n3]                process, /health/live, /health/ready, /v1/cluster
#
# Nodes n1..n3: HTTP on 127.0.0.1:8081..8083, Hazelcast on 127.0.0.1:5701..5703, domains
# default, branch-sz and branch-hk spread over them by the PostgreSQL leases.
#
# Environment (all optional):
#   ROUTER_PG_URL       default postgresql://postgres@127.0.0.1:5432/postgres
#   ROUTER_REDIS_URL    default redis://127.0.0.1:6379/0
#   ROUTER_API_KEYS, ROUTER_JWT_SECRET
#                       taken from the environment if set; otherwise generated once into
#                       $CLUSTER_DIR/keys.env (mode 600) and reused on every start
#   CLUSTER_DIR         state: keys, logs (<node>.log), pid files (<node>.pid);
#                       default ${TMPDIR:-/tmp}/contact-router-cluster
#   JAVA_OPTS           extra JVM options for every node, e.g. "-Xmx512m"
#   START_TIMEOUT_SECONDS  how long start waits for /health/live (default 60)
#   STOP_TIMEOUT_SECONDS   how long stop waits before SIGKILL (default ROUTER_SHUTDOWN_TIMEOUT_MS,
#                          10000 unless set, plus 5 s)
# Any other ROUTER_* variable in the environment (ROUTER_LOG_LEVEL, ROUTER_LEASE_MS, ...) reaches
# every node unchanged.
#
# Needs bash, curl and java (17 or newer), nothing else.

set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)

readonly NODES=(n1 n2 n3)
readonly HTTP_BASE_PORT=8081
readonly HAZELCAST_BASE_PORT=5701
readonly HOST=127.0.0.1
readonly MEMBERS="$HOST:5701,$HOST:5702,$HOST:5703"
readonly DOMAINS="default,branch-sz,branch-hk"

cluster_dir=${CLUSTER_DIR:-${TMPDIR:-/tmp}/contact-router-cluster}
jar=$repo_root/router/target/contact-router.jar
pg_url=${ROUTER_PG_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
redis_url=${ROUTER_REDIS_URL:-redis://127.0.0.1:6379/0}
start_timeout=${START_TIMEOUT_SECONDS:-60}
stop_timeout=${STOP_TIMEOUT_SECONDS:-}
# The caller's keys, if any (read once here: each node's subshell exports its own copy).
env_api_keys=${ROUTER_API_KEYS:-}
env_jwt_secret=${ROUTER_JWT_SECRET:-}
api_keys=""
jwt_secret=""

usage() {
  sed -n '2,/^# Needs/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

die() {
  printf 'local-cluster: %s\n' "$*" >&2
  exit 1
}

# Index (0-based) of a node name, or failure.
node_index() {
  local i
  for i in "${!NODES[@]}"; do
    if [[ ${NODES[$i]} == "$1" ]]; then
      printf '%s' "$i"
      return 0
    fi
  done
  return 1
}

http_port() { printf '%s' $((HTTP_BASE_PORT + $(node_index "$1"))); }
hazelcast_port() { printf '%s' $((HAZELCAST_BASE_PORT + $(node_index "$1"))); }
pid_file() { printf '%s/%s.pid' "$cluster_dir" "$1"; }
log_file() { printf '%s/%s.log' "$cluster_dir" "$1"; }

# Prints the pid of a node's running engine, or fails. A stale pid file (the process is gone,
# or the pid now belongs to something else) does not count.
running_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r /proc/$pid/cmdline ]]; then
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
    # The engine, or (for a moment after start) the subshell about to exec it.
    [[ $cmdline == *java* || $cmdline == *local-cluster* ]] || return 1
  fi
  printf '%s' "$pid"
}

# HTTP status of a GET on a node (000 when nothing answers).
http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$HOST:$(http_port "$1")$2" || true
}

random_hex() {
  local want=$1 out="" chunk
  while ((${#out} < want)); do
    if [[ -n ${SRANDOM:-} ]]; then
      printf -v chunk '%08x' "$SRANDOM"
    else
      chunk=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
    fi
    out+=$chunk
  done
  printf '%s' "${out:0:want}"
}

# ROUTER_API_KEYS and ROUTER_JWT_SECRET: the environment's, else the state dir's, else new ones.
load_keys() {
  local keys_file=$cluster_dir/keys.env name value
  api_keys=$env_api_keys
  jwt_secret=$env_jwt_secret
  if [[ -f $keys_file ]]; then
    while IFS='=' read -r name value; do
      case $name in
        ROUTER_API_KEYS) [[ -n $api_keys ]] || api_keys=$value ;;
        ROUTER_JWT_SECRET) [[ -n $jwt_secret ]] || jwt_secret=$value ;;
        *) ;;
      esac
    done <"$keys_file"
  fi
  if [[ -z $api_keys || -z $jwt_secret ]]; then
    [[ -n $api_keys ]] || api_keys="tel-$(random_hex 24)=telephony,sup-$(random_hex 24)=supervisor,adm-$(random_hex 24)=admin,a1-$(random_hex 24)=agent:a1"
    [[ -n $jwt_secret ]] || jwt_secret=$(random_hex 64)
    (
      umask 077
      printf 'ROUTER_API_KEYS=%s\nROUTER_JWT_SECRET=%s\n' "$api_keys" "$jwt_secret" >"$keys_file"
    )
    printf 'Generated keys (kept in %s, reused on the next start):\n' "$keys_file"
    printf '  ROUTER_API_KEYS=%s\n  ROUTER_JWT_SECRET=%s\n' "$api_keys" "$jwt_secret"
  fi
}

# A supervisor's or admin's key from ROUTER_API_KEYS, for GET /v1/cluster; empty if none.
operator_key() {
  local pair role
  local -a pairs
  IFS=',' read -r -a pairs <<<"$api_keys"
  for pair in "${pairs[@]}"; do
    role=${pair#*=}
    if [[ $role =~ ^(supervisor|admin)(@.*)?$ ]]; then
      printf '%s' "${pair%%=*}"
      return 0
    fi
  done
}

print_cluster() {
  local node=$1 key body_file code
  key=$(operator_key)
  if [[ -z $key ]]; then
    printf 'ROUTER_API_KEYS has no supervisor or admin key: not asking GET /v1/cluster\n'
    return 0
  fi
  body_file=$(mktemp "$cluster_dir/cluster.XXXXXX")
  code=$(curl -s -o "$body_file" -w '%{http_code}' --max-time 5 \
    -H "Authorization: Bearer $key" "http://$HOST:$(http_port "$node")/v1/cluster" || true)
  printf 'GET http://%s:%s/v1/cluster -> %s\n' "$HOST" "$(http_port "$node")" "$code"
  cat "$body_file"
  printf '\n'
  rm -f "$body_file"
}

start_node() {
  local node=$1 pid port
  if pid=$(running_pid "$node"); then
    printf '%s already running (pid %s)\n' "$node" "$pid"
    return 0
  fi
  port=$(http_port "$node")
  if [[ $(http_status "$node" /health/live) != 000 ]]; then
    die "something else already answers on $HOST:$port; stop it first"
  fi
  (
    # Only this script's settings decide how the nodes find each other.
    unset ROUTER_CLUSTER_KUBERNETES_SERVICE ROUTER_DOMAIN
    export ROUTER_NODE_ID=$node
    export ROUTER_HTTP_HOST=$HOST
    export ROUTER_HTTP_PORT=$port
    export ROUTER_CLUSTER_HOST=$HOST
    export ROUTER_CLUSTER_PORT
    ROUTER_CLUSTER_PORT=$(hazelcast_port "$node")
    export ROUTER_CLUSTER_MEMBERS=$MEMBERS
    export ROUTER_DOMAINS=$DOMAINS
    export ROUTER_PG_URL=$pg_url
    export ROUTER_REDIS_URL=$redis_url
    export ROUTER_API_KEYS=$api_keys
    export ROUTER_JWT_SECRET=$jwt_secret
    local -a java_opts=()
    read -r -a java_opts <<<"${JAVA_OPTS:-}"
    # Like nohup: the node outlives the terminal that started it (the JVM leaves an ignored
    # SIGHUP ignored); SIGTERM still drains it.
    trap '' HUP
    exec java "${java_opts[@]}" -jar "$jar"
  ) </dev/null >>"$(log_file "$node")" 2>&1 &
  pid=$!
  printf '%s' "$pid" >"$(pid_file "$node")"
  printf 'started %s (pid %s): http://%s:%s, hazelcast %s:%s, log %s\n' \
    "$node" "$pid" "$HOST" "$port" "$HOST" "$(hazelcast_port "$node")" "$(log_file "$node")"
}

cmd_start() {
  local node pid deadline
  command -v java >/dev/null || die "java is not on the PATH (Java 17 or newer)"
  command -v curl >/dev/null || die "curl is not on the PATH"
  [[ -f $jar ]] || die "no engine jar at $jar: build it with 'mvn -B -q install -DskipTests' or pass --jar PATH"
  mkdir -p "$cluster_dir"
  chmod 700 "$cluster_dir"
  load_keys
  printf 'PostgreSQL %s, Redis %s, state in %s\n' "$pg_url" "$redis_url" "$cluster_dir"
  for node in "$@"; do
    start_node "$node"
  done

  deadline=$((SECONDS + start_timeout))
  for node in "$@"; do
    until [[ $(http_status "$node" /health/live) == 200 ]]; do
      if ! pid=$(running_pid "$node"); then
        printf '%s exited while starting; the end of %s:\n' "$node" "$(log_file "$node")" >&2
        tail -n 30 "$(log_file "$node")" >&2 || true
        rm -f "$(pid_file "$node")"
        exit 1
      fi
      if ((SECONDS >= deadline)); then
        die "$node (pid $pid) not live after ${start_timeout}s; see $(log_file "$node")"
      fi
      sleep 1
    done
    printf '%s live (ready: %s)\n' "$node" "$(http_status "$node" /health/ready)"
  done
  print_cluster "$1"
}

cmd_stop() {
  local node pid
  local -a stopping=()
  for node in "$@"; do
    if pid=$(running_pid "$node"); then
      printf 'stopping %s (pid %s): SIGTERM\n' "$node" "$pid"
      kill -TERM "$pid" 2>/dev/null || true
      stopping+=("$node")
    else
      printf '%s not running\n' "$node"
      rm -f "$(pid_file "$node")"
    fi
  done
  # The nodes drain in parallel; the bound counts from the SIGTERMs, in 0.2 s ticks.
  local ticks=0 limit=$((stop_timeout * 5))
  for node in "${stopping[@]}"; do
    while pid=$(running_pid "$node"); do
      if ((ticks >= limit)); then
        printf '%s still running after %ss: SIGKILL\n' "$node" "$stop_timeout" >&2
        kill -KILL "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null && ((ticks < limit + 25)); do
          sleep 0.2
          ticks=$((ticks + 1))
        done
        break
      fi
      sleep 0.2
      ticks=$((ticks + 1))
    done
    rm -f "$(pid_file "$node")"
    printf '%s stopped\n' "$node"
  done
}

cmd_status() {
  local node pid all_running=0 first_live=""
  for node in "$@"; do
    if pid=$(running_pid "$node"); then
      local live ready
      live=$(http_status "$node" /health/live)
      ready=$(http_status "$node" /health/ready)
      printf '%s running  pid %-7s http %s:%s  live %s  ready %s\n' \
        "$node" "$pid" "$HOST" "$(http_port "$node")" "$live" "$ready"
      [[ -n $first_live || $live != 200 ]] || first_live=$node
    else
      printf '%s stopped\n' "$node"
      all_running=3
    fi
  done
  if [[ -n $first_live ]]; then
    load_keys_quietly
    print_cluster "$first_live"
  fi
  return "$all_running"
}

# For status: never generate keys, only read what start used.
load_keys_quietly() {
  local keys_file=$cluster_dir/keys.env name value
  api_keys=$env_api_keys
  if [[ -z $api_keys && -f $keys_file ]]; then
    while IFS='=' read -r name value; do
      [[ $name != ROUTER_API_KEYS ]] || api_keys=$value
    done <"$keys_file"
  fi
}

main() {
  local command=${1:-}
  local -a nodes=()
  [[ $# -eq 0 ]] || shift
  while [[ $# -gt 0 ]]; do
    case $1 in
      --jar)
        [[ $# -ge 2 ]] || die "--jar needs a path"
        jar=$2
        shift 2
        ;;
      --jar=*)
        jar=${1#--jar=}
        shift
        ;;
      -h | --help)
        usage
        exit 0
        ;;
      *)
        node_index "$1" >/dev/null || die "unknown node or option '$1' (nodes: ${NODES[*]})"
        nodes+=("$1")
        shift
        ;;
    esac
  done
  [[ ${#nodes[@]} -gt 0 ]] || nodes=("${NODES[@]}")
  [[ $start_timeout =~ ^[0-9]+$ ]] || die "START_TIMEOUT_SECONDS must be a whole number"
  if [[ -z $stop_timeout ]]; then
    local shutdown_ms=${ROUTER_SHUTDOWN_TIMEOUT_MS:-10000}
    [[ $shutdown_ms =~ ^[0-9]+$ ]] || die "ROUTER_SHUTDOWN_TIMEOUT_MS must be a whole number of ms"
    stop_timeout=$(((shutdown_ms + 999) / 1000 + 5))
  fi
  [[ $stop_timeout =~ ^[0-9]+$ ]] || die "STOP_TIMEOUT_SECONDS must be a whole number"

  case $command in
    start) cmd_start "${nodes[@]}" ;;
    stop) cmd_stop "${nodes[@]}" ;;
    status) cmd_status "${nodes[@]}" ;;
    -h | --help | help)
      usage
      ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
