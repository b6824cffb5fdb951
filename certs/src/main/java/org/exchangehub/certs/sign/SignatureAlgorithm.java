package org.exchangehub.certs.sign;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.exchangehub.certs.digest.UnknownAlgorithmException;

/** The signature schemes that records, receipts and certificates may use, chosen by name. */
public enum SignatureAlgorithm {
    /** ECDSA over NIST P-256 with SHA-256 (JDK provider); signatures are DER and normalized to low S. */
    ECDSA_P256("ecdsa-p256", "SHA256withECDSA", "secp256r1"),
    /** SM2 with SM3 (GB/T 32918, Bouncy Castle), with the default user ID {@value #SM2_DEFAULT_USER_ID}. */
    SM2("sm2", "SM3withSM2", "sm2p256v1");

    /** The SM2 user ID that GB/T 35276 prescribes when the parties agreed on no other. */
    public static final String SM2_DEFAULT_USER_ID = "1234567812345678";

    private final String standardName;
    private final String jcaName;
    private final String curveName;
    private final BigInteger order;
    private final BigInteger fieldPrime;

    SignatureAlgorithm(String standardName, String jcaName, String curveName) {
        this.standardName = standardName;
        this.jcaName = jcaName;
        this.curveName = curveName;
        X9ECParameters curve = ECNamedCurveTable.getByName(curveName);
        this.order = curve.getN();
        this.fieldPrime = curve.getCurve().getField().getCharacteristic();
    }

    /** The name used on the command line and in configuration: {@code ecdsa-p256} or {@code sm2}. */
    public String standardName() {
        return standardName;
    }

    /** The JCA signature name: {@code SHA256withECDSA} or {@code SM3withSM2}. */
    public String jcaName() {
        return jcaName;
    }

    /** The curve the keys must be on: {@code secp256r1} (P-256) or {@code sm2p256v1}. */
    public String curveName() {
        return curveName;
    }

    /**
     * Finds an algorithm by its standard name, its enum name or its curve name, case-insensitively.
     *
     * @throws UnknownAlgorithmException naming the accepted names
     */
    public static SignatureAlgorithm byName(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (SignatureAlgorithm algorithm : values()) {
                if (algorithm.standardName.equals(wanted) || algorithm.curveName.equals(wanted)) {
                    return algorithm;
                }
            }
        }
        throw new UnknownAlgorithmException("signature", name, names());
    }

    /** The accepted names, comma separated, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(SignatureAlgorithm::standardName).collect(Collectors.joining(", "));
    }

    /**
     * The algorithm a key belongs to, told by its curve.
     *
     * @throws UnsuitableKeyException if it is not an EC key on P-256 or on the SM2 curve
     */
    public static SignatureAlgorithm forKey(Key key) {
        ECParameterSpec params = ecParameters(key);
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.owns(params)) {
                return algorithm;
            }
        }
        throw new UnsuitableKeyException("unsupported EC curve (field size "
                + params.getCurve().getField().getFieldSize() + " bits); expected one of the curves of: " + names());
    }

    /** A fresh key pair on this algorithm's curve. */
    public KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = this == SM2
                    ? KeyPairGenerator.getInstance("EC", BouncyCastle.provider())
                    : KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curveName));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + standardName + " key pair", e);
        }
    }

    /**
     * Signs the data; the signature is DER-encoded (r, s).
     *
     * @throws UnsuitableKeyException if the key is not a key of this algorithm
     */
    public byte[] sign(PrivateKey key, byte[] data) {
        PrivateKey checked = (PrivateKey) requireOwnKey(key);
        try {
            Signature signature = newSignature();
            signature.initSign(checked);
            signature.update(data);
            byte[] der = signature.sign();
            return this == ECDSA_P256 ? lowS(der) : der;
        } catch (InvalidKeyException e) {
            throw new UnsuitableKeyException(standardName + " cannot sign with this key: " + e.getMessage(), e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(standardName + " signing failed", e);
        }
    }

    /**
     * Checks a signature: {@code false} when it does not match the data and key, including when it is not even a
     * well-formed signature.
     *
     * @throws UnsuitableKeyException if the key is not a key of this algorithm
     */
    public boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) {
        PublicKey checked = (PublicKey) requireOwnKey(key);
        try {
            Signature signature = newSignature();
            signature.initVerify(checked);
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException e) {
            throw new UnsuitableKeyException(standardName + " cannot verify with this key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(standardName + " verification failed", e);
        }
    }

    /** Checks a signature against the public key of a certificate; see {@link #verify(PublicKey, byte[], byte[])}. */
    public boolean verify(X509Certificate certificate, byte[] data, byte[] signature) {
        return verify(certificate.getPublicKey(), data, signature);
    }

    private Signature newSignature() throws GeneralSecurityException {
        if (this == ECDSA_P256) {
            return Signature.getInstance(jcaName);
        }
        Signature signature = Signature.getInstance(jcaName, BouncyCastle.provider());
        signature.setParameter(new SM2ParameterSpec(SM2_DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII)));
        return signature;
    }

    private Key requireOwnKey(Key key) {
        Key ecKey = asEcKey(key);
        ECParameterSpec params = ((ECKey) ecKey).getParams();
        if (!owns(params)) {
            String actual = Arrays.stream(values())
                    .filter(other -> other.owns(params))
                    .map(other -> "a " + other.standardName + " key (curve " + other.curveName + ")")
                    .findFirst()
                    .orElse("an EC key on another curve");
            throw new UnsuitableKeyException(
                    standardName + " needs a key on curve " + curveName + ", but was given " + actual);
        }
        return ecKey;
    }

    private boolean owns(ECParameterSpec params) {
        return params.getOrder().equals(order)
                && params.getCurve().getField() instanceof ECFieldFp field
                && field.getP().equals(fieldPrime);
    }

    private static ECParameterSpec ecParameters(Key key) {
        return ((ECKey) asEcKey(key)).getParams();
    }

    /** The key itself if it is an EC key; an EC key the JDK could not type (an SM2 key in a JDK certificate) via BC. */
    private static Key asEcKey(Key key) {
        if (key == null) {
            throw new UnsuitableKeyException("no key given");
        }
        if (key instanceof ECKey) {
            return key;
        }
        if (!"EC".equals(key.getAlgorithm()) || key.getEncoded() == null) {
            throw new UnsuitableKeyException(
                    "expected an EC key (" + names() + "), but was given a " + key.getAlgorithm() + " key");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC", BouncyCastle.provider());
            return key instanceof PrivateKey
                    ? factory.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()))
                    : factory.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new UnsuitableKeyException("malformed EC key: " + e.getMessage(), e);
        }
    }

    /** Replaces s by n - s when s > n/2: the low-S form Fabric and Bitcoin insist on; both verify the same. */
    private byte[] lowS(byte[] der) throws IOException {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        if (s.compareTo(order.shiftRight(1)) <= 0) {
            return der;
        }
        return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(order.subtract(s))}).getEncoded();
    }
}
