#!/usr/bin/env bash
# The run command: builds what it needs, then starts the whole system in one JVM on the embedded
# default (mongo-java-server, data under ./data/), the query side on :8080 and the command side on :8081.
# MONGODB_URI=mongodb://host/db uses that MongoDB instead. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
jar=standalone/target/service-accounts.jar
# Build only when a source or pom is newer than the jar; nothing is installed into ~/.m2.
if [ ! -f "$jar" ] || [ -n "$(find . -path ./data -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print -quit)" ]; then
  echo "Building (mvn -DskipTests package) ..."
  mvn -B -q -DskipTests package
fi
# Run on Java 25 where present (its ES256 signing is about 4x faster); build stays Java 17.
java_bin=java
for candidate in "${SA_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then java_bin="$candidate/bin/java"; break; fi
done
# The embedded MongoDB server's Netty calls sun.misc.Unsafe::allocateMemory, for which Java 24+ prints four
# WARNING lines (JEP 498); allowing it explicitly keeps today's behaviour and the start quiet. Only on the
# embedded default (a real MongoDB needs no Netty here), and only on a JVM that knows the flag (Java 23+).
jvm_flags=()
if [ -z "${MONGODB_URI:-}" ] && "$java_bin" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  jvm_flags+=(--sun-misc-unsafe-memory-access=allow)
fi
exec "$java_bin" ${jvm_flags[@]+"${jvm_flags[@]}"} ${JAVA_OPTS:-} -jar "$jar" "$@"
