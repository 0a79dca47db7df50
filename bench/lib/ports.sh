# Sourced by bench/run and bench/start-times.
# free_port NAME...: sets each NAME to a TCP port on 127.0.0.1 that nothing listens on and that this
# script has not handed out before (set in the calling shell, so the second check holds: a
# $(free_port) command substitution would forget what it handed out).
# Ports come from below the kernel's ephemeral range, as the launcher's Ports.free chooses them: an
# outgoing connection can take a port from that range as its local end before a component binds it.
read -r PORT_HIGH _ < /proc/sys/net/ipv4/ip_local_port_range || PORT_HIGH=32768
PORT_LOW=10000
if (( PORT_HIGH - PORT_LOW < 2000 )); then
  echo "the ephemeral port range starts at $PORT_HIGH: no room below it for the benchmark's ports" >&2
  exit 1
fi
free_port() {
  local name port
  for name in "$@"; do
    while true; do
      port=$((PORT_LOW + RANDOM % (PORT_HIGH - PORT_LOW)))
      if [[ " ${USED_PORTS:-} " != *" $port "* ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        USED_PORTS="${USED_PORTS:-} $port"
        printf -v "$name" '%s' "$port"
        break
      fi
    done
  done
}
