# What the bench scripts share. Source it from the repository root:  . bench/lib.sh
# Every service a bench starts listens on 127.0.0.1 only, and every wait here is bounded.

BENCH_SECRET="bench-secret-not-for-production-0123456789"

# bench_setup: a JDK >= 21 (bin/find-jdk) first on PATH, and a descriptor limit high enough for the loads
bench_setup() {
  JAVA_HOME="$(bin/find-jdk)"; export JAVA_HOME; export PATH="$JAVA_HOME/bin:$PATH"
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
}

# service_jar: the service jar the last build left in target/
service_jar() { ls target/livepulse-*.jar | grep -v original | head -1; }

# h2_url DIR: an H2 file database in DIR, as the service's embedded default opens it
h2_url() { echo "jdbc:h2:file:$1/livepulse;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"; }

# service_start JAR PORT LOG [ARGS...]: the service on 127.0.0.1:PORT with what every bench uses (the bench
# JWT secret, WARN logs) and ARGS, its output appended to LOG; SERVICE_NOFILE=N starts it with that descriptor
# limit, SERVICE_JAVA_OPTS adds JVM options. Sets SERVICE_PID and returns once it is healthy.
service_start() {
  local jar=$1 port=$2 log=$3; shift 3
  (
    [ -n "${SERVICE_NOFILE:-}" ] && ulimit -n "$SERVICE_NOFILE"
    # shellcheck disable=SC2086 # SERVICE_JAVA_OPTS is a list of options
    exec java ${SERVICE_JAVA_OPTS:-} -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
      --livepulse.security.jwt-secret="$BENCH_SECRET" --logging.level.root=WARN "$@"
  ) >> "$log" 2>&1 &
  SERVICE_PID=$!
  service_await "http://127.0.0.1:$port" "$SERVICE_PID" "$log"
}

# service_await BASE PID LOG: waits up to 120 s for BASE/actuator/health; fails with the log's tail when the
# process exits first or the time runs out
service_await() {
  local base=$1 pid=$2 log=$3
  for _ in $(seq 1 120); do
    curl -sf --max-time 2 "$base/actuator/health" >/dev/null 2>&1 && return 0
    if ! [ -e "/proc/$pid" ] || grep -q ') Z' "/proc/$pid/stat" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "the service at $base did not start; the end of $log:"; tail -40 "$log"
  kill -9 "$pid" 2>/dev/null || true   # it holds the port: the next start must not meet it
  exit 1
}

# service_stop [PID]: stops the service (SERVICE_PID by default) and waits for it, at most 60 s before KILL
service_stop() {
  local pid=${1:-${SERVICE_PID:-}}
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do [ -e "/proc/$pid" ] && ! grep -q ') Z' "/proc/$pid/stat" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$pid" = "${SERVICE_PID:-}" ] && SERVICE_PID=""
  return 0
}

# prop FILE KEY: the last value of KEY in a .properties file the driver wrote
prop() { grep "^$2=" "$1" | tail -1 | cut -d= -f2; }
wrk_rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
wrk_p99_ms() { awk '/ 99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$1"; }
