# Sourced by intake-wrk.sh, durable-pairs.sh and thread-cpu.sh: the engine as they drive it with
# wrk, and the fresh database a durable engine gets. Expects engine_port, admin_key, telephony_key,
# db (a database name of the run's own) and work (a scratch directory); sets pid when it starts an
# engine, db_made when it makes the database.

engine_jvm=${ENGINE_JVM:--Xms4g -Xmx4g -XX:MaxGCPauseMillis=50}
pg_host=${PG_HOST:-127.0.0.1}
pg_port=${PG_PORT:-5432}
# The request the load generator's intake sends (a voice contact for a queue nobody serves), in
# the wrk script overload.sh uses too; its body also goes in the first request, sent with curl.
script=benchmarks/intake-post.lua
body=$(sed -n "s/^wrk.body = '\(.*\)'\$/\1/p" "$script")
pid=""
db_made=no

psql_() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U postgres "$@"; }

# A fresh, empty database named $db; drop_db (on exit) removes it.
fresh_db() {
  psql_ -d postgres -c "drop database if exists $db with (force)" -c "create database $db"
  db_made=yes
}

drop_db() {
  if [[ $db_made == yes ]]; then
    psql_ -d postgres -c "drop database if exists $db with (force)" || echo "could not drop database $db" >&2
  fi
}

# Ends one process this script started, and waits for it.
stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Ends the engine start_engine started, if it runs.
stop_engine() {
  [[ -z $pid ]] && return
  stop_pid "$pid"
  pid=""
}

# Exits if something already answers on the port: it would be measured instead of this run's server.
free_port() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    echo "port $1 is taken: set BARE_PORT / ENGINE_PORT" >&2
    exit 2
  fi
}

# Starts the engine of the given jar with the given extra settings (VAR=value ...), waits until it
# is ready, makes the queue nobody serves and checks one request. Its log and GC log go to
# $work/<label>.log and .gc.
start_engine() { # label jar VAR=value...
  local label=$1 jar=$2; shift 2
  free_port "$engine_port"
  # Capacity, not the limits: the rate limit is off, and so are admission control's latency
  # checks unless set in the environment. With them on, 64 closed-loop connections on a busy
  # machine made the engine refuse most requests (503 at once, which wrk sends again at once):
  # 114 acknowledged/s against 2,900 refused/s, durable. Its backlog bound (256) stays on; 64
  # connections never reach it.
  # shellcheck disable=SC2086
  env ROUTER_HTTP_HOST=127.0.0.1 ROUTER_HTTP_PORT="$engine_port" ROUTER_RATE_LIMIT_PER_SECOND=0 \
    ROUTER_OVERLOAD_FRONT_MS="${ROUTER_OVERLOAD_FRONT_MS:-0}" ROUTER_OVERLOAD_LAG_MS="${ROUTER_OVERLOAD_LAG_MS:-0}" \
    ROUTER_OVERLOAD_DELAY_MS="${ROUTER_OVERLOAD_DELAY_MS:-0}" \
    ROUTER_API_KEYS="$admin_key=admin,$telephony_key=telephony" "$@" \
    java $engine_jvm "-Xlog:gc:file=$work/$label.gc" ${ENGINE_JAVA_OPTS:-} -jar "$jar" >"$work/$label.log" 2>&1 &
  pid=$!
  # Ready within 60 s or fail: curl's own retries, one a second.
  curl -fs -o /dev/null --max-time 5 --retry 60 --retry-delay 1 --retry-all-errors \
    "http://127.0.0.1:$engine_port/health/ready" || { echo "engine ($label) not ready:" >&2; tail -n 20 "$work/$label.log" >&2; exit 1; }
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' \
    -d '{"name":"wrk intake (nobody serves it)","channel":"voice","skills":{"lg-nobody":1}}' \
    "http://127.0.0.1:$engine_port/v1/queues/lg-intake"
  # One request first, so a wrong body or key fails here and not as a column of 4xx.
  local status
  status=$(curl -sS -o "$work/first.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $telephony_key" \
    -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$engine_port/v1/contacts")
  [[ $status == 201 ]] || { echo "engine ($label) answered $status: $(cat "$work/first.json")" >&2; exit 1; }
}
