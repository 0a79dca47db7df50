# Sourced by bench/run and bench/start-times (ROOT: the repository).
# The JVM as the images and the gateway's Deployment run it, read from where that is declared (issue
# #17: the defaults are the ones measured): the image's JAVA_TOOL_OPTIONS and MALLOC_ARENA_MAX
# (deploy/docker/Dockerfile), and the Deployment's limits (k8s/base/gateway.yaml), which the JVM in the
# pod takes for the machine's memory and processors (-XX:MaxRAM, -XX:ActiveProcessorCount; a fraction
# of a CPU rounds up). A setting is a string of JVM options and NAME=value words (the environment).

# The gateway's memory limit (MiB) and CPUs in the Kubernetes manifests.
GATEWAY_MEMORY_LIMIT_MB="$(awk '/^ *limits:/ {limits = 1} limits && /memory:/ {sub(/Mi$/, "", $2); print $2; exit}' "$ROOT/k8s/base/gateway.yaml")"
GATEWAY_CPU_LIMIT="$(awk '/^ *limits:/ {limits = 1} limits && /cpu:/ {gsub(/"/, "", $2); print $2; exit}' "$ROOT/k8s/base/gateway.yaml" |
  awk '/m$/ {sub(/m$/, ""); printf "%d", ($1 + 999) / 1000; next} {printf "%d", $1 + 0.999}')"

image_setting() {
  local dockerfile="$ROOT/deploy/docker/Dockerfile" options arenas
  options="$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' "$dockerfile")"
  arenas="$(grep -o 'MALLOC_ARENA_MAX=[0-9]*' "$dockerfile" | head -1)"
  [[ -n "$options" && -n "$arenas" && -n "$GATEWAY_MEMORY_LIMIT_MB" && -n "$GATEWAY_CPU_LIMIT" ]] || {
    echo "bench: could not read the image's JVM settings (deploy/docker/Dockerfile) or the gateway's limits (k8s/base/gateway.yaml)" >&2
    exit 2
  }
  echo "$arenas $options -XX:MaxRAM=${GATEWAY_MEMORY_LIMIT_MB}m -XX:ActiveProcessorCount=$GATEWAY_CPU_LIMIT"
}
IMAGE_SETTING="$(image_setting)"

# apply_setting SETTING: JVM_OPTS and LAUNCH_ENV (its NAME=value words) of the JVMs started next.
LAUNCH_ENV=()
apply_setting() {
  local word
  JVM_OPTS=""
  LAUNCH_ENV=()
  for word in $1; do
    if [[ "$word" =~ ^[A-Z_][A-Z0-9_]*= ]]; then LAUNCH_ENV+=("$word"); else JVM_OPTS="$JVM_OPTS${JVM_OPTS:+ }$word"; fi
  done
}
