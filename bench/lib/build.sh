# Sourced by bench/run, bench/start-times, bench/jmh/run and bench/jfr-hot (ROOT set to the repository).
# build_unless_current NAME MODULES OUTPUT...: builds MODULES (comma-separated) with
# `mvn -q -B -Pbench -DskipTests package -pl MODULES -am` (package, not install: the outputs are used from
# target/, and nothing in ~/.m2 is overwritten) when an OUTPUT is missing, or when a main source or a
# pom.xml anywhere in the tree is newer than this function's last build for NAME. Outputs that exist are
# not enough: a jar left from an earlier checkout measures code that is gone, and old tool classes render
# a report without what was added since (the run of 2026-12-07 20:38 rendered its report with Report
# classes from 14:59, without its memory table).
build_unless_current() {
  local name="$1" modules="$2" stamp="$ROOT/target/bench-build/$1" output current=true
  shift 2
  for output in "$@" "$stamp"; do
    [[ -n "$output" && -e "$output" ]] || current=false
  done
  if [[ "$current" == true && -n "$(find "$ROOT" \( -name target -o -name .git -o -name .gatehouse -o -name node_modules \
    -o -path "$ROOT/bench/results" \) -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$stamp" -print -quit)" ]]; then
    current=false
  fi
  [[ "$current" == true ]] && return 0
  echo "Building $modules: missing, or older than the sources (mvn -q -B -Pbench -DskipTests package) ..." >&2
  (cd "$ROOT" && mvn -q -B -Pbench -DskipTests package -pl "$modules" -am) >&2 || return 1
  mkdir -p "${stamp%/*}" && touch "$stamp"
}
