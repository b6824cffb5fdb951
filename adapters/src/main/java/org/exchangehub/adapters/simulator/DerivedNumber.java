package org.exchangehub.adapters.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Numbers an agency issues, derived from the contract number so the same contract always gets the same one. */
final class DerivedNumber {

    /** The hub's id pattern allows 64 characters. */
    private static final int MAX_ID_LENGTH = 64;

    private DerivedNumber() {}

    /** {@code <prefix>-<contractNo>} when it fits in an id, else {@code <prefix>-} and a digest of the contract no. */
    static String of(String prefix, String contractNo) {
        String readable = prefix + "-" + contractNo;
        if (readable.length() <= MAX_ID_LENGTH) {
            return readable;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(contractNo.getBytes(UTF_8));
            return prefix + "-" + HexFormat.of().withUpperCase().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
