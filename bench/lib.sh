# Shared by the bench/ scripts (source it; bash only). Builds the run jar when missing or older than a source,
# picks Java 25 where present (like run.sh), starts the whole system on a fresh temporary data directory and free
# 127.0.0.1 ports, and stops it by PID on exit. After `bench_start`:
#   QUERY_URL, COMMAND_URL     http://localhost:<port> of each app
#   OPERATOR_ID, OPERATOR_SECRET   the operator's client credentials
#   BENCH_DATA                 the temporary directory (system.log, data/); removed on exit unless KEEP_DATA=1
#   SYSTEM_PID                 the run jar's process
#   JAVA_BIN                   the java used (25 where present)
# Knobs: MVN_FLAGS (e.g. -o), BENCH_JAR (a jar to run instead of building one), JAVA_OPTS (extra JVM flags for the system), KEEP_DATA=1, SA_JAVA_HOME,
#   BENCH_START_TIMEOUT (seconds to wait for both apps' health; 120), BENCH_REUSE_DATA=<dir> (start on that
#   directory's data/, e.g. one seeded beforehand, instead of a fresh one; removed on exit like a fresh one),
#   BENCH_MONGO_PORT, BENCH_QUERY_PORT (the embedded MongoDB's and the query side's port instead of free ones).
# A script with an EXIT trap of its own (that calls bench_stop) sets BENCH_KEEP_TRAP=1 before bench_start.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# BENCH_JAR=<path> runs that jar as it is (never built), e.g. a copy of an earlier build for an A/B comparison
BENCH_JAR_GIVEN=${BENCH_JAR:+1}
BENCH_JAR=${BENCH_JAR:-"$BENCH_ROOT/standalone/target/service-accounts.jar"}

bench_build() {
  [ -z "$BENCH_JAR_GIVEN" ] || return 0
  if [ ! -f "$BENCH_JAR" ] || [ -n "$(cd "$BENCH_ROOT" && find . -path ./data -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$BENCH_JAR" -print -quit)" ]; then
    echo "Building $BENCH_JAR (mvn package, no tests) ..." >&2
    (cd "$BENCH_ROOT" && mvn -B -q ${MVN_FLAGS:-} -DskipTests package)
  fi
}

bench_java() {
  JAVA_BIN=java
  local candidate
  for candidate in "${SA_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then JAVA_BIN="$candidate/bin/java"; break; fi
  done
  export JAVA_BIN
}

bench_free_port() {
  local port
  while true; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

bench_stop() {
  if [ -n "${SYSTEM_PID:-}" ] && kill -0 "$SYSTEM_PID" 2>/dev/null; then
    kill "$SYSTEM_PID"
    wait "$SYSTEM_PID" 2>/dev/null || true
  fi
  SYSTEM_PID=""
  if [ -n "${BENCH_DATA:-}" ] && [ -d "$BENCH_DATA" ]; then
    if [ -n "${KEEP_DATA:-}" ]; then echo "data and system log kept in $BENCH_DATA" >&2; else rm -rf "$BENCH_DATA"; fi
  fi
}

# bench_start [extra environment assignments...]: starts the system and waits until both apps are healthy.
bench_start() {
  bench_build
  bench_java
  local query_port command_port mongo_port
  query_port=${BENCH_QUERY_PORT:-$(bench_free_port)}; command_port=$(bench_free_port); mongo_port=${BENCH_MONGO_PORT:-$(bench_free_port)}
  BENCH_DATA=${BENCH_REUSE_DATA:-$(mktemp -d -t sa-bench.XXXXXX)}
  OPERATOR_ID=operator
  OPERATOR_SECRET=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)
  QUERY_URL="http://localhost:$query_port"
  COMMAND_URL="http://localhost:$command_port"
  env "$@" SA_DATA_DIR="$BENCH_DATA/data" QUERY_SIDE_PORT=$query_port COMMAND_SIDE_PORT=$command_port \
    EMBEDDED_MONGO_PORT=$mongo_port SA_OPERATOR_CLIENT_ID=$OPERATOR_ID SA_OPERATOR_CLIENT_SECRET="$OPERATOR_SECRET" \
    SA_ISSUER="$QUERY_URL" \
    "$JAVA_BIN" ${JAVA_OPTS:-} -jar "$BENCH_JAR" >"$BENCH_DATA/system.log" 2>&1 &
  SYSTEM_PID=$!
  [ -n "${BENCH_KEEP_TRAP:-}" ] || trap bench_stop EXIT
  echo "System (PID $SYSTEM_PID) starting on query :$query_port, command :$command_port, data $BENCH_DATA ..." >&2
  local _
  for _ in $(seq 1 $(( ${BENCH_START_TIMEOUT:-120} * 2 ))); do
    if curl -fs "$QUERY_URL/actuator/health" >/dev/null 2>&1 && curl -fs "$COMMAND_URL/actuator/health" >/dev/null 2>&1; then
      export QUERY_URL COMMAND_URL OPERATOR_ID OPERATOR_SECRET BENCH_DATA SYSTEM_PID
      return 0
    fi
    if ! kill -0 "$SYSTEM_PID" 2>/dev/null; then echo "System exited:" >&2; tail -50 "$BENCH_DATA/system.log" >&2; return 1; fi
    sleep 0.5
  done
  echo "System did not become healthy in ${BENCH_START_TIMEOUT:-120} s" >&2
  return 1
}
