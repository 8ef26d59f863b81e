#!/usr/bin/env bash
# Row 1b alone (engagement GET p99 at 70% of LivePulse's peak, bench/openloop), three 10-s passes, on the
# jar and driver bench/run.sh last built: a quick re-check when a full run's figure looks like a stall.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup
R=$(pwd)/bench/results-get; rm -rf "$R"; mkdir -p "$R"
PORT=18080; BASE="http://127.0.0.1:$PORT"
gcc -O2 -Wall -o "$R/openloop" bench/openloop/openloop.c
trap 'service_stop' EXIT
service_start "$(service_jar)" $PORT "$R/app.log" --server.tomcat.max-connections=30000 --server.tomcat.accept-count=2000 \
  --spring.datasource.url="$(h2_url "$R/h2")" --spring.datasource.username=sa --spring.datasource.password= \
  --livepulse.push.event-port=18082 --livepulse.push.event-address=127.0.0.1 --livepulse.http.max-connections-per-address=30000
java -jar bench/driver/target/bench-driver.jar prepare --base "$BASE" --out "$R/p.properties" > /dev/null
S=$(prop "$R/p.properties" stream.get)
wrk -t2 -c64 -d5s "$BASE/api/streams/$S/engagement" > /dev/null
wrk -t2 -c64 -d10s --latency "$BASE/api/streams/$S/engagement" > "$R/wrk.txt"
RPS=$(wrk_rps "$R/wrk.txt"); RATE=$(awk -v r="$RPS" 'BEGIN {printf "%d", r*0.7}')
echo "wrk rps $RPS p99 $(awk '/ 99%/ {print $2}' "$R/wrk.txt"); open loop at $RATE:"
for i in 1 2 3; do "$R/openloop" $PORT "/api/streams/$S/engagement" "$RATE" 10 64 | grep -E "p99|p50" | tr '\n' ' '; echo; done
