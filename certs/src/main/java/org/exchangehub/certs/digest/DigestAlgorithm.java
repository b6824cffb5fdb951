package org.exchangehub.certs.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;

/** The hash functions a record digest, a Merkle tree or a signature may use, chosen by name. */
public enum DigestAlgorithm {
    /** FIPS 180-4 SHA-256, the default. */
    SHA_256("SHA-256"),
    /** GB/T 32905-2016 SM3, for deployments that must use the Chinese national algorithms. */
    SM3("SM3");

    private final String standardName;

    DigestAlgorithm(String standardName) {
        this.standardName = standardName;
    }

    /** The name used in receipts, on the ledger and in configuration: {@code SHA-256} or {@code SM3}. */
    public String standardName() {
        return standardName;
    }

    /** Length of a digest in bytes (32 for both). */
    public int length() {
        return 32;
    }

    /**
     * Finds an algorithm by its standard name, case-insensitively; {@code SHA256} and {@code SHA_256} are accepted too.
     *
     * @throws UnknownAlgorithmException naming the accepted names
     */
    public static DigestAlgorithm byName(String name) {
        if (name != null) {
            String wanted = name.trim().toUpperCase(Locale.ROOT).replace('_', '-');
            for (DigestAlgorithm algorithm : values()) {
                if (algorithm.standardName.equals(wanted)
                        || algorithm.standardName.replace("-", "").equals(wanted)) {
                    return algorithm;
                }
            }
        }
        throw new UnknownAlgorithmException("digest", name, names());
    }

    /** The accepted names, comma separated, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(DigestAlgorithm::standardName).collect(Collectors.joining(", "));
    }

    /** Digest of the given bytes. */
    public byte[] digest(byte[] data) {
        Digest digest = newDigest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /**
     * A fresh, not thread-safe Bouncy Castle digest, for callers that hash many small inputs (Merkle trees) and want
     * to avoid the JCA provider lookup.
     */
    public Digest newDigest() {
        return switch (this) {
            case SHA_256 -> new SHA256Digest();
            case SM3 -> new SM3Digest();
        };
    }

    /** A JCA {@link MessageDigest}; SHA-256 from the JDK, SM3 from Bouncy Castle's lightweight API. */
    public MessageDigest newMessageDigest() {
        if (this == SHA_256) {
            try {
                return MessageDigest.getInstance(standardName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform must support SHA-256", e);
            }
        }
        return new org.bouncycastle.jcajce.provider.digest.SM3.Digest();
    }
}
