#!/usr/bin/env bash
# Two hub instances anchoring at once on the running dev Fabric network (scripts/fabric-dev-network.sh up), and a
# count of MVCC read conflicts in both hubs' logs and the peer's (docs/fabric.md, "Two hub instances anchoring at
# once"; docs/adr/0011).
#
#   scripts/fabric-two-hubs.sh [ROUNDS]    default 60 batch publishes of 20 records to each hub, 100 ms apart
#
# Each hub is its own JVM with its own data dir (database, notary) under $FABRIC_NET_DIR/hubs/, HTTP ports 18080 and
# 18090, the dev profile without the demo city (records are published with the X-Hub-Agency header), the agency
# TLS port on any free port (8443 is the orderer's operations port here). Both hubs are stopped at the end; `down`
# deletes their data with the network's.
#
# Environment: FABRIC_NET_DIR (default <repo>/data/fabric), HUB_JAR (default exchange-hub/target/exchange-hub.jar),
# SETTLE_SECONDS (default 30: how long the hubs may go on anchoring after the last publish before counting).
set -Eeuo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NET_DIR="${FABRIC_NET_DIR:-$REPO_DIR/data/fabric}"
HUB_JAR="${HUB_JAR:-$REPO_DIR/exchange-hub/target/exchange-hub.jar}"
ROUNDS="${1:-60}"
SETTLE_SECONDS="${SETTLE_SECONDS:-30}"
PEER_LOG="$NET_DIR/logs/peer0.org1.log"
HUBS_DIR="$NET_DIR/hubs"
PORTS=(18080 18090)
NAMES=(a b)
PIDS=()

die() {
  printf 'fabric-two-hubs: ERROR: %s\n' "$*" >&2
  exit 1
}
[ -f "$NET_DIR/hub-fabric.properties" ] || die "no network at $NET_DIR: run scripts/fabric-dev-network.sh up first"
[ -f "$HUB_JAR" ] || die "hub jar not found at $HUB_JAR: mvn -B -DskipTests package"
[ -f "$PEER_LOG" ] || die "no peer log at $PEER_LOG"

stop_hubs() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do sleep 1; done
  done
}
trap stop_hubs EXIT

conflicts() { grep -c MVCC_READ_CONFLICT "$1" 2>/dev/null || true; }

publish() { # port rounds tag: batch publishes of 20 UNIT records, one after the other
  local port=$1 rounds=$2 tag=$3 ok=0 refused=0 body id code
  for r in $(seq 1 "$rounds"); do
    body='['
    for i in $(seq 1 20); do
      id="$tag-$r-$i"
      [ "$i" -gt 1 ] && body+=','
      body+='{"type":"UNIT","id":"'$id'","payload":{"houseCode":"'$id'","buildingId":"B-1","projectId":"P-1",'
      body+='"floor":3,"room":"301","buildingArea":89.5,"use":"RESIDENTIAL","saleStatus":"AVAILABLE",'
      body+='"listedPrice":1250000}}'
    done
    body+=']'
    code=$(curl -s -o /dev/null -w '%{http_code}' -XPOST "127.0.0.1:$port/api/v1/records/batch" \
      -H 'Content-Type: application/json' -H 'X-Hub-Agency: housing' -d "$body")
    if [ "$code" = 200 ]; then ok=$((ok + 1)); else refused=$((refused + 1)); fi
    sleep 0.1
  done
  echo "hub :$port: $ok batch publishes answered 200, $refused not"
}

mkdir -p "$HUBS_DIR"
for n in 0 1; do
  dir="$HUBS_DIR/${NAMES[$n]}"
  mkdir -p "$dir"
  (cd "$dir" && HUB_PORT=${PORTS[$n]} HUB_DATA_DIR="$dir/data" exec java -Xmx1g -jar "$HUB_JAR" \
    --spring.config.additional-location="file:$NET_DIR/hub-fabric.properties" \
    --spring.profiles.active=dev --hub.demo.enabled=false --hub.security.agency-tls.port=0 \
    >"$dir/hub.log" 2>&1) &
  PIDS+=($!)
done
for n in 0 1; do
  for _ in $(seq 1 240); do
    curl -s "127.0.0.1:${PORTS[$n]}/actuator/health" | grep -q '"status":"UP"' && break
    kill -0 "${PIDS[$n]}" 2>/dev/null || die "hub ${NAMES[$n]} exited; see $HUBS_DIR/${NAMES[$n]}/hub.log"
    sleep 2
  done
  curl -s "127.0.0.1:${PORTS[$n]}/actuator/health" | grep -q '"status":"UP"' ||
    die "hub ${NAMES[$n]} not UP after 480 s; see $HUBS_DIR/${NAMES[$n]}/hub.log"
done

peer_before=$(conflicts "$PEER_LOG")
echo "before: MVCC_READ_CONFLICT hub a $(conflicts "$HUBS_DIR/a/hub.log"), hub b $(conflicts "$HUBS_DIR/b/hub.log"), peer $peer_before"
publish "${PORTS[0]}" "$ROUNDS" "a-$$" &
publisher_a=$!
publish "${PORTS[1]}" "$ROUNDS" "b-$$" &
publisher_b=$!
wait "$publisher_a" "$publisher_b"
sleep "$SETTLE_SECONDS"
a=$(conflicts "$HUBS_DIR/a/hub.log")
b=$(conflicts "$HUBS_DIR/b/hub.log")
peer=$(conflicts "$PEER_LOG")
anchored_a=$(grep -c 'not anchored' "$HUBS_DIR/a/hub.log" || true)
anchored_b=$(grep -c 'not anchored' "$HUBS_DIR/b/hub.log" || true)
echo "after:  MVCC_READ_CONFLICT hub a $a, hub b $b, peer $((peer - peer_before)) new" \
  "('not anchored' lines: hub a $anchored_a, hub b $anchored_b)"
echo "logs: $HUBS_DIR/a/hub.log $HUBS_DIR/b/hub.log $PEER_LOG"
