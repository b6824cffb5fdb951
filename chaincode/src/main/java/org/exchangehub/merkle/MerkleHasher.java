package org.exchangehub.merkle;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.crypto.Digest;
import org.exchangehub.certs.digest.DigestAlgorithm;

/**
 * RFC 6962 / RFC 9162 tree hashing over SHA-256 or SM3: leaves and interior nodes are hashed with different one-byte
 * prefixes, so a leaf can never be passed off as a node (second-preimage protection).
 *
 * <p>Thread-safe: each thread hashes with its own Bouncy Castle digest, so the hot path allocates nothing but the
 * output. A tree build takes one digest for the whole build instead (see {@link #newDigest()}).
 */
public final class MerkleHasher {

    /** Prefix of a leaf hash: {@code H(0x00 || leaf data)}. */
    public static final byte LEAF_PREFIX = 0x00;

    /** Prefix of an interior node hash: {@code H(0x01 || left || right)}. */
    public static final byte NODE_PREFIX = 0x01;

    private static final Map<DigestAlgorithm, MerkleHasher> SHARED = new EnumMap<>(DigestAlgorithm.class);

    static {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            SHARED.put(algorithm, new MerkleHasher(algorithm));
        }
    }

    private final DigestAlgorithm algorithm;
    private final ThreadLocal<Digest> digests;
    private final int size;

    private MerkleHasher(DigestAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.digests = ThreadLocal.withInitial(algorithm::newDigest);
        this.size = algorithm.newDigest().getDigestSize();
    }

    /** The hasher for an algorithm; one shared instance per algorithm. */
    public static MerkleHasher of(DigestAlgorithm algorithm) {
        return SHARED.get(Objects.requireNonNull(algorithm, "algorithm"));
    }

    /** The hash function underneath. */
    public DigestAlgorithm algorithm() {
        return algorithm;
    }

    /** Length of every hash this hasher produces, in bytes (32 for SHA-256 and SM3). */
    public int size() {
        return size;
    }

    /** The root of a tree with no leaves: {@code H("")}. */
    public byte[] emptyRoot() {
        Digest digest = digests.get();
        return finish(digest);
    }

    /** {@code H(0x00 || data)}; for a record, {@code data} is the record's digest. */
    public byte[] hashLeaf(byte[] data) {
        // Checked before the first update, so a failed call never leaves this thread's digest half-fed.
        Objects.requireNonNull(data, "data");
        return hashLeaf(digests.get(), data);
    }

    /** {@code H(0x01 || left || right)}. */
    public byte[] hashChildren(byte[] left, byte[] right) {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        return hashChildren(digests.get(), left, right);
    }

    /** A fresh digest for one thread's batch of hashing (a tree build); not thread-safe. */
    Digest newDigest() {
        return algorithm.newDigest();
    }

    byte[] hashLeaf(Digest digest, byte[] data) {
        digest.update(LEAF_PREFIX);
        digest.update(data, 0, data.length);
        return finish(digest);
    }

    byte[] hashChildren(Digest digest, byte[] left, byte[] right) {
        digest.update(NODE_PREFIX);
        digest.update(left, 0, left.length);
        digest.update(right, 0, right.length);
        return finish(digest);
    }

    private byte[] finish(Digest digest) {
        byte[] out = new byte[size];
        // doFinal also resets the digest, so the next hash on this digest starts clean.
        digest.doFinal(out, 0);
        return out;
    }

    @Override
    public String toString() {
        return "MerkleHasher[" + algorithm.standardName() + "]";
    }
}
