#!/usr/bin/env bash
# Packs connection.json and metadata.json into the archive `peer lifecycle chaincode install` takes for the
# chaincode-as-a-service builder: notary.tar.gz = metadata.json + code.tar.gz (connection.json).
# Byte-for-byte reproducible (fixed mtime, owner and order, gzip without a timestamp), so the package id
# (label:sha256 of the archive) is the same wherever it is built; the server's CHAINCODE_ID must be that id.
# Usage: chaincode/ccaas/package.sh [output directory, default chaincode/target]   (GNU tar)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../target}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
pack() { # pack DIR ARCHIVE FILE...
  local dir="$1" archive="$2"
  shift 2
  tar -C "$dir" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=0644 -cf - "$@" | gzip -9n >"$archive"
}
pack "$here" "$work/code.tar.gz" connection.json
cp "$here/metadata.json" "$work/"
pack "$work" "$out/notary.tar.gz" metadata.json code.tar.gz
echo "$out/notary.tar.gz  package id: notary_1.0:$(sha256sum "$out/notary.tar.gz" | cut -d' ' -f1)"
