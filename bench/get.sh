#!/usr/bin/env bash
# Row 1b alone (engagement GET p99 at 70% of LivePulse's peak, bench/openloop), three 10-s passes, on the
# jar and driver bench/run.sh last built: a quick re-check when a full run's figure looks like a stall.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=$(bin/find-jdk); export PATH="$JAVA_HOME/bin:$PATH"
R=$(pwd)/bench/results-get; rm -rf $R; mkdir -p $R
PORT=18080; BASE="http://127.0.0.1:$PORT"
APP_JAR=$(ls target/livepulse-*.jar | grep -v original | head -1)
java -jar "$APP_JAR" --server.port=$PORT --server.tomcat.max-connections=30000 --server.tomcat.accept-count=2000 \
  --spring.datasource.url="jdbc:h2:file:$R/h2/livepulse;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE" \
  --spring.datasource.username=sa --spring.datasource.password= \
  --livepulse.security.jwt-secret=bench-secret-not-for-production-0123456789 --livepulse.push.event-port=18082 --livepulse.push.event-address=127.0.0.1 \
  --livepulse.http.max-connections-per-address=30000 --logging.level.root=WARN > $R/app.log 2>&1 &
PID=$!
trap "kill $PID" EXIT
for _ in $(seq 1 90); do curl -sf "$BASE/actuator/health" >/dev/null && break; sleep 1; done
java -jar bench/driver/target/bench-driver.jar prepare --base "$BASE" --out $R/p.properties > /dev/null
S=$(grep '^stream.get=' $R/p.properties | cut -d= -f2)
wrk -t2 -c64 -d5s "$BASE/api/streams/$S/engagement" > /dev/null
wrk -t2 -c64 -d10s --latency "$BASE/api/streams/$S/engagement" > $R/wrk.txt
RPS=$(awk '/Requests\/sec/ {print $2}' $R/wrk.txt); RATE=$(awk -v r="$RPS" 'BEGIN {printf "%d", r*0.7}')
echo "wrk rps $RPS p99 $(awk '/ 99%/ {print $2}' $R/wrk.txt); open loop at $RATE:"
for i in 1 2 3; do bench/results/openloop $PORT "/api/streams/$S/engagement" "$RATE" 10 64 | grep -E "p99|p50" | tr '\n' ' '; echo; done
