# Sourced by bench/replay, bench/footprint and bench/history after bench/lib.sh: runs bench/SeedEvents.java (compiled
# once, bench_java_main) with the run jar's libraries (the mongo driver, mongo-java-server) on the class path, unpacked
# once per set of libraries in the jar, and the run jar's own classes. Call bench_build first (once: a watcher in the background must not start a
# second build).
#   bench_seed_events seed|await ...   (see bench/SeedEvents.java)
bench_seed_events() {
  bench_seed_prepare || return 1
  # the run jar's own classes too, unpacked per run (a watcher's copy is its own): a seeded store is opened once by
  # them, so that it is in the run jar's format and a benchmark measures no migration (docs/decisions.md D53)
  local classes status=0
  classes=$(mktemp -d -t sa-bench-classes.XXXXXX)
  (cd "$classes" && unzip -q "$BENCH_JAR" 'BOOT-INF/classes/*')
  BENCH_CLIENT_JAVA_OPTS=-Xmx2g bench_java_main SeedEvents -cp "$BENCH_ROOT/standalone/target/bench-lib/*:$classes/BOOT-INF/classes" "$@" || status=$?
  rm -rf "$classes"
  return $status
}

# bench_seed_prepare [compile]: unpacks the run jar's libraries into standalone/target/bench-lib (again only when the
# jar holds other libraries, by name and version, so that a rebuild of our own modules does not pull them from under a
# seeder or watcher still running); with "compile" also compiles bench/SeedEvents.java. bench/run calls it once before
# it seeds stores side by side (the unpacking and the compilation are not safe to run twice at once).
bench_seed_prepare() {
  bench_java
  local lib="$BENCH_ROOT/standalone/target/bench-lib" names
  names=$(unzip -Z1 "$BENCH_JAR" 'BOOT-INF/lib/*.jar' | sort | cksum)
  if [ ! -d "$lib" ] || [ "$(cat "$lib/.names" 2>/dev/null)" != "$names" ]; then
    rm -rf "$lib" && mkdir -p "$lib"
    (cd "$lib" && unzip -q -j "$BENCH_JAR" 'BOOT-INF/lib/*.jar')
    echo "$names" >"$lib/.names"
  fi
  [ "${1:-}" = compile ] || return 0
  local classes status=0
  classes=$(mktemp -d -t sa-bench-classes.XXXXXX)
  (cd "$classes" && unzip -q "$BENCH_JAR" 'BOOT-INF/classes/*')
  bench_java_compile SeedEvents "$lib/*:$classes/BOOT-INF/classes" || status=$?
  rm -rf "$classes"
  return $status
}

# BENCH_SEED_ONLY (bench/run's seed phase, docs/decisions.md D63): set, bench/replay, bench/history and bench/footprint
# stop once their seeded store is there ("check": do not seed, exit 3 when it is missing). bench_seed_missing answers 3
# for a missing store under "check".
bench_seed_missing() { [ "${BENCH_SEED_ONLY:-}" != check ] || { echo "not seeded: $1" >&2; return 3; }; }

# bench_seeded_store <name> <accounts> <eventsPerAccount> <companies>: a directory holding data/mongo.mv seeded by
# SeedEvents and the probe account's secret (file probe-secret), kept under standalone/target/bench-seed/<name>-v2
# and seeded only when missing (raise the v2 when SeedEvents writes other events or the store another format; v2: format 2, D53). Prints the directory.
bench_seeded_store() {
  local store="$BENCH_ROOT/standalone/target/bench-seed/$1-v2"
  if [ ! -f "$store/data/mongo.mv" ]; then
    bench_seed_missing "$store" || return
    rm -rf "$store" "$store.tmp" && mkdir -p "$store.tmp"
    head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40 >"$store.tmp/probe-secret"
    echo "Seeding $2 accounts x $3 events into $store (kept for later runs) ..." >&2
    bench_seed_events seed "$store.tmp/data" "$2" "$3" "$4" "$(cat "$store.tmp/probe-secret")" >"$store.tmp/seeded" \
      2> >(grep -v -e ' INFO ' -e '^WARNING' >&2) || { echo "Seeding $store failed" >&2; return 1; }
    mv "$store.tmp" "$store"
  fi
  echo "$store"
}

# bench_copy_store <store>: a fresh temporary directory holding a copy of the store's data/ (for BENCH_REUSE_DATA)
bench_copy_store() {
  local dir
  dir=$(mktemp -d -t sa-bench.XXXXXX)
  cp -r "$1/data" "$dir/data"
  echo "$dir"
}

# bench_seeded_audit <name> <accounts> <eventsPerAccount> <companies>: a directory holding data/mongo.mv with the
# companies' events and the accounts' audit history (SeedEvents audit) and accounts.tsv ("<companyId> <accountId>"
# per account), kept under standalone/target/bench-seed/<name>-v2 and seeded only when missing. Prints the directory.
bench_seeded_audit() {
  local store="$BENCH_ROOT/standalone/target/bench-seed/$1-v2"
  if [ ! -f "$store/data/mongo.mv" ]; then
    bench_seed_missing "$store" || return
    rm -rf "$store" "$store.tmp" && mkdir -p "$store.tmp"
    echo "Seeding the audit history of $2 accounts x $3 events into $store (kept for later runs) ..." >&2
    bench_seed_events audit "$store.tmp/data" "$2" "$3" "$4" "$store.tmp/accounts.tsv" >"$store.tmp/seeded" \
      2> >(grep -v -e ' INFO ' -e '^WARNING' >&2) || { echo "Seeding $store failed" >&2; return 1; }
    mv "$store.tmp" "$store"
  fi
  echo "$store"
}
