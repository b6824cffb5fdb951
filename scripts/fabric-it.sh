#!/usr/bin/env bash
# Runs the hub's Fabric gateway integration test (FabricLedgerGatewayIT) against a real Fabric network on loopback:
# builds the jars, starts scripts/fabric-dev-network.sh, runs `mvn -Pfabric-it verify` on exchange-hub, and stops the
# network again, whatever happened. Needs Fabric 2.5 binaries on PATH (see docs/fabric.md).
set -euo pipefail
cd "$(dirname "$0")/.."

for binary in peer orderer configtxgen osnadmin; do
  command -v "$binary" >/dev/null || { echo "fabric-it: '$binary' is not on PATH (see docs/fabric.md)" >&2; exit 2; }
done

mvn -B -q -DskipTests -Djacoco.skip=true install
trap 'scripts/fabric-dev-network.sh down >/dev/null 2>&1 || true' EXIT
scripts/fabric-dev-network.sh up
FABRIC_NET_DIR="$PWD/data/fabric" mvn -B -pl exchange-hub -Pfabric-it verify -Dtest=NoUnitTests \
  -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true
