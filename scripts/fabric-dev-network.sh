#!/usr/bin/env bash
# Local Hyperledger Fabric 2.5 network for development: one orderer (etcdraft, one consenter), one peer (two with
# --orgs 2), the notary chaincode run as a service (ccaas), all as plain processes on 127.0.0.1. No Docker.
#
#   scripts/fabric-dev-network.sh up [--crypto certs|cryptogen] [--orgs 1|2]   start it (refuses if one runs)
#   scripts/fabric-dev-network.sh status                  processes, ports, health, channel height, chaincode
#   scripts/fabric-dev-network.sh down                    stop what `up` started and delete the work dir
#   scripts/fabric-dev-network.sh chaincode-restart       restart only the chaincode server (e.g. a rebuilt jar)
#   scripts/fabric-dev-network.sh smoke                   AnchorBatch + GetBatch as Org1 User1 (the hub's identity)
#   scripts/fabric-dev-network.sh cli-env [Admin|User1] [1|2]   print exports for using the peer CLI by hand
#
# Needs: Fabric 2.5 binaries on PATH (peer, orderer, configtxgen, osnadmin; cryptogen only with
# --crypto cryptogen), Fabric's default config dir (core.yaml, orderer.yaml) in FABRIC_CFG_PATH (default: the
# `config` dir next to the `peer` binary), Java 17, and the jars built by `mvn -B package`:
# certs/target/certs.jar (identities) and chaincode/target/notary-chaincode.jar (the chaincode server).
#
# Environment:
#   FABRIC_NET_DIR   work dir for identities, ledgers, logs, pid files (default: <repo>/data/fabric)
#   FABRIC_CFG_PATH  dir holding Fabric's core.yaml and orderer.yaml (default: <dir of peer>/../config)
#   FABRIC_CRYPTO    certs (default) or cryptogen: which tool writes the MSP folders (same as --crypto)
#   FABRIC_ORGS      1 (default) or 2: peer organizations (same as --orgs)
#   CERTS_JAR, CHAINCODE_JAR   override the jar locations
#   FABRIC_LOGGING_SPEC        log level of orderer and peers (default INFO)
#
# Only Fabric's defaults come from its config files; everything specific to this network is set here through
# ORDERER_* / CORE_* environment variables and scripts/fabric/configtx.yaml. See docs/fabric.md.
set -Eeuo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"

# ---- network layout (fixed names, loopback ports) ---------------------------------------------------------
CHANNEL=housing
CC_NAME=notary
CC_LABEL=notary_1.0
CC_VERSION=1.0
CC_SEQUENCE=1

HOST=127.0.0.1
ORDERER_PORT=7050       # ordering service (Broadcast/Deliver) and Raft cluster traffic
ORDERER_ADMIN_PORT=7053 # channel participation API (osnadmin)
ORDERER_OPS_PORT=8443   # orderer operations: /healthz, /metrics
CC_PORT=9999            # the notary chaincode server (chaincode as a service), shared by all peers
# Peers: org N listens on 7051+1000*(N-1) (gRPC: endorse, deliver, gateway, gossip, discovery),
# 7052+1000*(N-1) (chaincode listener, unused by ccaas) and 9442+N (operations: /healthz, /metrics).

ORDERER_DOMAIN=example.com
ORDERER_MSP=OrdererMSP
ORDERER_NAME=orderer0.$ORDERER_DOMAIN

NET_DIR="${FABRIC_NET_DIR:-$REPO_DIR/data/fabric}"
CERTS_JAR="${CERTS_JAR:-$REPO_DIR/certs/target/certs.jar}"
CHAINCODE_JAR="${CHAINCODE_JAR:-$REPO_DIR/chaincode/target/notary-chaincode.jar}"
CRYPTO_TOOL="${FABRIC_CRYPTO:-certs}"
ORGS="${FABRIC_ORGS:-1}"
BUILDER_DIR="$SCRIPT_DIR/ccaas-builder"
CONFIGTX_SRC="$SCRIPT_DIR/fabric/configtx.yaml"
MARKER=.fabric-dev-network # marks a directory as ours, so `down` never deletes anything else
ALL_PROCESSES=(orderer0 peer0.org1 peer0.org2 notary-chaincode)

STEP="starting"

# ---- per-organization names -------------------------------------------------------------------------------
org_domain() { printf 'org%s.example.com\n' "$1"; }
org_msp() { printf 'Org%sMSP\n' "$1"; }
org_dir() { printf '%s/peerOrganizations/org%s.example.com\n' "$CRYPTO_DIR" "$1"; }
peer_name() { printf 'peer0.org%s.example.com\n' "$1"; }
peer_proc() { printf 'peer0.org%s\n' "$1"; }
peer_port() { echo $((7051 + 1000 * ($1 - 1))); }
peer_cc_port() { echo $((7052 + 1000 * ($1 - 1))); }
peer_ops_port() { echo $((9442 + $1)); }
peer_tls_dir() { printf '%s/peers/%s/tls\n' "$(org_dir "$1")" "$(peer_name "$1")"; }
peer_tls_ca() { printf '%s/ca.crt\n' "$(peer_tls_dir "$1")"; }
user_msp() { printf '%s/users/%s@%s/msp\n' "$(org_dir "$1")" "$2" "$(org_domain "$1")"; }

# ---- small helpers ----------------------------------------------------------------------------------------
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() {
  printf 'fabric-dev-network: ERROR: %s\n' "$*" >&2
  exit 1
}

usage() {
  # The header comment of this file, up to its first non-comment line.
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  exit "${1:-2}"
}

# Absolute path of a directory or file that may not exist yet (relative to the current directory).
abspath() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$(pwd)" "${1#./}" ;;
  esac
}

# True when something listens on port $1. Asks `ss` when it is installed, so that TLS servers do not log a failed
# handshake for each probe; otherwise connects to 127.0.0.1 with bash's /dev/tcp.
port_open() {
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
  else
    (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
  fi
}

# Body of GET http://127.0.0.1:$1$2 with bash only (curl is not required).
http_get() {
  (
    exec 3<>"/dev/tcp/$HOST/$1" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$2" "$HOST" >&3
    sed '1,/^\r\{0,1\}$/d' <&3
  ) 2>/dev/null
}

# wait_until <seconds> <description> <command...>: polls the command every 0.5 s.
wait_until() {
  local timeout="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      die "timed out after ${timeout}s waiting for: $what"
    fi
    sleep 0.5
  done
}

pid_file() { printf '%s/pids/%s.pid\n' "$NET_DIR" "$1"; }

# Pid of a process this script started, if it still runs (empty otherwise).
running_pid() {
  local f pid
  f="$(pid_file "$1")"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    printf '%s\n' "$pid"
  fi
}

# start_process <name> <command...>: runs it in the background, output to logs/<name>.log, pid to pids/<name>.pid.
start_process() {
  local name="$1"
  shift
  nohup "$@" >"$NET_DIR/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

# Stops a process this script started: SIGTERM, then SIGKILL after 15 s.
stop_process() {
  local name="$1" pid
  pid="$(running_pid "$name")"
  if [ -n "$pid" ]; then
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 15))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop in 15s; killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$(pid_file "$name")"
}

# Fails (with the log's tail) when a started process has already exited.
alive_or_die() {
  local name="$1"
  if [ -z "$(running_pid "$name")" ]; then
    echo "---- last lines of $NET_DIR/logs/$name.log ----" >&2
    tail -n 30 "$NET_DIR/logs/$name.log" >&2 || true
    die "$name exited during start-up (see $NET_DIR/logs/$name.log)"
  fi
}

# run_logged <log name> <description> <command...>: runs a CLI step, appends its output to logs/<log name>.log, and
# on failure shows the output and stops.
run_logged() {
  local logfile="$NET_DIR/logs/$1.log" what="$2"
  shift 2
  echo "\$ ${*}" >>"$logfile"
  local start_line
  start_line=$(($(wc -l <"$logfile") + 1))
  if ! "$@" >>"$logfile" 2>&1; then
    tail -n "+$start_line" "$logfile" | tail -n 20 >&2
    die "$what failed (output in $logfile)"
  fi
}

# Installed as the EXIT trap while `up` runs: says which step failed and how to clean up.
on_up_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "fabric-dev-network: 'up' failed during: $STEP (exit $rc)." >&2
    echo "  Logs: $NET_DIR/logs/   Stop what was started and clean up: $0 down" >&2
  fi
}

# ---- prerequisites ----------------------------------------------------------------------------------------
require_bin() {
  command -v "$1" >/dev/null 2>&1 ||
    die "'$1' not found on PATH. Install the Hyperledger Fabric 2.5 binaries and put their bin/ dir on PATH (see docs/fabric.md)."
}

resolve_fabric_cfg() {
  if [ -z "${FABRIC_CFG_PATH:-}" ]; then
    local peer_dir
    peer_dir="$(cd "$(dirname "$(command -v peer)")" && pwd)"
    FABRIC_CFG_PATH="$(cd "$peer_dir/.." && pwd)/config"
  fi
  if [ ! -f "$FABRIC_CFG_PATH/core.yaml" ] || [ ! -f "$FABRIC_CFG_PATH/orderer.yaml" ]; then
    die "Fabric's core.yaml and orderer.yaml not found in FABRIC_CFG_PATH=$FABRIC_CFG_PATH. Set FABRIC_CFG_PATH to the config/ dir of the Fabric install."
  fi
  FABRIC_CFG_PATH="$(cd "$FABRIC_CFG_PATH" && pwd)"
  export FABRIC_CFG_PATH
}

check_prerequisites() {
  local b
  for b in peer orderer configtxgen osnadmin; do require_bin "$b"; done
  case "$CRYPTO_TOOL" in
    certs) ;;
    cryptogen) require_bin cryptogen ;;
    *) die "unknown --crypto '$CRYPTO_TOOL' (expected certs or cryptogen)" ;;
  esac
  case "$ORGS" in
    1 | 2) ;;
    *) die "--orgs must be 1 or 2 (got '$ORGS')" ;;
  esac
  resolve_fabric_cfg
  local version
  version="$(peer version 2>/dev/null | sed -n 's/^ *Version: *//p' | head -n1)"
  case "$version" in
    2.5.*) ;;
    *) die "peer reports version '${version:-unknown}'; this script needs Fabric 2.5.x" ;;
  esac
  for b in java tar gzip sha256sum; do
    command -v "$b" >/dev/null 2>&1 || die "'$b' not found on PATH"
  done
  local java_major
  java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  [ "${java_major:-0}" -ge 17 ] || die "Java 17 or later needed (java -version says: $(java -version 2>&1 | head -n1))"
  if [ "$CRYPTO_TOOL" = certs ]; then
    [ -f "$CERTS_JAR" ] || die "certs CLI not found at $CERTS_JAR. Build it first: mvn -B package (or use --crypto cryptogen)."
    java -jar "$CERTS_JAR" msp --help >/dev/null 2>&1 ||
      die "$CERTS_JAR has no working 'msp' command (java -jar $CERTS_JAR msp --help failed). Rebuild it, or use --crypto cryptogen."
  fi
  [ -f "$CHAINCODE_JAR" ] || die "chaincode jar not found at $CHAINCODE_JAR. Build it first: mvn -B package."
  [ -f "$CONFIGTX_SRC" ] || die "missing $CONFIGTX_SRC"
  for b in detect build release; do
    [ -x "$BUILDER_DIR/bin/$b" ] || die "external builder script $BUILDER_DIR/bin/$b is missing or not executable"
  done
}

# ---- paths inside the work dir ----------------------------------------------------------------------------
set_paths() {
  NET_DIR="$(abspath "$NET_DIR")"
  CRYPTO_DIR="$NET_DIR/crypto"
  ORDERER_ORG_DIR="$CRYPTO_DIR/ordererOrganizations/$ORDERER_DOMAIN"
  ORDERER_TLS="$ORDERER_ORG_DIR/orderers/$ORDERER_NAME/tls"
  ORDERER_TLS_CA="$ORDERER_TLS/ca.crt"
  ORDERER_ADMIN_TLS="$ORDERER_ORG_DIR/users/Admin@$ORDERER_DOMAIN/tls"
  GENESIS_BLOCK="$NET_DIR/channel/$CHANNEL.block"
  PROPERTIES="$NET_DIR/hub-fabric.properties"
  ORDERER_ARGS=(-o "$HOST:$ORDERER_PORT" --tls --cafile "$ORDERER_TLS_CA")
}

# The number of peer orgs of the network in the work dir (written by `up`).
load_orgs() {
  if [ -f "$NET_DIR/orgs" ]; then ORGS="$(cat "$NET_DIR/orgs")"; fi
}

# ---- step 1: identities -----------------------------------------------------------------------------------
generate_identities() {
  mkdir -p "$CRYPTO_DIR"
  local n
  if [ "$CRYPTO_TOOL" = certs ]; then
    log "identities: certs CLI ($CERTS_JAR)"
    # --peers= / --orderers= (empty) mean "none": the CLI's defaults would add a peer0 and an orderer0 to each org.
    # The TLS certificates name 127.0.0.1 (SAN), since every client here dials the IP address.
    # One JVM per org, run side by side (each takes a few seconds, mostly JVM start and key generation).
    local pids=() names=()
    java -jar "$CERTS_JAR" msp --out "$ORDERER_ORG_DIR" --msp-id "$ORDERER_MSP" --domain "$ORDERER_DOMAIN" \
      --peers= --orderers orderer0 --users Admin --hosts "localhost,$HOST" --force \
      >"$NET_DIR/logs/certs-$ORDERER_MSP.log" 2>&1 &
    pids+=($!) names+=("$ORDERER_MSP")
    for ((n = 1; n <= ORGS; n++)); do
      java -jar "$CERTS_JAR" msp --out "$(org_dir "$n")" --msp-id "$(org_msp "$n")" --domain "$(org_domain "$n")" \
        --peers peer0 --orderers= --users Admin,User1 --hosts "localhost,$HOST" --force \
        >"$NET_DIR/logs/certs-$(org_msp "$n").log" 2>&1 &
      pids+=($!) names+=("$(org_msp "$n")")
    done
    for n in "${!pids[@]}"; do
      wait "${pids[$n]}" ||
        die "certs msp failed for ${names[$n]}: $(tail -n 5 "$NET_DIR/logs/certs-${names[$n]}.log")"
    done
  else
    log "identities: cryptogen (fallback)"
    {
      echo "# Generated by scripts/fabric-dev-network.sh (--crypto cryptogen); the names the certs CLI would use."
      echo "OrdererOrgs:"
      echo "  - {Name: Orderer, Domain: $ORDERER_DOMAIN, EnableNodeOUs: true,"
      echo "     Specs: [{Hostname: orderer0, SANS: [localhost, \"$HOST\"]}]}"
      echo "PeerOrgs:"
      for ((n = 1; n <= ORGS; n++)); do
        echo "  - {Name: Org$n, Domain: $(org_domain "$n"), EnableNodeOUs: true, Users: {Count: 1},"
        echo "     Specs: [{Hostname: peer0, SANS: [localhost, \"$HOST\"]}]}"
      done
    } >"$NET_DIR/crypto-config.yaml"
    run_logged cryptogen "cryptogen generate" cryptogen generate --config "$NET_DIR/crypto-config.yaml" --output "$CRYPTO_DIR"
  fi
  # Check the layout we rely on, so a tool producing something else fails here with a clear message.
  local f missing=() required=(
    "$ORDERER_ORG_DIR/msp/config.yaml"
    "$ORDERER_ORG_DIR/orderers/$ORDERER_NAME/msp/signcerts"
    "$ORDERER_TLS/server.crt" "$ORDERER_TLS/server.key" "$ORDERER_TLS_CA"
    "$ORDERER_ADMIN_TLS/client.crt" "$ORDERER_ADMIN_TLS/client.key"
  )
  for ((n = 1; n <= ORGS; n++)); do
    required+=(
      "$(org_dir "$n")/msp/config.yaml" "$(org_dir "$n")/msp/cacerts" "$(org_dir "$n")/msp/tlscacerts"
      "$(org_dir "$n")/peers/$(peer_name "$n")/msp/signcerts"
      "$(peer_tls_dir "$n")/server.crt" "$(peer_tls_dir "$n")/server.key" "$(peer_tls_ca "$n")"
      "$(user_msp "$n" Admin)/signcerts" "$(user_msp "$n" Admin)/keystore"
      "$(user_msp "$n" User1)/signcerts" "$(user_msp "$n" User1)/keystore"
    )
  done
  for f in "${required[@]}"; do
    [ -e "$f" ] || missing+=("$f")
  done
  ((${#missing[@]} == 0)) || die "identity layout incomplete ($CRYPTO_TOOL); missing: ${missing[*]}"
}

# ---- step 2: genesis block of the application channel ------------------------------------------------------
generate_genesis_block() {
  local profile=HousingChannel
  [ "$ORGS" = 2 ] && profile=HousingChannelTwoOrgs
  log "channel: genesis block of '$CHANNEL' (configtxgen, profile $profile, etcdraft)"
  mkdir -p "$NET_DIR/channel"
  # configtx.yaml's relative paths (crypto/...) resolve against the directory holding it: the work dir.
  cp "$CONFIGTX_SRC" "$NET_DIR/configtx.yaml"
  run_logged configtxgen "configtxgen" \
    configtxgen -configPath "$NET_DIR" -profile "$profile" -channelID "$CHANNEL" -outputBlock "$GENESIS_BLOCK"
}

# ---- step 3: orderer --------------------------------------------------------------------------------------
start_orderer() {
  log "orderer: starting $ORDERER_NAME on $HOST:$ORDERER_PORT (admin $ORDERER_ADMIN_PORT, operations $ORDERER_OPS_PORT)"
  local d="$NET_DIR/orderer0"
  mkdir -p "$d"
  # Bootstrap method "none" + channel participation: no system channel; channels are joined with osnadmin.
  # Orderer.yaml's admin listener default (127.0.0.1:9443) would collide with peer0.org1's operations port.
  start_process orderer0 env \
    FABRIC_CFG_PATH="$FABRIC_CFG_PATH" \
    FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-INFO}" \
    ORDERER_GENERAL_LISTENADDRESS="$HOST" \
    ORDERER_GENERAL_LISTENPORT="$ORDERER_PORT" \
    ORDERER_GENERAL_LOCALMSPID="$ORDERER_MSP" \
    ORDERER_GENERAL_LOCALMSPDIR="$ORDERER_ORG_DIR/orderers/$ORDERER_NAME/msp" \
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none \
    ORDERER_GENERAL_TLS_ENABLED=true \
    ORDERER_GENERAL_TLS_CERTIFICATE="$ORDERER_TLS/server.crt" \
    ORDERER_GENERAL_TLS_PRIVATEKEY="$ORDERER_TLS/server.key" \
    ORDERER_GENERAL_TLS_ROOTCAS="[$ORDERER_TLS_CA]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$ORDERER_TLS/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$ORDERER_TLS/server.key" \
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[$ORDERER_TLS_CA]" \
    ORDERER_FILELEDGER_LOCATION="$d/ledger" \
    ORDERER_CONSENSUS_WALDIR="$d/etcdraft/wal" \
    ORDERER_CONSENSUS_SNAPDIR="$d/etcdraft/snapshot" \
    ORDERER_CHANNELPARTICIPATION_ENABLED=true \
    ORDERER_ADMIN_LISTENADDRESS="$HOST:$ORDERER_ADMIN_PORT" \
    ORDERER_ADMIN_TLS_ENABLED=true \
    ORDERER_ADMIN_TLS_CERTIFICATE="$ORDERER_TLS/server.crt" \
    ORDERER_ADMIN_TLS_PRIVATEKEY="$ORDERER_TLS/server.key" \
    ORDERER_ADMIN_TLS_ROOTCAS="[$ORDERER_TLS_CA]" \
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$ORDERER_TLS_CA]" \
    ORDERER_OPERATIONS_LISTENADDRESS="$HOST:$ORDERER_OPS_PORT" \
    ORDERER_METRICS_PROVIDER=prometheus \
    orderer
  wait_until 30 "orderer admin endpoint $HOST:$ORDERER_ADMIN_PORT" orderer_admin_up
}

# Ready when the channel participation API answers over mutual TLS (a bare TCP probe of a TLS port works too,
# but makes the orderer log a failed handshake every time).
orderer_admin_up() {
  alive_or_die orderer0
  osnadmin_cli list >/dev/null 2>&1
}

osnadmin_cli() {
  osnadmin channel "$@" -o "$HOST:$ORDERER_ADMIN_PORT" --ca-file "$ORDERER_TLS_CA" \
    --client-cert "$ORDERER_ADMIN_TLS/client.crt" --client-key "$ORDERER_ADMIN_TLS/client.key"
}

join_orderer() {
  log "orderer: joining channel '$CHANNEL' (osnadmin channel join)"
  run_logged osnadmin "osnadmin channel join" osnadmin_cli join --channelID "$CHANNEL" --config-block "$GENESIS_BLOCK"
  log "orderer: waiting for the Raft leader of '$CHANNEL'"
  wait_until 60 "Raft leader election on channel $CHANNEL" raft_leader_elected
  log "orderer: $(osnadmin_cli list --channelID "$CHANNEL" 2>/dev/null | tr -d '\n\t ' | sed 's/^Status:200//')"
}

# The channel is active on this consenter and it leads (metric consensus_etcdraft_is_leader, exported because
# ORDERER_METRICS_PROVIDER=prometheus); the orderer log line is a fallback.
raft_leader_elected() {
  alive_or_die orderer0
  local list metrics
  list="$(osnadmin_cli list --channelID "$CHANNEL" 2>/dev/null)" || return 1
  [[ "$list" =~ \"status\":\ *\"active\" ]] || return 1
  metrics="$(http_get "$ORDERER_OPS_PORT" /metrics)" || true
  [[ "$metrics" == *"consensus_etcdraft_is_leader{channel=\"$CHANNEL\"} 1"* ]] ||
    grep "Raft leader changed: 0 -> " "$NET_DIR/logs/orderer0.log" >/dev/null
}

# ---- step 4: peers ----------------------------------------------------------------------------------------
start_peer() {
  local n="$1" d tls
  d="$NET_DIR/$(peer_proc "$n")"
  tls="$(peer_tls_dir "$n")"
  log "peer: starting $(peer_name "$n") on $HOST:$(peer_port "$n") (operations $(peer_ops_port "$n"))"
  mkdir -p "$d"
  # No Docker: chaincode only through our external builder (ccaas). CORE_VM_ENDPOINT="" would NOT do it: the
  # peer's config library ignores empty environment variables, so core.yaml's unix:///var/run/docker.sock
  # stays and /healthz reports the Docker check failing. Setting the parent key CORE_VM to any value shadows
  # every vm.* key of core.yaml, so vm.endpoint reads as "" and the peer registers no Docker VM at all.
  # The external builder list replaces core.yaml's (which names /opt/hyperledger/ccaas_builder).
  # The gossip external endpoint (and the anchor peer in configtx.yaml) let service discovery, and so the
  # Gateway, see this peer. With two orgs, each peer first dials the other's anchor endpoint before that one has
  # joined the channel, is refused, and by default retries only after 25 s (reconnectInterval): until then the
  # Gateway fails with "no combination of peers can be derived which satisfy the endorsement policy". Hence the
  # short reconnect and state-info intervals. core.yaml's /var/hyperledger paths all move into the work dir.
  start_process "$(peer_proc "$n")" env \
    FABRIC_CFG_PATH="$FABRIC_CFG_PATH" \
    FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-INFO}" \
    CORE_PEER_ID="$(peer_name "$n")" \
    CORE_PEER_ADDRESS="$HOST:$(peer_port "$n")" \
    CORE_PEER_LISTENADDRESS="$HOST:$(peer_port "$n")" \
    CORE_PEER_CHAINCODEADDRESS="$HOST:$(peer_cc_port "$n")" \
    CORE_PEER_CHAINCODELISTENADDRESS="$HOST:$(peer_cc_port "$n")" \
    CORE_PEER_GOSSIP_BOOTSTRAP="$HOST:$(peer_port "$n")" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="$HOST:$(peer_port "$n")" \
    CORE_PEER_GOSSIP_PUBLISHSTATEINFOINTERVAL=1s \
    CORE_PEER_GOSSIP_RECONNECTINTERVAL=2s \
    CORE_PEER_LOCALMSPID="$(org_msp "$n")" \
    CORE_PEER_MSPCONFIGPATH="$(org_dir "$n")/peers/$(peer_name "$n")/msp" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_CERT_FILE="$tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="$tls/server.key" \
    CORE_PEER_TLS_ROOTCERT_FILE="$tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="$d/production" \
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="$d/snapshots" \
    CORE_PEER_GATEWAY_ENABLED=true \
    CORE_OPERATIONS_LISTENADDRESS="$HOST:$(peer_ops_port "$n")" \
    CORE_METRICS_PROVIDER=prometheus \
    CORE_VM=none \
    CORE_CHAINCODE_EXTERNALBUILDERS="[{name: ccaas, path: $BUILDER_DIR}]" \
    peer node start
}

# Ready when /healthz on the operations port says OK and the peer answers a TLS gRPC call (channel list).
peer_healthy() {
  local n="$1" health
  alive_or_die "$(peer_proc "$n")"
  health="$(http_get "$(peer_ops_port "$n")" /healthz)" || return 1
  [[ "$health" =~ \"status\":\ *\"OK\" ]] || return 1
  peer_as "$n" Admin channel list >/dev/null 2>&1
}

# peer_as <org> <Admin|User1> <peer CLI args...>: the peer CLI as that org's user, talking to its peer0 over TLS.
peer_as() {
  local n="$1" user="$2"
  shift 2
  env CORE_PEER_LOCALMSPID="$(org_msp "$n")" \
    CORE_PEER_MSPCONFIGPATH="$(user_msp "$n" "$user")" \
    CORE_PEER_ADDRESS="$HOST:$(peer_port "$n")" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_ROOTCERT_FILE="$(peer_tls_ca "$n")" \
    FABRIC_LOGGING_SPEC="${PEER_CLI_LOGGING:-WARN}" \
    peer "$@"
}

# --peerAddresses/--tlsRootCertFiles of every org's peer: the endorsers a transaction needs (MAJORITY of orgs).
endorser_args() {
  local n
  ENDORSER_ARGS=()
  for ((n = 1; n <= ORGS; n++)); do
    ENDORSER_ARGS+=(--peerAddresses "$HOST:$(peer_port "$n")" --tlsRootCertFiles "$(peer_tls_ca "$n")")
  done
}

join_peer() {
  local n="$1" block="$NET_DIR/channel/${CHANNEL}_0.block"
  log "peer: $(peer_name "$n") joins '$CHANNEL' (block 0 fetched from the orderer; as $(org_msp "$n") Admin)"
  if [ ! -f "$block" ]; then
    run_logged peer-channel "peer channel fetch 0" \
      peer_as "$n" Admin channel fetch 0 "$block" -c "$CHANNEL" "${ORDERER_ARGS[@]}"
  fi
  run_logged peer-channel "peer channel join ($(peer_name "$n"))" peer_as "$n" Admin channel join -b "$block"
  wait_until 30 "$(peer_name "$n") to list channel $CHANNEL" peer_has_channel "$n"
}

peer_has_channel() {
  local list
  list="$(peer_as "$1" Admin channel list 2>/dev/null)" || return 1
  grep -x "$CHANNEL" <<<"$list" >/dev/null
}

# ---- step 5: chaincode as a service -----------------------------------------------------------------------
package_chaincode() {
  local d="$NET_DIR/chaincode"
  mkdir -p "$d/pkg"
  # connection.json tells the peer where the chaincode server listens (plain gRPC on loopback).
  cat >"$d/pkg/connection.json" <<EOF
{"address":"$HOST:$CC_PORT","dial_timeout":"10s","tls_required":false}
EOF
  cat >"$d/pkg/metadata.json" <<EOF
{"type":"ccaas","label":"$CC_LABEL"}
EOF
  tar -C "$d/pkg" -czf "$d/pkg/code.tar.gz" connection.json
  tar -C "$d/pkg" -czf "$d/$CC_NAME.tar.gz" metadata.json code.tar.gz
  CC_PACKAGE="$d/$CC_NAME.tar.gz"
}

install_chaincode() {
  local n="$1" id
  log "chaincode: installing ccaas package '$CC_LABEL' on $(peer_name "$n")"
  run_logged lifecycle "peer lifecycle chaincode install on $(peer_name "$n")" \
    peer_as "$n" Admin lifecycle chaincode install "$CC_PACKAGE"
  # The package id as the peer knows it (label:sha256 of the package); it must match the package's own.
  id="$(peer_as "$n" Admin lifecycle chaincode queryinstalled 2>/dev/null |
    sed -n "s/^Package ID: \($CC_LABEL:[0-9a-f]*\), Label: $CC_LABEL\$/\1/p" | head -n1)"
  [ -n "$id" ] || die "installed package '$CC_LABEL' not listed by queryinstalled on $(peer_name "$n")"
  [ "$id" = "$CC_PACKAGE_ID" ] || die "$(peer_name "$n") reports package id $id, expected $CC_PACKAGE_ID"
}

start_chaincode_process() {
  log "chaincode: starting $(basename "$CHAINCODE_JAR") on $HOST:$CC_PORT (CHAINCODE_ID=$CC_PACKAGE_ID)"
  start_process notary-chaincode env \
    CHAINCODE_SERVER_ADDRESS="$HOST:$CC_PORT" \
    CHAINCODE_ID="$CC_PACKAGE_ID" \
    java -jar "$CHAINCODE_JAR"
}

start_chaincode() {
  start_chaincode_process
  wait_until 120 "chaincode server on $HOST:$CC_PORT" chaincode_listening
}

chaincode_listening() {
  alive_or_die notary-chaincode
  port_open "$CC_PORT"
}

define_chaincode() {
  local n readiness def=(--channelID "$CHANNEL" --name "$CC_NAME" --version "$CC_VERSION" --sequence "$CC_SEQUENCE")
  for ((n = 1; n <= ORGS; n++)); do
    log "chaincode: approveformyorg ($(org_msp "$n")), sequence $CC_SEQUENCE"
    run_logged lifecycle "approveformyorg ($(org_msp "$n"))" \
      peer_as "$n" Admin lifecycle chaincode approveformyorg "${ORDERER_ARGS[@]}" "${def[@]}" --package-id "$CC_PACKAGE_ID"
  done
  readiness="$(peer_as 1 Admin lifecycle chaincode checkcommitreadiness "${def[@]}" --output json 2>&1)" ||
    die "checkcommitreadiness failed: $readiness"
  echo "$readiness" >>"$NET_DIR/logs/lifecycle.log"
  readiness="$(tr -d ' \n\t' <<<"$readiness")"
  for ((n = 1; n <= ORGS; n++)); do
    [[ "$readiness" == *"\"$(org_msp "$n")\":true"* ]] || die "chaincode definition not ready to commit: $readiness"
  done
  log "chaincode: commit readiness $readiness"
  log "chaincode: commit '$CC_NAME' on '$CHANNEL'"
  endorser_args
  run_logged lifecycle "chaincode commit" \
    peer_as 1 Admin lifecycle chaincode commit "${ORDERER_ARGS[@]}" "${def[@]}" "${ENDORSER_ARGS[@]}"
  run_logged lifecycle "querycommitted" \
    peer_as 1 Admin lifecycle chaincode querycommitted --channelID "$CHANNEL" --name "$CC_NAME"
}

# invoke_as <user> <json>: as an Org1 user, submit a transaction (endorsed by every org's peer) and wait until
# peer0.org1 has committed it.
invoke_as() {
  endorser_args
  peer_as 1 "$1" chaincode invoke "${ORDERER_ARGS[@]}" -C "$CHANNEL" -n "$CC_NAME" "${ENDORSER_ARGS[@]}" \
    --waitForEvent -c "$2"
}

# query_as <user> <json>: as an Org1 user, evaluate on peer0.org1 (nothing is ordered).
query_as() { peer_as 1 "$1" chaincode query -C "$CHANNEL" -n "$CC_NAME" -c "$2"; }

# The first Java error in the chaincode's log, if any: "Unexpected error" from the peer means the contract threw
# something other than a ChaincodeException (a bug, or a class missing from the jar).
chaincode_log_hint() {
  local f="$NET_DIR/logs/notary-chaincode.log" line
  line="$(grep -m1 -oE '(java|javax|org|com|io)\.([a-z0-9_]+\.)*[A-Z][A-Za-z0-9]*(Error|Exception): [^ ]*' "$f" 2>/dev/null || true)"
  printf '\n  chaincode log (%s)%s' "$f" "${line:+: first Java error: $line}"
}

authorize_hub() {
  local out
  log "chaincode: AuthorizeMsp $(org_msp 1) (as Org1 Admin) so the hub's User1 may anchor"
  out="$(invoke_as Admin "{\"function\":\"AuthorizeMsp\",\"Args\":[\"$(org_msp 1)\"]}" 2>&1)" ||
    die "AuthorizeMsp failed: $out$(chaincode_log_hint)"
  echo "$out" >>"$NET_DIR/logs/lifecycle.log"
  out="$(query_as User1 '{"function":"ListAuthorizedMsps","Args":[]}' 2>&1)" ||
    die "ListAuthorizedMsps failed: $out$(chaincode_log_hint)"
  [[ "$out" == *"$(org_msp 1)"* ]] || die "ListAuthorizedMsps does not list $(org_msp 1): $out"
  log "chaincode: ListAuthorizedMsps (as User1) -> $out"
}

# ---- step 6: the hub's settings ---------------------------------------------------------------------------
write_hub_properties() {
  local msp cert key
  msp="$(user_msp 1 User1)"
  cert="$(find "$msp/signcerts" -type f | sort | head -n1)"
  key="$(find "$msp/keystore" -type f | sort | head -n1)"
  if [ -z "$cert" ] || [ -z "$key" ]; then die "User1 certificate or key not found under $msp"; fi
  cat >"$PROPERTIES" <<EOF
# Written by scripts/fabric-dev-network.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ): the hub's ledger settings for
# the local Fabric network. Use: --spring.config.additional-location=file:$PROPERTIES
hub.ledger.mode=fabric
hub.ledger.channel=$CHANNEL
hub.ledger.chaincode=$CC_NAME
hub.ledger.fabric.peer-endpoint=$HOST:$(peer_port 1)
hub.ledger.fabric.host-override=$(peer_name 1)
hub.ledger.fabric.tls-ca-certificate=$(peer_tls_ca 1)
hub.ledger.fabric.msp-id=$(org_msp 1)
hub.ledger.fabric.certificate=$cert
hub.ledger.fabric.private-key=$key
EOF
}

# ---- commands ---------------------------------------------------------------------------------------------
network_ports() {
  local n
  echo "$ORDERER_PORT $ORDERER_ADMIN_PORT $ORDERER_OPS_PORT $CC_PORT"
  for ((n = 1; n <= ORGS; n++)); do echo "$(peer_port "$n") $(peer_cc_port "$n") $(peer_ops_port "$n")"; done
}

cmd_up() {
  local start=$SECONDS n p pid running=()
  check_prerequisites
  set_paths
  for p in "${ALL_PROCESSES[@]}"; do
    pid="$(running_pid "$p")"
    [ -z "$pid" ] || running+=("$p(pid $pid)")
  done
  ((${#running[@]} == 0)) ||
    die "a network is already running from $NET_DIR: ${running[*]}. Run '$0 down' first."
  for p in $(network_ports); do
    ! port_open "$p" || die "port $HOST:$p is already in use by another process; stop it first"
  done
  if [ -e "$NET_DIR" ]; then
    [ -f "$NET_DIR/$MARKER" ] || die "$NET_DIR exists and was not created by this script; move it away or set FABRIC_NET_DIR"
    log "removing the stopped network's old work dir $NET_DIR"
    rm -rf "$NET_DIR"
  fi
  mkdir -p "$NET_DIR/logs" "$NET_DIR/pids"
  touch "$NET_DIR/$MARKER"
  echo "$ORGS" >"$NET_DIR/orgs"
  trap on_up_exit EXIT
  log "work dir $NET_DIR; Fabric config $FABRIC_CFG_PATH; $(peer version | sed -n 's/^ *Version: */Fabric /p'); $ORGS peer org(s)"

  STEP="identities"
  generate_identities
  STEP="genesis block"
  generate_genesis_block
  # The chaincode server needs only its package id, which is a hash of the package: start it now, so that its
  # JVM start-up (the longest step) overlaps with starting the orderer and peers.
  STEP="chaincode package"
  package_chaincode
  CC_PACKAGE_ID="$(peer lifecycle chaincode calculatepackageid "$CC_PACKAGE")"
  echo "$CC_PACKAGE_ID" >"$NET_DIR/chaincode/package-id"
  STEP="chaincode server start"
  start_chaincode_process
  STEP="orderer start"
  start_orderer
  STEP="orderer channel join"
  join_orderer
  STEP="peer start"
  for ((n = 1; n <= ORGS; n++)); do start_peer "$n"; done
  for ((n = 1; n <= ORGS; n++)); do wait_until 60 "$(peer_name "$n") health and gRPC" peer_healthy "$n"; done
  STEP="peer channel join"
  for ((n = 1; n <= ORGS; n++)); do join_peer "$n"; done
  STEP="chaincode install"
  for ((n = 1; n <= ORGS; n++)); do install_chaincode "$n"; done
  STEP="chaincode server start"
  log "chaincode: waiting for the chaincode server on $HOST:$CC_PORT"
  wait_until 120 "chaincode server on $HOST:$CC_PORT" chaincode_listening
  STEP="chaincode definition"
  define_chaincode
  STEP="authorize $(org_msp 1)"
  authorize_hub
  STEP="hub properties"
  write_hub_properties
  trap - EXIT

  echo
  log "network is up in $((SECONDS - start))s. Hub settings ($PROPERTIES):"
  cat "$PROPERTIES"
  echo
  echo "Logs: $NET_DIR/logs/   Status: $0 status   Try: $0 smoke   Stop: $0 down"
}

cmd_status() {
  set_paths
  if [ ! -d "$NET_DIR" ]; then
    echo "no network: $NET_DIR does not exist"
    return 3
  fi
  load_orgs
  local n p pid down=0 procs=(orderer0)
  for ((n = 1; n <= ORGS; n++)); do procs+=("$(peer_proc "$n")"); done
  procs+=(notary-chaincode)
  for p in "${procs[@]}"; do
    pid="$(running_pid "$p")"
    if [ -n "$pid" ]; then
      printf '%-18s running (pid %s), log %s\n' "$p" "$pid" "$NET_DIR/logs/$p.log"
    else
      printf '%-18s NOT running, log %s\n' "$p" "$NET_DIR/logs/$p.log"
      down=1
    fi
  done
  for p in $(network_ports); do
    if port_open "$p"; then printf '%-18s %s:%s listening\n' port "$HOST" "$p"; else
      printf '%-18s %s:%s closed\n' port "$HOST" "$p"
      down=1
    fi
  done
  if [ "$down" = 0 ] && command -v peer >/dev/null 2>&1; then
    resolve_fabric_cfg
    for ((n = 1; n <= ORGS; n++)); do
      printf '%-18s %s\n' "$(peer_proc "$n") health" "$(http_get "$(peer_ops_port "$n")" /healthz | tr -d '\n')"
    done
    printf '%-18s %s\n' "channel $CHANNEL" "$(peer_as 1 User1 channel getinfo -c "$CHANNEL" 2>&1 | tail -n1)"
    printf '%-18s %s\n' "chaincode $CC_NAME" \
      "$(peer_as 1 Admin lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>&1 | tail -n1)"
    [ ! -f "$PROPERTIES" ] || printf '%-18s %s\n' "hub settings" "$PROPERTIES"
  fi
  return $((down * 3))
}

cmd_down() {
  set_paths
  if [ ! -d "$NET_DIR" ]; then
    log "nothing to stop: $NET_DIR does not exist"
    return 0
  fi
  [ -f "$NET_DIR/$MARKER" ] || die "$NET_DIR was not created by this script; refusing to touch it"
  local i
  # Reverse start order: chaincode, peers, orderer.
  for ((i = ${#ALL_PROCESSES[@]} - 1; i >= 0; i--)); do
    stop_process "${ALL_PROCESSES[$i]}"
  done
  rm -rf "$NET_DIR"
  log "network stopped; removed $NET_DIR"
}

require_running_network() {
  set_paths
  [ -n "$(running_pid peer0.org1)" ] || die "no running network in $NET_DIR (run: $0 up)"
  load_orgs
  resolve_fabric_cfg
}

# Restarts only the chaincode server (e.g. after `mvn -B -pl chaincode -am package`): same package id, same
# address, so the chaincode definition stays valid; the peers dial the new server on the next transaction.
cmd_chaincode_restart() {
  require_running_network
  [ -f "$CHAINCODE_JAR" ] || die "chaincode jar not found at $CHAINCODE_JAR"
  CC_PACKAGE_ID="$(cat "$NET_DIR/chaincode/package-id")"
  stop_process notary-chaincode
  mv -f "$NET_DIR/logs/notary-chaincode.log" "$NET_DIR/logs/notary-chaincode.log.1" 2>/dev/null || true
  start_chaincode
  log "chaincode server restarted"
}

# Anchors a throw-away batch as User1 (the hub's identity) and reads it back: the same calls the hub makes.
cmd_smoke() {
  require_running_network
  local batch root
  batch="smoke-$(date +%s)"
  root="$(printf '%s' "$batch" | sha256sum | cut -d' ' -f1)"
  log "AnchorBatch $batch as User1 (invoke, waits for the commit)"
  PEER_CLI_LOGGING=INFO invoke_as User1 "{\"function\":\"AnchorBatch\",\"Args\":[\"$batch\",\"$root\",\"1\",\"SHA-256\"]}"
  log "GetBatch $batch as User1 (query)"
  query_as User1 "{\"function\":\"GetBatch\",\"Args\":[\"$batch\"]}"
  peer_as 1 User1 channel getinfo -c "$CHANNEL"
}

# Prints exports that point the peer CLI at an org's peer0 as one of its users:
#   eval "$(scripts/fabric-dev-network.sh cli-env User1)"
cmd_cli_env() {
  local user="${1:-Admin}" n="${2:-1}"
  case "$user" in Admin | User1) ;; *) die "cli-env takes Admin or User1, then optionally the org (1 or 2)" ;; esac
  case "$n" in 1 | 2) ;; *) die "cli-env: org must be 1 or 2" ;; esac
  require_bin peer
  set_paths
  resolve_fabric_cfg
  cat <<ENV
export FABRIC_CFG_PATH='$FABRIC_CFG_PATH'
export CORE_PEER_LOCALMSPID=$(org_msp "$n")
export CORE_PEER_MSPCONFIGPATH='$(user_msp "$n" "$user")'
export CORE_PEER_ADDRESS=$HOST:$(peer_port "$n")
export CORE_PEER_TLS_ENABLED=true
export CORE_PEER_TLS_ROOTCERT_FILE='$(peer_tls_ca "$n")'
export ORDERER_CA='$ORDERER_TLS_CA'
# peer chaincode query -C $CHANNEL -n $CC_NAME -c '{"function":"ListBatches","Args":["0","10"]}'
# peer chaincode invoke -o $HOST:$ORDERER_PORT --tls --cafile "\$ORDERER_CA" -C $CHANNEL -n $CC_NAME --waitForEvent -c '{...}'
ENV
}

main() {
  local cmd="${1:-}"
  [ $# -gt 0 ] && shift
  if [ "$cmd" = cli-env ]; then
    cmd_cli_env "$@"
    return
  fi
  while [ $# -gt 0 ]; do
    case "$1" in
      --crypto)
        CRYPTO_TOOL="${2:?--crypto needs certs or cryptogen}"
        shift 2
        ;;
      --crypto=*)
        CRYPTO_TOOL="${1#--crypto=}"
        shift
        ;;
      --orgs)
        ORGS="${2:?--orgs needs 1 or 2}"
        shift 2
        ;;
      --orgs=*)
        ORGS="${1#--orgs=}"
        shift
        ;;
      -h | --help) usage 0 ;;
      *) die "unknown option '$1' (try --help)" ;;
    esac
  done
  case "$cmd" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    smoke) cmd_smoke ;;
    chaincode-restart) cmd_chaincode_restart ;;
    -h | --help | help) usage 0 ;;
    "") usage 2 ;;
    *)
      echo "fabric-dev-network: unknown command '$cmd'" >&2
      usage 2 >&2
      ;;
  esac
}

main "$@"
