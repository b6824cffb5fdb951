package org.exchangehub.certs.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.exchangehub.certs.sign.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConcatenatedSignatureTests {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] DATA = "signing input".getBytes(StandardCharsets.US_ASCII);

    private static byte[] der(BigInteger r, BigInteger s) throws Exception {
        return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
    }

    private static byte[] raw(String rHex, String sHex) {
        return HEX.parseHex(rHex + sHex);
    }

    @Test
    void stripsTheDerSignByteOfAHighFirstBit() throws Exception {
        String r = "ff" + "11".repeat(31);
        String s = "80" + "22".repeat(31);
        byte[] der = der(new BigInteger(r, 16), new BigInteger(s, 16));
        // 33-byte INTEGERs: 0x00 then the value
        assertThat(HEX.formatHex(der)).startsWith("3046022100ff");

        assertThat(ConcatenatedSignature.fromDer(der, 32)).isEqualTo(raw(r, s));
        assertThat(ConcatenatedSignature.toDer(raw(r, s), 32)).isEqualTo(der);
    }

    @Test
    void leftPadsShortIntegersWithZeroBytes() throws Exception {
        byte[] der = der(BigInteger.ONE, new BigInteger("7f" + "33".repeat(29), 16)); // 1 byte and 30 bytes

        byte[] concatenated = ConcatenatedSignature.fromDer(der, 32);

        assertThat(concatenated).hasSize(64);
        assertThat(HEX.formatHex(concatenated)).isEqualTo("00".repeat(31) + "01" + "0000" + "7f" + "33".repeat(29));
    }

    @Test
    void writesMinimalDerIntegersForLeadingZeroBytes() throws Exception {
        String r = "00".repeat(31) + "01";
        String s = "0000" + "7f" + "33".repeat(29);

        byte[] der = ConcatenatedSignature.toDer(raw(r, s), 32);

        assertThat(der).isEqualTo(der(BigInteger.ONE, new BigInteger("7f" + "33".repeat(29), 16)));
        assertThat(HEX.formatHex(der)).startsWith("3023020101021e7f33");
        assertThat(ConcatenatedSignature.fromDer(der, 32)).isEqualTo(raw(r, s));
    }

    @Test
    void agreesWithTheJdksOwnP1363FormatBothWays() throws Exception {
        KeyPair keys = SignatureAlgorithm.ECDSA_P256.generateKeyPair();
        Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
        Signature derSigner = Signature.getInstance("SHA256withECDSA");
        // 300 rounds: about one r or s in 128 has a leading zero byte, so the padding paths are taken too
        for (int i = 0; i < 300; i++) {
            p1363.initSign(keys.getPrivate());
            p1363.update(DATA);
            byte[] concatenated = p1363.sign();
            derSigner.initVerify(keys.getPublic());
            derSigner.update(DATA);
            assertThat(derSigner.verify(ConcatenatedSignature.toDer(concatenated, 32)))
                    .isTrue();

            derSigner.initSign(keys.getPrivate());
            derSigner.update(DATA);
            byte[] der = derSigner.sign();
            p1363.initVerify(keys.getPublic());
            p1363.update(DATA);
            assertThat(p1363.verify(ConcatenatedSignature.fromDer(der, 32))).isTrue();
            assertThat(ConcatenatedSignature.toDer(ConcatenatedSignature.fromDer(der, 32), 32))
                    .isEqualTo(der);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 63, 65, 72})
    void refusesAConcatenatedSignatureOfTheWrongLength(int length) {
        assertThatThrownBy(() -> ConcatenatedSignature.toDer(new byte[length], 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an r||s signature of this curve has 64 bytes, this one has " + length);
    }

    @Test
    void refusesIntegersLargerThanTheCurve() throws Exception {
        byte[] der = der(BigInteger.ONE.shiftLeft(256), BigInteger.ONE);

        assertThatThrownBy(() -> ConcatenatedSignature.fromDer(der, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("r has 33 bytes, more than the 32 of the curve");
    }

    @Test
    void refusesZeroAndNegativeIntegers() throws Exception {
        assertThatThrownBy(() -> ConcatenatedSignature.fromDer(der(BigInteger.ONE, BigInteger.ZERO), 32))
                .hasMessageContaining("s of an ECDSA signature must be positive");
        assertThatThrownBy(() -> ConcatenatedSignature.fromDer(der(BigInteger.valueOf(-5), BigInteger.ONE), 32))
                .hasMessageContaining("r of an ECDSA signature must be positive");
    }

    @Test
    void refusesWhatIsNotExactlyADerSequenceOfTwoIntegers() throws Exception {
        byte[] three = new DERSequence(new ASN1Integer[] {new ASN1Integer(1), new ASN1Integer(2), new ASN1Integer(3)})
                .getEncoded();
        byte[] good = der(BigInteger.TWO, BigInteger.TEN);
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        // the same sequence with a BER long-form length (0x81 0x06) instead of DER's short form
        byte[] longFormLength = HEX.parseHex("308106020102020110");

        for (byte[] bad : new byte[][] {three, trailing, longFormLength, new byte[] {1, 2, 3}, new byte[0]}) {
            assertThatThrownBy(() -> ConcatenatedSignature.fromDer(bad, 32))
                    .as(HEX.formatHex(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a DER ECDSA signature");
        }
    }
}
