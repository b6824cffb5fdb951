#!/usr/bin/env bash
# How long a hub takes to answer health UP after it was killed (kill -9) on a given data directory.
#   scripts/restart-after-kill.sh DATA_DIR [JAR] [JAVA_OPTS...]
# Starts the hub on DATA_DIR (demo traffic off, random free ports), waits for health UP, kills it with SIGKILL, starts
# it again and prints the seconds from the second start to health UP, and the data directory's size before and after.
# Make a data directory of N records first with e.g.:
#   java -jar exchange-hub/target/exchange-hub.jar bench --records 100000 --warmup 0 --per-record 1 --verify 1 --data-dir DIR
set -euo pipefail
dir=${1:?usage: restart-after-kill.sh DATA_DIR [JAR] [JAVA_OPTS...]}
jar=${2:-exchange-hub/target/exchange-hub.jar}
shift $(( $# >= 2 ? 2 : 1 ))
java_opts=("$@")
[ ${#java_opts[@]} -eq 0 ] && java_opts=(-Xmx512m)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
tls_port=$(free_port)
log=$(mktemp)

start() {
  java "${java_opts[@]}" -jar "$jar" --hub.data-dir="$dir" --server.port="$port" \
    --hub.security.agency-tls.port="$tls_port" --hub.demo.enabled=false >>"$log" 2>&1 &
  echo $!
}

wait_up() { # $1 pid; prints seconds waited
  local started=$(date +%s.%N)
  until curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$1" 2>/dev/null || { echo "the hub stopped; log: $log" >&2; exit 1; }
    sleep 0.1
  done
  echo "$(date +%s.%N) - $started" | bc
}

size() { du -sb "$dir" | cut -f1; }

pid=$(start)
first=$(wait_up "$pid")
before=$(size)
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
pid=$(start)
second=$(wait_up "$pid")
after=$(size)
kill "$pid"
wait "$pid" 2>/dev/null || true
printf '{"first_start_to_up_s":%.1f,"restart_after_kill_to_up_s":%.1f,"data_dir_bytes_before_kill":%s,"data_dir_bytes_after_restart":%s,"log":"%s"}\n' \
  "$first" "$second" "$before" "$after" "$log"
