#!/usr/bin/env python3
"""Independent RFC 6962 section 2.1 implementation (hashlib/OpenSSL) that wrote sm3-reference.json.

Run from this folder: python3 rfc6962_vectors.py. It first checks itself against certificate-transparency's SHA-256
vectors in rfc6962-reference.json, then prints the same tree's SM3 roots and paths.
"""
import hashlib
import json


def mth(h, data):
    if len(data) == 0:
        return hashlib.new(h, b"").digest()
    if len(data) == 1:
        return hashlib.new(h, b"\x00" + data[0]).digest()
    k = 1 << ((len(data) - 1).bit_length() - 1)
    return hashlib.new(h, b"\x01" + mth(h, data[:k]) + mth(h, data[k:])).digest()


def path(h, m, data):
    if len(data) <= 1:
        return []
    k = 1 << ((len(data) - 1).bit_length() - 1)
    if m < k:
        return path(h, m, data[:k]) + [mth(h, data[k:])]
    return path(h, m - k, data[k:]) + [mth(h, data[:k])]


def vectors(h, leaves, proofs):
    return {
        "emptyRoot": mth(h, []).hex(),
        "roots": [{"treeSize": n, "root": mth(h, leaves[:n]).hex()} for n in range(1, len(leaves) + 1)],
        "inclusionProofs": [
            {"leafIndex": p["leafIndex"], "treeSize": p["treeSize"],
             "path": [x.hex() for x in path(h, p["leafIndex"], leaves[:p["treeSize"]])]}
            for p in proofs
        ],
    }


with open("rfc6962-reference.json") as f:
    reference = json.load(f)
leaves = [bytes.fromhex(x) for x in reference["leaves"]]
sha = vectors("sha256", leaves, reference["inclusionProofs"])
for key in ("emptyRoot", "roots", "inclusionProofs"):
    assert sha[key] == reference[key], key
sm3 = vectors("sm3", leaves, reference["inclusionProofs"])
print(json.dumps(dict(sm3, hashAlgorithm="SM3", leaves=reference["leaves"]), indent=2))
