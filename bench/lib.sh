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
# A shared system (bench/run --quick): `bench_share_start [env...]` starts one and exports it (BENCH_SHARED_*);
# then every bench_start on a fresh data directory (no BENCH_REUSE_DATA) whose environment assignments were all
# given to bench_share_start, in this shell or a script it runs, uses that system instead of starting one, and its
# bench_stop leaves it running; `bench_share_stop` stops it.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# BENCH_JAR=<path> runs that jar as it is (never built), e.g. a copy of an earlier build for an A/B comparison
BENCH_JAR_GIVEN=${BENCH_JAR:+1}
BENCH_JAR=${BENCH_JAR:-"$BENCH_ROOT/standalone/target/service-accounts.jar"}

bench_build() {
  [ -z "$BENCH_JAR_GIVEN" ] || return 0
  if [ ! -f "$BENCH_JAR" ] || [ -n "$(cd "$BENCH_ROOT" && find . -path ./data -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$BENCH_JAR" -print -quit)" ]; then
    # the tests neither compiled nor run (maven.test.skip: half the build's CPU time), two modules at a time
    echo "Building $BENCH_JAR (mvn package, tests not compiled) ..." >&2
    (cd "$BENCH_ROOT" && mvn -B -q -T 2 -Dmaven.test.skip=true ${MVN_FLAGS:-} package)
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

# bench_java_main <Name> [-cp <classpath>] [args...]: runs the class of bench/<Name>.java (the JDK and the class path
# only), compiled once into standalone/target/bench-classes/<Name> and again when the source is newer: the source
# launcher (java bench/<Name>.java) compiles on every run, 1 to 2 CPU-seconds each, a dozen times in bench/run --quick.
# BENCH_JAVA_PREFIX (e.g. "taskset -c 0") is put in front of java, BENCH_CLIENT_JAVA_OPTS (e.g. -Xmx2g) after it.
bench_java_main() {
  local name=$1 cp=""; shift
  if [ "${1:-}" = -cp ]; then cp=$2; shift 2; fi
  bench_java_compile "$name" "$cp" || return 1
  ${BENCH_JAVA_PREFIX:-} "$JAVA_BIN" ${BENCH_CLIENT_JAVA_OPTS:-} -cp "$BENCH_ROOT/standalone/target/bench-classes/$name${cp:+:$cp}" "$name" "$@"
}

# bench_java_compile <Name> [classpath]: compiles bench/<Name>.java for bench_java_main when its class is missing or
# older than the source (bench/run calls it once before it runs scripts side by side)
bench_java_compile() {
  bench_java
  local name=$1 cp=${2:-} dir
  dir="$BENCH_ROOT/standalone/target/bench-classes/$name"
  if [ ! -f "$dir/$name.class" ] || [ "$BENCH_ROOT/bench/$name.java" -nt "$dir/$name.class" ]; then
    local tmp; tmp=$(mktemp -d "$BENCH_ROOT/standalone/target/bench-classes.XXXXXX" 2>/dev/null) \
      || { mkdir -p "$BENCH_ROOT/standalone/target" && tmp=$(mktemp -d "$BENCH_ROOT/standalone/target/bench-classes.XXXXXX"); }
    "$(dirname "$(readlink -f "$(command -v "$JAVA_BIN")")")/javac" -nowarn -d "$tmp" ${cp:+-cp "$cp"} "$BENCH_ROOT/bench/$name.java" >&2 \
      || { rm -rf "$tmp"; return 1; }
    mkdir -p "$(dirname "$dir")" && rm -rf "$dir" && mv "$tmp" "$dir"
  fi
}

bench_free_port() {
  local port
  while true; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

bench_stop() {
  if [ -n "${BENCH_USING_SHARED:-}" ]; then SYSTEM_PID=""; BENCH_DATA=""; BENCH_USING_SHARED=""; return 0; fi
  if [ -n "${SYSTEM_PID:-}" ] && kill -0 "$SYSTEM_PID" 2>/dev/null; then
    kill "$SYSTEM_PID"
    # a graceful stop, or SIGKILL after 30 s (a loaded or stuck JVM must not keep the script waiting)
    local _
    for _ in $(seq 1 60); do kill -0 "$SYSTEM_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SYSTEM_PID" 2>/dev/null || true
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
  if bench_shared_fits "$@"; then
    SYSTEM_PID=$BENCH_SHARED_PID BENCH_DATA=$BENCH_SHARED_DATA QUERY_URL=$BENCH_SHARED_QUERY_URL
    COMMAND_URL=$BENCH_SHARED_COMMAND_URL OPERATOR_ID=$BENCH_SHARED_OPERATOR_ID
    OPERATOR_SECRET=$BENCH_SHARED_OPERATOR_SECRET BENCH_USING_SHARED=1
    export QUERY_URL COMMAND_URL OPERATOR_ID OPERATOR_SECRET BENCH_DATA SYSTEM_PID
    echo "Using the shared system (PID $SYSTEM_PID) on query ${QUERY_URL##*:}, command ${COMMAND_URL##*:}" >&2
    return 0
  fi
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
  # a deadline by the clock, and each health request bounded by what is left of it: under load a request to a
  # starting app can take seconds, and counting sleeps ran far past the timeout
  local deadline=$(( SECONDS + ${BENCH_START_TIMEOUT:-120} )) left
  while left=$(( deadline - SECONDS )); [ "$left" -gt 0 ]; do
    [ "$left" -lt 5 ] || left=5
    if curl -fs --max-time "$left" "$QUERY_URL/actuator/health" >/dev/null 2>&1 \
        && curl -fs --max-time "$left" "$COMMAND_URL/actuator/health" >/dev/null 2>&1; then
      export QUERY_URL COMMAND_URL OPERATOR_ID OPERATOR_SECRET BENCH_DATA SYSTEM_PID
      return 0
    fi
    if ! kill -0 "$SYSTEM_PID" 2>/dev/null; then echo "System exited:" >&2; tail -50 "$BENCH_DATA/system.log" >&2; return 1; fi
    sleep 0.5
  done
  echo "System did not become healthy in ${BENCH_START_TIMEOUT:-120} s" >&2
  return 1
}

# bench_shared_fits [env...]: true when a shared system runs that this bench_start may use: a fresh data directory
# is asked for and each assignment was given to bench_share_start
bench_shared_fits() {
  [ -n "${BENCH_SHARED_PID:-}" ] && [ -z "${BENCH_REUSE_DATA:-}" ] && kill -0 "$BENCH_SHARED_PID" 2>/dev/null || return 1
  local a
  for a in "$@"; do [[ $'\n'"$BENCH_SHARED_ENV"$'\n' == *$'\n'"$a"$'\n'* ]] || return 1; done
}

# bench_share_start [env...]: starts a system as bench_start does and shares it (see the top); the caller stops it
# with bench_share_stop (from its EXIT trap)
bench_share_start() {
  unset BENCH_SHARED_PID
  bench_start "$@" || return 1
  BENCH_SHARED_PID=$SYSTEM_PID BENCH_SHARED_DATA=$BENCH_DATA BENCH_SHARED_QUERY_URL=$QUERY_URL
  BENCH_SHARED_COMMAND_URL=$COMMAND_URL BENCH_SHARED_OPERATOR_ID=$OPERATOR_ID
  BENCH_SHARED_OPERATOR_SECRET=$OPERATOR_SECRET BENCH_SHARED_ENV=$(printf '%s\n' "$@")
  export BENCH_SHARED_PID BENCH_SHARED_DATA BENCH_SHARED_QUERY_URL BENCH_SHARED_COMMAND_URL BENCH_SHARED_OPERATOR_ID
  export BENCH_SHARED_OPERATOR_SECRET BENCH_SHARED_ENV
  SYSTEM_PID="" BENCH_DATA=""
}

bench_share_stop() {
  [ -n "${BENCH_SHARED_PID:-}" ] || return 0
  SYSTEM_PID=$BENCH_SHARED_PID BENCH_DATA=$BENCH_SHARED_DATA BENCH_USING_SHARED=""
  unset BENCH_SHARED_PID BENCH_SHARED_DATA BENCH_SHARED_ENV
  bench_stop
}
