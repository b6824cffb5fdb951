package org.exchangehub.certs.jws;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * ECDSA (and SM2) signatures both ways between DER, {@code SEQUENCE {INTEGER r, INTEGER s}}, which the JCA produces,
 * and the fixed-length big-endian r||s that JWS requires (RFC 7518 section 3.4): r and s are left-padded with zero
 * bytes to the field length, and DER's sign byte and minimal length are undone.
 */
public final class ConcatenatedSignature {

    private ConcatenatedSignature() {}

    /**
     * The r||s form of a DER signature.
     *
     * @param fieldLength bytes of r and of s (32 for P-256 and SM2)
     * @throws IllegalArgumentException if {@code der} is not exactly one DER sequence of two positive integers that fit
     */
    public static byte[] fromDer(byte[] der, int fieldLength) {
        BigInteger r;
        BigInteger s;
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            ASN1Sequence sequence = ASN1Sequence.getInstance(primitive);
            if (sequence.size() != 2 || !Arrays.equals(sequence.getEncoded(ASN1Encoding.DER), der)) {
                throw new IllegalArgumentException("not a DER SEQUENCE of exactly two INTEGERs");
            }
            r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
            s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER ECDSA signature: " + e.getMessage(), e);
        }
        byte[] out = new byte[2 * fieldLength];
        put(r, "r", out, 0, fieldLength);
        put(s, "s", out, fieldLength, fieldLength);
        return out;
    }

    /**
     * The DER form of an r||s signature.
     *
     * @param fieldLength bytes of r and of s (32 for P-256 and SM2)
     * @throws IllegalArgumentException if the length is not {@code 2 * fieldLength}
     */
    public static byte[] toDer(byte[] concatenated, int fieldLength) {
        if (concatenated.length != 2 * fieldLength) {
            throw new IllegalArgumentException("an r||s signature of this curve has " + 2 * fieldLength
                    + " bytes, this one has " + concatenated.length);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(concatenated, 0, fieldLength));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(concatenated, fieldLength, 2 * fieldLength));
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of two integers cannot fail", e);
        }
    }

    private static void put(BigInteger value, String name, byte[] out, int offset, int fieldLength) {
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " of an ECDSA signature must be positive, got " + value);
        }
        byte[] magnitude = value.toByteArray();
        int start = magnitude[0] == 0 ? 1 : 0; // DER's sign byte for a high first bit
        int length = magnitude.length - start;
        if (length > fieldLength) {
            throw new IllegalArgumentException(
                    name + " has " + length + " bytes, more than the " + fieldLength + " of the curve");
        }
        System.arraycopy(magnitude, start, out, offset + fieldLength - length, length);
    }
}
