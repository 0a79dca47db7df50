# Sourced by bench/run and bench/start-times.
# free_port NAME...: sets each NAME to a TCP port on 127.0.0.1 that nothing listens on and that this
# script has not handed out before (set in the calling shell, so the second check holds: a
# $(free_port) command substitution would forget what it handed out).
free_port() {
  local name port
  for name in "$@"; do
    while true; do
      port=$((20000 + RANDOM % 20000))
      if [[ " ${USED_PORTS:-} " != *" $port "* ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        USED_PORTS="${USED_PORTS:-} $port"
        printf -v "$name" '%s' "$port"
        break
      fi
    done
  done
}
